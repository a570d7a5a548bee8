import type { Page } from 'playwright-core';

import { CHATS_PATH, EXPLAIN_PATH, SERIES_PATH } from '../../lib/http/routes';
import type { ChatItem } from '../../lib/reports/chatRows';
import type { ExplainedFigure } from '../../lib/reports/explain';
import { formatDuration } from '../../lib/format/duration';
import type { SeriesBucketItem } from '../../lib/http/answerSeries';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import { requestApp } from '../e2e/engineFixture';
import { screenshot } from '../helpers/browser';
import {
    api,
    downloadedText,
    fixture,
    loginAndOpen,
    MANAGER,
    newPage,
    queryOf,
    STATS_PATH,
    TOTAL_PATH,
    useDashboardFixture,
    waitFor,
} from './dashboardFixture';

/**
 * The chats behind the figures, as a manager reaches them: an agent's name, a bar of the chart, the
 * explanation of an agent's figure beside Rocket.Chat's, and the chats as CSV; each checked against
 * the endpoints an integration calls.
 */
useDashboardFixture();

type Rows = { chats: ChatItem[]; total: number };

/** The agent's figure in total-service-time asked one way, as the explanation's table shows it. */
async function reportedFigure(query: Record<string, string>, agentId: string): Promise<string[]> {
    const totals = await api<{ agents: Array<{ _id: string; chats: number; serviceTimeDuration: number }> }>(TOTAL_PATH, query);
    const row = totals.agents.find((agent) => agent._id === agentId);
    return [String(row?.chats ?? 0), formatDuration(row?.serviceTimeDuration ?? 0)];
}

async function shownRows(page: Page): Promise<Array<Array<string | null>>> {
    return page.$$eval('#chats tbody tr', (rows) =>
        rows.map((row) => [row.getAttribute('data-room-id'), row.children[1].getAttribute('data-seconds')]),
    );
}

