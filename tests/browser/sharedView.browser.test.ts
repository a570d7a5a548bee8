import { STATS_PATH, fixture, loginAndOpen, MANAGER, newPage, queryOf, useDashboardFixture } from './dashboardFixture';
import { SERIES_PATH } from '../../lib/http/routes';

/** A link to exactly what a manager sees: the view in the address's fragment, never a token (#27, "a shareable view"). */
useDashboardFixture();

describe('a shareable view, in Chromium', () => {
    it('keeps the controls and the agent charted in the address, and a colleague opening it sees the same figures', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        await page.selectOption('#department', 'sales');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        await page.selectOption('#attribution', 'legs');
        await page.waitForSelector('#dashboard[data-ready="3"]');
        await page.selectOption('#interval', 'week');
        await page.waitForSelector('#dashboard[data-ready="4"]');
        await page.selectOption('#chart-agent', 'b-ana');
        await page.waitForSelector('#dashboard[data-ready="5"]');
        const link = page.url();
        expect(new URL(link).hash).toBe('#department=sales&credit=legs&per=week&agent=b-ana');
        expect(link).not.toContain(MANAGER.authToken);
        expect(link).not.toContain(MANAGER._id);
        await context.close();

        // Someone else's browser: their own login, then the link, opened in a new tab.
        const other = await newPage();
        await loginAndOpen(other.page, MANAGER);
        const tab = await other.context.newPage();
        const statsRequest = tab.waitForRequest((request) => request.url().includes(STATS_PATH));
        const seriesRequest = tab.waitForRequest((request) => request.url().includes(SERIES_PATH) && request.url().includes('agentId'));
        await tab.goto(link);
        expect(queryOf(await statsRequest)).toMatchObject({ departmentId: 'sales', attribution: 'legs' });
        expect(queryOf(await seriesRequest)).toMatchObject({
            departmentId: 'sales',
            attribution: 'legs',
            interval: 'week',
            agentId: 'b-ana',
        });
        await tab.waitForSelector('#dashboard[data-ready="1"]');
        const controls = ['#department', '#attribution', '#interval', '#chart-agent'];
        expect(await Promise.all(controls.map((control) => tab.inputValue(control)))).toEqual(['sales', 'legs', 'week', 'b-ana']);
        // The same link followed on a page already open changes its view too.
        await other.page.goto(link);
        await other.page.waitForSelector('#dashboard[data-ready="2"]');
        expect(await Promise.all(controls.map((control) => other.page.inputValue(control)))).toEqual(['sales', 'legs', 'week', 'b-ana']);
        await other.context.close();
    });

    it('opens a link naming what this workspace does not have as the plain view', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const tab = await context.newPage();
        await tab.goto(`${fixture.dashboardUrl}#department=nowhere&credit=everyone&tz=Mars%2FBase&range=forever`);
        await tab.waitForSelector('#dashboard[data-ready="1"]');
        expect(
            await Promise.all(['#department', '#attribution', '#timezone', '#preset'].map((control) => tab.inputValue(control))),
        ).toEqual(['', 'last', 'UTC', 'last30']);
        await context.close();
    });
});
