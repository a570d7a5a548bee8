import type { Page } from 'playwright-core';

import { loginAndOpen, MANAGER, newPage, useDashboardFixture } from './dashboardFixture';
import { axeViolations, screenshot } from '../helpers/browser';

/** The chart as a manager reads it: its x axis names each bucket once, at the bucket, in any range and interval. */
useDashboardFixture();

/** What the x axis drew, the buckets' days as the figures' table lists them, and the plotting area's width. */
async function axis(page: Page): Promise<{ labels: string[]; days: string[]; width: number }> {
    const labels = JSON.parse((await page.getAttribute('#chart .plot', 'data-x-labels')) ?? '[]') as string[];
    const days = await page.$$eval('#chart table.buckets tbody tr', (rows) =>
        rows.map((row) => row.getAttribute('data-start')?.slice(0, 10) ?? ''),
    );
    const width = await page.$eval('#chart .u-over', (over) => (over as unknown as { clientWidth: number }).clientWidth);
    return { labels, days, width };
}

describe('the chart’s x axis, in Chromium', () => {
    it.each([
        ['one day', 'auto', 1400],
        ['last30', 'month', 1400],
        ['last30', 'week', 1400],
        ['last90', 'day', 1400],
        ['last90', 'day', 390],
    ])('labels each bucket at most once, in order, none overlapping (%s by %s at %i px)', async (preset, interval, width) => {
        const { context, page, problems } = await newPage();
        await page.setViewportSize({ width, height: 900 });
        await loginAndOpen(page, MANAGER);
        let ready = 1;
        // One day: the day of the latest chat (ten hours ago), a chart of one bucket.
        const day = new Date(Date.now() - 10 * 3_600_000).toISOString().slice(0, 10);
        const steps: Array<[string, string, 'select' | 'fill']> =
            preset === 'one day'
                ? [
                      ['#preset', 'custom', 'select'],
                      ['#from', day, 'fill'],
                      ['#to', day, 'fill'],
                  ]
                : [['#preset', preset, 'select']];
        for (const [control, value, how] of [...steps, ['#interval', interval, 'select'] as const]) {
            if ((await page.inputValue(control)) !== value) {
                await (how === 'select' ? page.selectOption(control, value) : page.fill(control, value));
                await page.waitForSelector(`#dashboard[data-ready="${++ready}"]`);
            }
        }
        const { labels, days, width: plotWidth } = await axis(page);
        expect(days.length).toBeGreaterThan(0);
        expect(labels.length).toBeGreaterThan(0);
        expect(new Set(labels).size).toBe(labels.length);
        expect(labels.every((label) => days.includes(label))).toBe(true);
        expect(labels.map((label) => days.indexOf(label))).toEqual([...labels.map((label) => days.indexOf(label))].sort((a, b) => a - b));
        // Each label gets at least 88 px: a date never runs into the next.
        expect(labels.length).toBeLessThanOrEqual(Math.max(1, Math.floor(plotWidth / 88)));
        if (days.length * 88 <= plotWidth) {
            expect(labels).toEqual(days); // every bucket named when they all fit
        }
        // The y axes tick at round steps: whole chats, and durations of round seconds, minutes and hours (#27 defect 6).
        const ticks = async (name: string) =>
            JSON.parse((await page.getAttribute('#chart .plot', `data-${name}-ticks`)) ?? '[]') as number[];
        const chatTicks = await ticks('chats');
        const secondTicks = await ticks('seconds');
        expect(chatTicks.length).toBeGreaterThan(1);
        expect(chatTicks.every((tick) => Number.isInteger(tick))).toBe(true);
        expect(secondTicks.length).toBeGreaterThan(1);
        const step = secondTicks[1] - secondTicks[0];
        expect([1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800]).toContain(step);
        // The figures' table under the chart: every column named, numbers' headers over their numbers (#27 defect 9).
        const headers = await page.$$eval('#chart table.buckets thead th', (cells) =>
            cells.map((cell) => [cell.textContent, cell.className]),
        );
        expect(headers).toEqual([
            [expect.stringMatching(/^(Day|Week|Month)$/), ''],
            ['Chats', 'number'],
            ['Average service time', 'number'],
        ]);
        await screenshot(page, `chart-${preset.replace(' ', '-')}-${interval}-${width}`);
        expect(problems).toEqual([]);
        await context.close();
    });
});

describe('the dashboard on a phone (390 px), in Chromium', () => {
    it('shows every figure: the spread bars, a chart with room to plot, and the table’s hidden columns behind a scroll cue (#27 defect 3)', async () => {
        const { context, page, problems } = await newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await loginAndOpen(page, MANAGER);
        const width = async (selector: string) => (await page.locator(selector).first().boundingBox())?.width ?? 0;
        expect(await width('#distribution .track')).toBeGreaterThanOrEqual(200);
        expect(await width('#chart .u-over')).toBeGreaterThanOrEqual(220); // it was about 130 px
        // The table is wider than the phone: it scrolls sideways, and a shadow at the edge says there is more.
        const scroll = await page.$eval('#agents-section .scroll', (element) => {
            const box = element as unknown as { scrollWidth: number; clientWidth: number };
            return {
                overflows: box.scrollWidth > box.clientWidth,
                shadow: (globalThis as unknown as { getComputedStyle(node: unknown): { backgroundImage: string } }).getComputedStyle(
                    element,
                ).backgroundImage,
            };
        });
        expect(scroll.overflows).toBe(true);
        expect(scroll.shadow).toContain('gradient');
        // Nothing else is wider than the phone: the page never scrolls sideways.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        await screenshot(page, 'dashboard-phone');
        expect(problems).toEqual([]);
        await context.close();
    });
});

describe('the dashboard at a desk and on a phone, in both colour schemes', () => {
    it.each([
        [1400, 'light'],
        [1400, 'dark'],
        [390, 'light'],
        [390, 'dark'],
    ] as const)('fits %i px in %s, with nothing axe-core objects to (the screenshots in docs/)', async (width, scheme) => {
        const { context, page, problems } = await newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        await loginAndOpen(page, MANAGER);
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `dashboard-${width}-${scheme}`);
        expect(problems).toEqual([]);
        await context.close();
    });
});
