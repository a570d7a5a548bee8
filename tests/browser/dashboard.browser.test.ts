import type { Page } from 'playwright-core';

import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { Workspace } from '../../dev/workspace/workspace';
import { HISTORY_IMPORT_PATH, SERIES_PATH } from '../../lib/http/routes';
import { DASHBOARD_STRINGS } from '../../lib/dashboard/strings';
import { formatDuration } from '../../lib/format/duration';
import type { SeriesBucketItem } from '../../lib/http/answerSeries';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import { MANAGER as IMPORT_WATCHER, requestApp, waitForImport } from '../e2e/engineFixture';
import { testZipPath } from '../e2e/testZip';
import { screenshot } from '../helpers/browser';
import { DASHBOARD_ROUTES } from '../../lib/http/routes';
import {
    AGENT,
    api,
    downloadedText,
    fixture,
    GERENTE,
    HOSTILE,
    loginAndOpen,
    MANAGER,
    MONITORA,
    newPage,
    queryOf,
    showRangeWithoutChats,
    STATS_PATH,
    TOTAL_PATH,
    useDashboardFixture,
    waitFor,
} from './dashboardFixture';

useDashboardFixture();

async function tableRows(page: Page): Promise<string[][]> {
    return page.$$eval('#agents tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

/** The table a manager should see, computed from the stats and total endpoints for the page's own query. */
async function expectedRows(query: Record<string, string>): Promise<string[][]> {
    const scope = {
        start: query.start,
        end: query.end,
        ...(query.departmentId && { departmentId: query.departmentId }),
        ...(query.attribution && { attribution: query.attribution }),
        ...(query.hours && { hours: query.hours }),
        count: '100',
    };
    const stats = await api<{ agents: ServiceTimeStatsItem[] }>(STATS_PATH, scope);
    const totals = await api<{ agents: Array<{ _id: string; serviceTimeDuration: number }> }>(TOTAL_PATH, scope);
    const total = new Map(totals.agents.map((agent) => [agent._id, agent.serviceTimeDuration]));
    return stats.agents
        .map((agent) => [
            agent.username,
            String(agent.chats),
            formatDuration(agent.averageServiceTimeInSeconds),
            formatDuration(agent.medianServiceTimeInSeconds),
            formatDuration(agent.p90ServiceTimeInSeconds),
            formatDuration(total.get(agent._id) as number),
            agent.averageFirstResponseTimeInSeconds === null ? '—' : formatDuration(agent.averageFirstResponseTimeInSeconds),
        ])
        .sort((a, b) => Number(b[1]) - Number(a[1])); // the page's first order: most chats first
}

describe('the dashboard in Chromium, as a manager', () => {
    it('shows every agent’s figures as the stats and total endpoints give them, and one chart point per bucket of the series endpoint', async () => {
        const { context, page, requests, problems } = await newPage();
        const statsRequest = page.waitForRequest((request) => request.url().includes(STATS_PATH));
        const seriesRequest = page.waitForRequest((request) => request.url().includes(SERIES_PATH));
        await loginAndOpen(page, MANAGER);
        const query = queryOf(await statsRequest);

        const rows = await tableRows(page);
        expect(rows).toEqual(await expectedRows(query));
        expect(rows).toHaveLength(3);

        const series = await api<{ buckets: SeriesBucketItem[] }>(SERIES_PATH, queryOf(await seriesRequest));
        expect(series.buckets).toHaveLength(30); // the last 30 days, by day
        expect(await page.getAttribute('#chart', 'data-buckets')).toBe('30');
        expect(await page.getAttribute('#chart .plot', 'data-points')).toBe('30'); // what uPlot holds
        expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);
        expect(
            await page.$$eval('#chart table.buckets tbody tr', (trs) =>
                trs.map((tr) => [tr.getAttribute('data-start'), tr.children[1].textContent]),
            ),
        ).toEqual(series.buckets.map((bucket) => [bucket.start, String(bucket.chats)]));
        expect(await page.locator('#distribution li').count()).toBe(3);

        // Credentials travel in headers only.
        expect(requests.filter((url) => /token/i.test(url))).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(page, 'dashboard-manager');
        await context.close();
    });

    it('sorts the table by the column a manager clicks, and flips it on a second click', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const medians = async () =>
            page.$$eval('#agents tbody td:nth-child(4)', (cells) => cells.map((cell) => Number(cell.getAttribute('data-seconds'))));
        await page.click('#agents button[data-column="median"]');
        const descending = await medians();
        expect(descending).toEqual([...descending].sort((a, b) => b - a));
        await page.click('#agents button[data-column="median"]');
        expect(await medians()).toEqual([...descending].reverse());
        expect(await page.getAttribute('th:has(button[data-column="median"])', 'aria-sort')).toBe('ascending');
        // With the keyboard, the focus stays on the header just used (the table is drawn anew).
        await page.focus('#agents button[data-column="p90"]');
        await page.keyboard.press('Enter');
        expect(await page.getAttribute('th:has(button[data-column="p90"])', 'aria-sort')).toBe('descending');
        expect(
            await page.locator('#agents button[data-column="p90"]').evaluate((button) => button === button.ownerDocument.activeElement),
        ).toBe(true);
        // The distribution lists the agents in the table's order, whatever it is (#27 defect 9).
        const tableOrder = async () => page.$$eval('#agents tbody tr', (rows) => rows.map((row) => row.getAttribute('data-agent-id')));
        const spreadOrder = async () => page.$$eval('#distribution li', (items) => items.map((item) => item.getAttribute('data-agent-id')));
        for (const column of ['username', 'chats', 'p90']) {
            await page.click(`#agents button[data-column="${column}"]`);
            expect(await spreadOrder()).toEqual(await tableOrder());
        }
        await context.close();
    });

    it('reads the figures once when a manager steps through the ranges with the arrow keys, for the range they stop on', async () => {
        const { context, page, requests } = await newPage();
        await loginAndOpen(page, MANAGER);
        const before = requests.filter((url) => url.includes(STATS_PATH)).length;
        await page.focus('#preset');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await page.inputValue('#preset')).toBe('thisMonth');
        const stats = requests.filter((url) => url.includes(STATS_PATH)).slice(before);
        expect(stats).toHaveLength(1);
        expect(await page.getAttribute('#dashboard', 'data-ready')).toBe('2');
        await context.close();
    });

    it('changes the numbers with the department picker, to what the endpoints give for that department', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const everyone = await tableRows(page);
        const statsRequest = page.waitForRequest(
            (request) => request.url().includes(STATS_PATH) && request.url().includes('departmentId=sales'),
        );
        await page.selectOption('#department', 'sales');
        const query = queryOf(await statsRequest);
        await page.waitForSelector('#dashboard[data-ready="2"]');
        const sales = await tableRows(page);
        expect(sales).toEqual(await expectedRows(query));
        expect(sales).not.toEqual(everyone);
        expect(await page.locator('#department option:checked').textContent()).toBe('Sales');
        await screenshot(page, 'dashboard-department');
        await context.close();
    });

    it('credits each agent their own part of transferred chats, and counts business hours only, when the manager switches', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const lastAgent = await tableRows(page);
        const legsRequest = page.waitForRequest(
            (request) => request.url().includes(STATS_PATH) && request.url().includes('attribution=legs'),
        );
        const legsSeries = page.waitForRequest(
            (request) => request.url().includes(SERIES_PATH) && request.url().includes('attribution=legs'),
        );
        await page.selectOption('#attribution', 'legs');
        const legsQuery = queryOf(await legsRequest);
        await legsSeries;
        await page.waitForSelector('#dashboard[data-ready="2"]');
        const legs = await tableRows(page);
        expect(legs).toEqual(await expectedRows(legsQuery));
        expect(legs).not.toEqual(lastAgent); // transferred chats now count for both agents

        const businessRequest = page.waitForRequest(
            (request) =>
                request.url().includes(STATS_PATH) &&
                request.url().includes('hours=business') &&
                request.url().includes('attribution=legs'),
        );
        await page.selectOption('#hours', 'business');
        const businessQuery = queryOf(await businessRequest);
        await page.waitForSelector('#dashboard[data-ready="3"]');
        expect(await tableRows(page)).toEqual(await expectedRows(businessQuery));
        await screenshot(page, 'dashboard-legs-business-hours');
        await context.close();
    });

    it('cuts the chart’s days in the timezone a manager picks, and charts one agent when asked', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const seriesRequest = page.waitForRequest((request) => request.url().includes(SERIES_PATH) && request.url().includes('Kolkata'));
        await page.fill('#timezone', 'Asia/Kolkata');
        await page.press('#timezone', 'Enter');
        await page.locator('#timezone').dispatchEvent('change');
        const query = queryOf(await seriesRequest);
        await page.waitForSelector('#chart table.buckets tbody tr[data-start$="+05:30"]', { state: 'attached' });
        const series = await api<{ buckets: SeriesBucketItem[] }>(SERIES_PATH, query);
        expect(series.buckets[0].start).toMatch(/T00:00:00\.000\+05:30$/);
        expect(await page.$$eval('#chart table.buckets tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-start')))).toEqual(
            series.buckets.map((bucket) => bucket.start),
        );

        const agentRequest = page.waitForRequest(
            (request) => request.url().includes(SERIES_PATH) && request.url().includes('agentId=b-bea'),
        );
        await page.selectOption('#chart-agent', 'b-bea');
        const agentSeries = await api<{ buckets: SeriesBucketItem[] }>(SERIES_PATH, queryOf(await agentRequest));
        const chats = agentSeries.buckets.map((bucket) => String(bucket.chats));
        await waitFor(
            async () => (await page.locator('#chart table.buckets tbody td:nth-child(2)').allTextContents()).join() === chats.join(),
        );
        await screenshot(page, 'dashboard-kolkata-one-agent');
        await context.close();
    });

    it('downloads as CSV exactly what the stats endpoint answers in CSV for what is on screen', async () => {
        const { context, page } = await newPage();
        const statsRequest = page.waitForRequest((request) => request.url().includes(STATS_PATH));
        await loginAndOpen(page, MANAGER);
        const query = queryOf(await statsRequest);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
        expect(download.suggestedFilename()).toBe('service-time-stats.csv');
        const file = await downloadedText(download);
        const csv = await requestApp(fixture.host, fixture.appId, STATS_PATH, {
            query: { start: query.start, end: query.end, format: 'csv', count: '100', offset: '0' },
            caller: MANAGER,
        });
        expect(file).toBe(csv.body);
        expect(file.split('\r\n').filter(Boolean)).toHaveLength(4); // the header and three agents
        await context.close();
    });

    it('shows a username holding markup as text: no image, no script run', async () => {
        const { context, page, problems } = await newPage();
        await loginAndOpen(page, MANAGER);
        const names = await page.$$eval('#agents tbody th', (cells) => cells.map((cell) => cell.textContent));
        expect(names).toContain(HOSTILE);
        expect(await page.locator('#agents img, #distribution img, #chart img').count()).toBe(0);
        expect(await page.$$eval('#chart-agent option', (options) => options.map((option) => option.textContent))).toContain(HOSTILE);
        expect(problems).toEqual([]);
        await context.close();
    });

    it('says so when the range holds no chats', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        await showRangeWithoutChats(page);
        expect(await page.textContent('#status')).toBe(DASHBOARD_STRINGS.en.empty);
        expect(await page.locator('#agents').count()).toBe(0);
        await screenshot(page, 'dashboard-empty');
        await context.close();
    });

    it('shows the API’s own message when a request fails, with a way to try again', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        // Two years by day: more buckets than the series endpoint answers.
        await page.selectOption('#preset', 'custom');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        await page.selectOption('#interval', 'day');
        await page.waitForSelector('#dashboard[data-ready="3"]');
        await page.fill('#from', '2024-01-01');
        await page.locator('#from').dispatchEvent('change');
        await page.waitForSelector('#status.error');
        expect(await page.textContent('#status')).toContain('The range holds more than 1000 buckets of this interval');
        expect(await page.getByRole('button', { name: DASHBOARD_STRINGS.en.retry }).count()).toBe(1);
        // No figures on screen: nothing to download, and the button says so by being off.
        expect(await page.isDisabled('#download-csv')).toBe(true);
        await screenshot(page, 'dashboard-error');
        await context.close();
    });

    it('refuses a timezone nobody knows, or a reversed range, in plain words, and keeps the figures on screen (#27 defect 8)', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const before = await tableRows(page);
        await page.fill('#timezone', 'Mars/Olympus_Mons');
        await page.locator('#timezone').dispatchEvent('change');
        await page.waitForSelector('#status.error');
        expect(await page.textContent('#status')).toBe(DASHBOARD_STRINGS.en.unknownTimeZone('Mars/Olympus_Mons'));
        expect(await tableRows(page)).toEqual(before);
        expect(await page.isEnabled('#download-csv')).toBe(true);

        await page.fill('#timezone', 'UTC');
        await page.locator('#timezone').dispatchEvent('change');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        await page.selectOption('#preset', 'custom');
        await page.waitForSelector('#dashboard[data-ready="3"]');
        await page.fill('#from', '2026-12-31');
        await page.locator('#from').dispatchEvent('change');
        await page.waitForSelector('#status.error');
        expect(await page.textContent('#status')).toBe(DASHBOARD_STRINGS.en.invalidRange);
        expect(await tableRows(page)).toEqual(before);
        await context.close();
    });

    it('shows the timezone the figures use when the field is emptied (#27 defect 8)', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        const used = await page.inputValue('#timezone');
        await page.fill('#timezone', '');
        await page.locator('#timezone').dispatchEvent('change');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        expect(await page.inputValue('#timezone')).toBe(used);
        await context.close();
    });
});

