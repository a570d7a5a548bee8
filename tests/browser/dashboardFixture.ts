import type { Browser, BrowserContext, Download, Page, Request } from 'playwright-core';

import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { launchChromium } from '../../dev/browser/chromium';
import { agentsReportPath, DASHBOARD_ROUTES } from '../../lib/http/routes';
import { TOTAL_SERVICE_TIME } from '../../lib/reports/shapes';
import { SERVICE_TIME_STATS } from '../../lib/reports/statsShape';
import { requestApp } from '../e2e/engineFixture';
import { testZipPath } from '../e2e/testZip';

/**
 * The dashboard as a manager sees it: the packaged zip in the real engine, the host's login page
 * setting the cookies Rocket.Chat's web client sets, and Debian's Chromium showing the page. Each
 * test asserts what is on screen against the JSON endpoints integrations call, and keeps a
 * screenshot of the state it reached under build/screenshots/.
 */
export const STATS_PATH = agentsReportPath(SERVICE_TIME_STATS.name);
export const TOTAL_PATH = agentsReportPath(TOTAL_SERVICE_TIME.name);
export const HOSTILE = '<img src=x onerror=alert(1)>';

const user = (id: string, roles: string[], language?: string) => ({
    _id: id,
    username: id,
    name: id,
    authToken: `${id}-token`,
    roles: ['user', ...roles],
    ...(language && { language }),
});
export const MANAGER = user('maria.manager', ['livechat-manager']);
export const GERENTE = user('gerente', ['livechat-manager'], 'es');
export const MONITORA = user('monitora', ['livechat-monitor'], 'pt-BR');
export const AGENT = user('agente', ['livechat-agent']);
export const AGENTS = [
    ['b-ana', 'ana.souza'],
    ['b-bea', 'bea'],
    ['b-evil', HOSTILE],
];

/** The running host, its app and the browser: set by `useDashboardFixture`'s `beforeAll`. */
export const fixture = {} as { host: AppsEngineHost; appId: string; browser: Browser; dashboardUrl: string };

/** Starts the host with the app, the people and the chats every dashboard suite reads, and Chromium; stops them after the suite. */
export function useDashboardFixture(): void {
    beforeAll(startDashboard, 120_000);
    afterAll(async () => {
        await fixture.browser?.close();
        await fixture.host?.stop();
    });
}

async function startDashboard(): Promise<void> {
    const browser = await launchChromium();
    const host = await AppsEngineHost.start();
    const { id: appId } = await host.install(testZipPath());
    const dashboardUrl = host.url(appId, DASHBOARD_ROUTES.page);
    Object.assign(fixture, { host, appId, browser, dashboardUrl });
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
        if (i % 3 !== 2) {
            // Two chats in three rated by the visitor before the close, scores 1 to 5 in turn.
            workspace.rateRoom(id, { satisfaction: String(1 + (i % 5)), agentKnowledge: '4' }, new Date(closedAt.getTime() - 1_000));
        }
        await host.closeRoom(id, closedAt);
    }
}

/** A page of a fresh browser profile, with what it requested and any error it logged. */
export async function newPage(
    options: { language?: string } = {},
): Promise<{ context: BrowserContext; page: Page; requests: string[]; problems: string[] }> {
    const context = await fixture.browser.newContext({
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
export async function loginAndOpen(page: Page, person: { username: string }, waitFor = '#dashboard[data-ready="1"]'): Promise<void> {
    await page.goto(`${fixture.host.baseUrl}/home`);
    await page.getByRole('button', { name: `Log in as ${person.username}` }).click();
    await page.waitForURL(fixture.dashboardUrl);
    await page.waitForSelector(waitFor);
}

/** The query the page sent to one of the app's endpoints, as a caller of the API would send it. */
export function queryOf(request: Request | string): Record<string, string> {
    return Object.fromEntries(new URL(typeof request === 'string' ? request : request.url()).searchParams);
}

export async function api<T>(path: string, query: Record<string, string>): Promise<T> {
    const answer = await requestApp(fixture.host, fixture.appId, path, { query, caller: MANAGER });
    expect(answer.status).toBe(200);
    return answer.body as T;
}

/** Polls what the page shows until it holds (the page re-renders after each answer it gets). */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) {
            throw new Error('the page did not get there in time');
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** What the browser saved for a download, as text. */
export async function downloadedText(download: Download): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
}

/** Switches an open dashboard to a custom range of January 2001, which holds no chat, and waits for it to say so. */
export async function showRangeWithoutChats(page: Page): Promise<void> {
    await page.selectOption('#preset', 'custom');
    await page.waitForSelector('#dashboard[data-ready="2"]');
    await page.fill('#from', '2001-01-01');
    await page.fill('#to', '2001-01-31');
    await page.locator('#to').dispatchEvent('change');
    await page.waitForSelector('#status.empty');
}
