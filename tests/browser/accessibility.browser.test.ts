import type { Page } from 'playwright-core';

import { axeViolations } from '../helpers/browser';
import { AGENT, fixture, loginAndOpen, MANAGER, newPage, showRangeWithoutChats, useDashboardFixture } from './dashboardFixture';

/**
 * axe-core finds nothing in any state a manager reaches (#27 defect 11): the figures, the drill-down
 * and its explanation, the chart's table, an error, an empty range, the refusal pages; in light and
 * dark colour schemes.
 */
useDashboardFixture();

const STATES: Array<[string, (page: Page) => Promise<void>]> = [
    ['the figures', async () => undefined],
    [
        'an agent’s chats and why their figure differs',
        async (page) => {
            await page.click('#agents button.agent-chats[data-agent-id="b-bea"]');
            await page.waitForSelector('#explain-figures');
            await page.waitForSelector('#chats tbody tr');
        },
    ],
    [
        'the figures’ table under the chart, and a bar’s chats',
        async (page) => {
            await page.click('#chart details summary');
            await page.click('#chart .bucket-chats >> nth=0');
            await page.waitForSelector('#chats tbody tr');
        },
    ],
    [
        'an unknown timezone',
        async (page) => {
            await page.fill('#timezone', 'Mars/Olympus_Mons');
            await page.locator('#timezone').dispatchEvent('change');
            await page.waitForSelector('#status.error');
        },
    ],
    ['a range without chats', showRangeWithoutChats],
];

describe('the dashboard’s accessibility, by axe-core', () => {
    for (const scheme of ['light', 'dark'] as const) {
        it.each(STATES)(`finds nothing wrong: %s (${scheme})`, async (_name, reach) => {
            const { context, page } = await newPage();
            await page.emulateMedia({ colorScheme: scheme });
            await loginAndOpen(page, MANAGER);
            await reach(page);
            expect(await axeViolations(page)).toEqual([]);
            await context.close();
        });
    }

    it.each([
        ['an agent, whose roles may not read the reports', '#forbidden'],
        ['someone not logged in', '#not-logged-in'],
    ])('finds nothing wrong on the page for %s', async (_name, selector) => {
        const { context, page } = await newPage();
        if (selector === '#forbidden') {
            await loginAndOpen(page, AGENT, selector);
        } else {
            await page.goto(fixture.dashboardUrl);
            await page.waitForSelector(selector);
        }
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
    });
});