describe('the dashboard for everyone else', () => {
    it('tells an agent their roles may not read the reports, and which setting an administrator changes', async () => {
        const { context, page, problems } = await newPage();
        await loginAndOpen(page, AGENT, '#forbidden');
        expect(await page.textContent('#forbidden')).toContain(DASHBOARD_STRINGS.en.forbiddenHelp);
        expect(await page.locator('#agents').count()).toBe(0);
        expect(problems).toEqual([]);
        await screenshot(page, 'dashboard-forbidden');
        await context.close();
    });

    it('asks someone who is not logged in to log in, and so does a login Rocket.Chat no longer knows', async () => {
        const { context, page } = await newPage();
        await page.goto(fixture.dashboardUrl);
        await page.waitForSelector('#not-logged-in');
        expect(await page.getAttribute('#not-logged-in a', 'href')).toBe(`${fixture.host.baseUrl}/home`);
        await screenshot(page, 'dashboard-not-logged-in');

        await context.addCookies([
            { name: 'rc_uid', value: MANAGER._id, url: fixture.host.baseUrl },
            { name: 'rc_token', value: 'expired-token', url: fixture.host.baseUrl },
        ]);
        await page.reload();
        await page.waitForSelector('#not-logged-in');
        await context.close();
    });

    it('speaks the user’s Rocket.Chat language: Spanish, and Brazilian Portuguese over an English browser', async () => {
        const spanish = await newPage();
        await loginAndOpen(spanish.page, GERENTE);
        expect(await spanish.page.textContent('h1')).toBe(DASHBOARD_STRINGS.es.title);
        expect(await spanish.page.textContent('label:has(#show-ratings)')).toBe(` ${DASHBOARD_STRINGS.es.showRatings}`);
        await spanish.page.check('#show-ratings'); // every column, the ratings' too
        expect(await spanish.page.$$eval('#agents thead button', (buttons) => buttons.map((button) => button.textContent))).toEqual(
            Object.values(DASHBOARD_STRINGS.es.columns),
        );
        expect(await spanish.page.getAttribute('html', 'lang')).toBe('es');
        await screenshot(spanish.page, 'dashboard-es');
        await spanish.context.close();

        const portuguese = await newPage({ language: 'en-US' });
        await loginAndOpen(portuguese.page, MONITORA);
        expect(await portuguese.page.textContent('h1')).toBe(DASHBOARD_STRINGS['pt-BR'].title);
        expect(await portuguese.page.textContent('#download-csv')).toBe(DASHBOARD_STRINGS['pt-BR'].downloadCsv);
        await portuguese.context.close();
    });

    it('speaks the browser’s language before it knows the user’s', async () => {
        const { context, page } = await newPage({ language: 'es-MX' });
        await page.goto(fixture.dashboardUrl);
        await page.waitForSelector('#not-logged-in');
        expect(await page.textContent('#not-logged-in')).toContain(DASHBOARD_STRINGS.es.notLoggedIn);
        await context.close();
    });
});