describe('the chats behind the figures, in Chromium', () => {
    it('lists the chats behind an agent’s figures when the manager clicks (or presses Enter on) the name: exactly the chats endpoint’s rows, paged', async () => {
        const { context, page, problems } = await newPage();
        await page.setViewportSize({ width: 1400, height: 900 });
        await loginAndOpen(page, MANAGER);
        await page.selectOption('#attribution', 'legs');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        const chatsRequest = page.waitForRequest((request) => request.url().includes(CHATS_PATH));
        await page.focus('#agents button.agent-chats[data-agent-id="b-ana"]');
        await page.keyboard.press('Enter');
        const query = queryOf(await chatsRequest);
        await page.waitForSelector('#chats tbody tr');
        expect(query).toMatchObject({ agentId: 'b-ana', attribution: 'legs', count: '25', offset: '0' });
        const expected = await api<Rows>(CHATS_PATH, { ...query, count: '100' });
        const stats = await api<{ agents: ServiceTimeStatsItem[] }>(STATS_PATH, {
            start: query.start,
            end: query.end,
            attribution: 'legs',
        });
        expect(expected.total).toBe(stats.agents.find((agent) => agent._id === 'b-ana')?.chats);
        const shown = () => shownRows(page);
        const rows = expected.chats.map((chat) => [chat.roomId, String(chat.serviceTimeInSeconds)]);
        expect(await shown()).toEqual(rows.slice(0, 25));
        expect(await page.textContent('#chats-page')).toBe(`1–${Math.min(25, expected.total)} of ${expected.total}`);
        expect(await page.locator('#chats-title').evaluate((heading) => heading === heading.ownerDocument.activeElement)).toBe(true);
        // A transferred chat says who held it, for how long and how each stretch ended.
        const handed = expected.chats.find((chat) => chat.legs.length > 1);
        expect(handed).toBeDefined();
        expect(await page.textContent(`#chats tr[data-room-id="${handed?.roomId}"] .legs-text`)).toContain('transferred');
        expect(await page.getAttribute(`#chats tr[data-room-id="${handed?.roomId}"] a`, 'href')).toBe(handed?.link);
        await screenshot(page, 'dashboard-chats');
        if (expected.total > 25) {
            await page.click('#chats-next');
            await waitFor(async () => (await shown())[0]?.[0] === rows[25][0]);
            expect(await shown()).toEqual(rows.slice(25, 50));
        }
        // A new scope clears the list: its rows belong to the old one.
        await page.selectOption('#department', 'sales');
        await page.waitForSelector('#chats-section', { state: 'hidden' });
        expect(problems).toEqual([]);
        await context.close();
    });

    it('explains an agent’s figure beside Rocket.Chat’s: each counting as the total report gives it, and the chats handed over', async () => {
        const { context, page, problems } = await newPage();
        await page.setViewportSize({ width: 1400, height: 900 });
        await loginAndOpen(page, MANAGER);
        const explainRequest = page.waitForRequest((request) => request.url().includes(EXPLAIN_PATH));
        await page.click('#agents button.agent-chats[data-agent-id="b-bea"]');
        const query = queryOf(await explainRequest);
        await page.waitForSelector('#explain-figures');
        expect(query).toEqual({ start: expect.any(String), end: expect.any(String), agentId: 'b-bea' });
        const range = { start: query.start, end: query.end, count: '100' };
        const figures = await page.$$eval('#explain-figures tbody tr', (rows) =>
            rows.map((row) => [row.getAttribute('data-counting'), row.children[1].textContent, row.children[2].textContent]),
        );
        expect(figures).toEqual([
            ['core', ...(await reportedFigure(range, 'b-bea'))],
            ['legs', ...(await reportedFigure({ ...range, attribution: 'legs' }, 'b-bea'))],
            ['business', ...(await reportedFigure({ ...range, hours: 'business' }, 'b-bea'))],
        ]);
        const explained = await api<{
            core: ExplainedFigure;
            legs: ExplainedFigure;
            transfers: { chats: number; top: Array<{ roomId: string }> };
        }>(EXPLAIN_PATH, query);
        // Every fifth chat went to the next agent halfway: bea took some from ana and handed some to the next.
        expect(explained.transfers.chats).toBeGreaterThan(0);
        expect(await page.textContent('#explain-transfers')).toContain(`${explained.transfers.chats} chats were handed over`);
        expect(
            await page.$$eval('#explain-transfer-chats tbody tr', (rows) => rows.map((row) => row.getAttribute('data-room-id'))),
        ).toEqual(explained.transfers.top.map((chat) => chat.roomId));
        await screenshot(page, 'dashboard-explain');
        expect(problems).toEqual([]);
        await context.close();
    });

    it('lists the chats of a bar when the manager clicks it (or its day in the figures’ table): exactly the bucket’s chats', async () => {
        const { context, page, problems } = await newPage();
        await page.setViewportSize({ width: 1400, height: 900 });
        const seriesRequest = page.waitForRequest((request) => request.url().includes(SERIES_PATH));
        await loginAndOpen(page, MANAGER);
        const seriesQuery = queryOf(await seriesRequest);
        const series = await api<{ buckets: SeriesBucketItem[] }>(SERIES_PATH, seriesQuery);
        const index = series.buckets.findIndex((bucket) => bucket.chats > 1);
        const bucket = series.buckets[index];
        const box = await page.locator('#chart .u-over').boundingBox();
        if (!box) {
            throw new Error('the chart is not drawn');
        }
        const chatsRequest = page.waitForRequest((request) => request.url().includes(CHATS_PATH));
        // The x scale runs from half a bucket before the first to half a bucket after the last.
        await page.mouse.click(box.x + (box.width * (index + 0.5)) / series.buckets.length, box.y + box.height - 4);
        const query = queryOf(await chatsRequest);
        expect(query.agentId).toBeUndefined();
        expect(Date.parse(query.start)).toBe(Math.max(Date.parse(bucket.start), Date.parse(seriesQuery.start)));
        const next = series.buckets[index + 1];
        expect(Date.parse(query.end)).toBe(next ? Date.parse(next.start) - 1 : Date.parse(seriesQuery.end));
        await page.waitForSelector('#chats tbody tr');
        const expected = await api<Rows>(CHATS_PATH, { ...query, count: '100' });
        expect(expected.total).toBe(bucket.chats);
        expect(await shownRows(page)).toEqual(expected.chats.map((chat) => [chat.roomId, String(chat.serviceTimeInSeconds)]));
        expect(await page.textContent('#chats-title')).toBe(`Chats of ${bucket.start.slice(0, 10)}`);

        // The keyboard's way: the bucket's day in the figures' table, for one agent charted.
        await page.selectOption('#chart-agent', 'b-ana');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        await page.click('#chart details summary');
        const agentSeries = await api<{ buckets: SeriesBucketItem[] }>(SERIES_PATH, { ...seriesQuery, agentId: 'b-ana' });
        const agentIndex = agentSeries.buckets.findIndex((item) => item.chats > 0);
        const agentRequest = page.waitForRequest((request) => request.url().includes(CHATS_PATH));
        await page.focus(`#chart .bucket-chats[data-index="${agentIndex}"]`);
        await page.keyboard.press('Enter');
        const agentQuery = queryOf(await agentRequest);
        expect(agentQuery.agentId).toBe('b-ana');
        await waitFor(
            async () =>
                (await page.textContent('#chats-title')) === `Chats of ana.souza, ${agentSeries.buckets[agentIndex].start.slice(0, 10)}`,
        );
        const agentRows = await api<Rows>(CHATS_PATH, { ...agentQuery, count: '100' });
        expect(agentRows.total).toBe(agentSeries.buckets[agentIndex].chats);
        expect(problems).toEqual([]);
        await context.close();
    });

    it('downloads the chats on screen as the endpoint’s CSV, one row per chat with its legs', async () => {
        const { context, page, problems } = await newPage();
        await loginAndOpen(page, MANAGER);
        await page.selectOption('#attribution', 'legs');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        const chatsRequest = page.waitForRequest((request) => request.url().includes(CHATS_PATH));
        await page.click('#agents button.agent-chats[data-agent-id="b-ana"]');
        const query = queryOf(await chatsRequest);
        await page.waitForSelector('#chats tbody tr');
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#chats-csv')]);
        expect(download.suggestedFilename()).toBe('service-time-chats.csv');
        const csv = await requestApp(fixture.host, fixture.appId, CHATS_PATH, {
            query: { ...query, format: 'csv', count: '0', offset: '0' },
            caller: MANAGER,
        });
        const file = await downloadedText(download);
        expect(file).toBe(csv.body);
        const stats = await api<{ agents: ServiceTimeStatsItem[] }>(STATS_PATH, {
            start: query.start,
            end: query.end,
            attribution: 'legs',
        });
        expect(file.split('\r\n').filter(Boolean)).toHaveLength(1 + (stats.agents.find((agent) => agent._id === 'b-ana')?.chats ?? 0));
        expect(problems).toEqual([]);
        await context.close();
    });
});
