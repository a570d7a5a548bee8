import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { Workspace } from '../../dev/workspace/workspace';
import { agentsReportPath, CHATS_PATH, HISTORY_IMPORT_PATH, SERIES_PATH } from '../../lib/http/routes';
import type { ChatItem } from '../../lib/reports/chatRows';
import { DASHBOARD_STRINGS } from '../../lib/dashboard/strings';
import { formatDuration } from '../../lib/format/duration';
import { TOTAL_SERVICE_TIME } from '../../lib/reports/shapes';
import type { SeriesBucketItem } from '../../lib/http/answerSeries';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import { SERVICE_TIME_STATS } from '../../lib/reports/statsShape';
import { MANAGER as IMPORT_WATCHER, requestApp, waitForImport } from '../e2e/engineFixture';
import { testZipPath } from '../e2e/testZip';
import { launchChromium } from '../../dev/browser/chromium';
import { screenshot } from '../helpers/browser';
import { DASHBOARD_ROUTES } from '../../lib/http/routes';

/**
 * The dashboard as a manager sees it: the packaged zip in the real engine, the host's login page
 * setting the cookies Rocket.Chat's web client sets, and Debian's Chromium showing the page. Each
 * test asserts what is on screen against the JSON endpoints integrations call, and keeps a
 * screenshot of the state it reached under build/screenshots/.
 */
const STATS_PATH = agentsReportPath(SERVICE_TIME_STATS.name);
const TOTAL_PATH = agentsReportPath(TOTAL_SERVICE_TIME.name);
const HOSTILE = '<img src=x onerror=alert(1)>';

const user = (id: string, roles: string[], language?: string) => ({
    _id: id,
    username: id,
    name: id,
    authToken: `${id}-token`,
    roles: ['user', ...roles],
    ...(language && { language }),
});
const MANAGER = user('maria.manager', ['livechat-manager']);
const GERENTE = user('gerente', ['livechat-manager'], 'es');
const MONITORA = user('monitora', ['livechat-monitor'], 'pt-BR');
const AGENT = user('agente', ['livechat-agent']);
const AGENTS = [
    ['b-ana', 'ana.souza'],
    ['b-bea', 'bea'],
    ['b-evil', HOSTILE],
];

let host: AppsEngineHost;
let appId: string;
let browser: Browser;
let dashboardUrl: string;

beforeAll(async () => {
    browser = await launchChromium();
    host = await AppsEngineHost.start();
    ({ id: appId } = await host.install(testZipPath()));
    dashboardUrl = host.url(appId, DASHBOARD_ROUTES.page);
    host.landingPage = dashboardUrl;
    const { workspace } = host;
    for (const person of [MANAGER, GERENTE, MONITORA, AGENT]) {
        workspace.addUser(person);
    }
    for (const [id, username] of AGENTS) {
        workspace.addUser({ _id: id, username, name: username, roles: ['livechat-agent'] });
    }
    workspace.addDepartment({ _id: 'sales', name: 'Sales' });
    workspace.addDepartment({ _id: 'support', name: 'Support' });
    // 60 chats over the last 25 days: every 10 hours, in three departments' worth of mixes.
    const now = Date.now();
    for (let i = 0; i < 60; i++) {
        const id = `browser-room-${i}`;
        const ts = new Date(now - (i + 1) * 10 * 3_600_000);
        workspace.openRoom({ _id: id, ts, departmentId: i % 3 === 0 ? 'sales' : i % 3 === 1 ? 'support' : undefined });
        const servedAt = new Date(ts.getTime() + 15_000);
        host.routing.take(id, AGENTS[i % AGENTS.length][0], servedAt);
        if (i % 4 !== 0) {
            workspace.replyAsAgent(id, new Date(servedAt.getTime() + 4_000 + i * 700));
        }
        const closedAt = new Date(servedAt.getTime() + 30_000 + ((i * 7_919) % 40) * 45_000);
        if (i % 5 === 0) {
            // Every fifth chat goes to the next agent halfway: credited by legs, it counts for both.
            host.routing.transferToAgent(id, AGENTS[(i + 1) % AGENTS.length][0], new Date((servedAt.getTime() + closedAt.getTime()) / 2));
        }
        await host.routing.settle();
        await host.closeRoom(id, closedAt);
    }
}, 120_000);

afterAll(async () => {
    await browser?.close();
    await host?.stop();
});