describe('the history import’s progress on the dashboard', () => {
    let importHost: AppsEngineHost | undefined;

    afterAll(async () => {
        await importHost?.stop();
    });

    it('shows the import while it runs, then reads the figures again when it ends', async () => {
        const workspace = new Workspace();
        workspace.addUser(MANAGER);
        workspace.addUser({ ...IMPORT_WATCHER, name: IMPORT_WATCHER.username }); // whom waitForImport calls as
        workspace.addUser({ _id: 'h-agent', username: 'hana', name: 'Hana', roles: ['livechat-agent'] });
        const now = Date.now();
        for (let i = 0; i < 3_000; i++) {
            const id = `history-${i}`;
            const ts = new Date(now - 3_600_000 - i * 600_000); // every 10 minutes back from an hour ago
            workspace.openRoom({ _id: id, ts });
            workspace.serveRoom(id, 'h-agent', new Date(ts.getTime() + 5_000));
            workspace.closeRoom(id, new Date(ts.getTime() + 65_000));
        }
        importHost = await AppsEngineHost.start({ workspace });
        const { id } = await importHost.install(testZipPath());
        importHost.landingPage = importHost.url(id, DASHBOARD_ROUTES.page);
        await waitForImport(importHost, id, (status) => status.state === 'running' && status.scanned > 0);

        const { context, page } = await newPage();
        const running = importHost;
        await running.whileJobsPaused(async () => {
            // Held between two batches: the import is running and has read part of the history.
            const status = (await requestApp(running, id, HISTORY_IMPORT_PATH, { caller: MANAGER })).body as {
                state: string;
                scanned: number;
                imported: number;
            };
            expect(status.state).toBe('running');
            await page.goto(`${running.baseUrl}/home`);
            await page.getByRole('button', { name: `Log in as ${MANAGER.username}` }).click();
            await page.waitForSelector('#import:not([hidden])');
            expect(await page.textContent('#import')).toBe(DASHBOARD_STRINGS.en.importRunning(status.scanned, status.imported));
            // Announced to screen readers as it changes (#27 defect 10).
            expect([await page.getAttribute('#import', 'role'), await page.getAttribute('#import', 'aria-live')]).toEqual([
                'status',
                'polite',
            ]);
            await page.waitForSelector('#dashboard[data-ready="1"]');
            await screenshot(page, 'dashboard-import-running');
        });
        await waitForImport(running, id, (status) => status.state === 'done');
        await page.waitForSelector('#import[hidden]', { state: 'attached', timeout: 30_000 });
        // The figures are read again once it ended: every imported chat is in the table (all within the last 30 days).
        await waitFor(async () => (await page.locator('#agents tbody td').first().textContent()) === '3000');
        await context.close();
    }, 180_000);
});