/** A page of a fresh browser profile, with what it requested and any error it logged. */
async function newPage(
    options: { language?: string } = {},
): Promise<{ context: BrowserContext; page: Page; requests: string[]; problems: string[] }> {
    const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: options.language ?? 'en-US',
        acceptDownloads: true,
    });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
        if (message.type() === 'error') {
            problems.push(`console: ${message.text()}`);
        }
    });
    page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
    });
    return { context, page, requests, problems };
}

/** Logs in on the host's login page, which lands on the dashboard, and waits for its first figures. */
async function loginAndOpen(page: Page, person: { username: string }, waitFor = '#dashboard[data-ready="1"]'): Promise<void> {
    await page.goto(`${host.baseUrl}/home`);
    await page.getByRole('button', { name: `Log in as ${person.username}` }).click();
    await page.waitForURL(dashboardUrl);
    await page.waitForSelector(waitFor);
}

/** The query the page sent to one of the app's endpoints, as a caller of the API would send it. */
function queryOf(request: Request | string): Record<string, string> {
    return Object.fromEntries(new URL(typeof request === 'string' ? request : request.url()).searchParams);
}

async function api<T>(path: string, query: Record<string, string>): Promise<T> {
    const answer = await requestApp(host, appId, path, { query, caller: MANAGER });
    expect(answer.status).toBe(200);
    return answer.body as T;
}

/** Polls what the page shows until it holds (the page re-renders after each answer it gets). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) {
            throw new Error('the page did not get there in time');
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

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
        const file = await download.createReadStream().then(async (stream) => {
            const chunks: Buffer[] = [];
            for await (const chunk of stream) {
                chunks.push(chunk as Buffer);
            }
            return Buffer.concat(chunks).toString('utf8');
        });
        const csv = await requestApp(host, appId, STATS_PATH, {
            query: { start: query.start, end: query.end, format: 'csv', count: '100', offset: '0' },
            caller: MANAGER,
        });
        expect(file).toBe(csv.body);
        expect(file.split('\r\n').filter(Boolean)).toHaveLength(4); // the header and three agents
        await context.close();
    });

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
        const expected = await api<{ chats: ChatItem[]; total: number }>(CHATS_PATH, { ...query, count: '100' });
        const stats = await api<{ agents: ServiceTimeStatsItem[] }>(STATS_PATH, {
            start: query.start,
            end: query.end,
            attribution: 'legs',
        });
        expect(expected.total).toBe(stats.agents.find((agent) => agent._id === 'b-ana')?.chats);
        const shown = async () =>
            page.$$eval('#chats tbody tr', (rows) =>
                rows.map((row) => [row.getAttribute('data-room-id'), row.children[1].getAttribute('data-seconds')]),
            );
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
        await page.selectOption('#preset', 'custom');
        await page.waitForSelector('#dashboard[data-ready="2"]');
        await page.fill('#from', '2001-01-01');
        await page.fill('#to', '2001-01-31');
        await page.locator('#to').dispatchEvent('change');
        await page.waitForSelector('#status.empty');
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
        await screenshot(page, 'dashboard-error');
        await context.close();
    });

    it('refuses a timezone nobody knows, in plain words, before asking the API', async () => {
        const { context, page } = await newPage();
        await loginAndOpen(page, MANAGER);
        await page.fill('#timezone', 'Mars/Olympus_Mons');
        await page.locator('#timezone').dispatchEvent('change');
        await page.waitForSelector('#status.error');
        expect(await page.textContent('#status')).toBe(DASHBOARD_STRINGS.en.unknownTimeZone('Mars/Olympus_Mons'));
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
        await page.goto(dashboardUrl);
        await page.waitForSelector('#not-logged-in');
        expect(await page.getAttribute('#not-logged-in a', 'href')).toBe(`${host.baseUrl}/home`);
        await screenshot(page, 'dashboard-not-logged-in');

        await context.addCookies([
            { name: 'rc_uid', value: MANAGER._id, url: host.baseUrl },
            { name: 'rc_token', value: 'expired-token', url: host.baseUrl },
        ]);
        await page.reload();
        await page.waitForSelector('#not-logged-in');
        await context.close();
    });

    it('speaks the user’s Rocket.Chat language: Spanish, and Brazilian Portuguese over an English browser', async () => {
        const spanish = await newPage();
        await loginAndOpen(spanish.page, GERENTE);
        expect(await spanish.page.textContent('h1')).toBe(DASHBOARD_STRINGS.es.title);
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
        await page.goto(dashboardUrl);
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
