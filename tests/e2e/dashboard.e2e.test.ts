import { UIActionButtonContext } from '@rocket.chat/apps-engine/definition/ui';

import { CONTENT_SECURITY_POLICY } from '../../lib/dashboard/page';
import { DASHBOARD_STRINGS } from '../../lib/dashboard/strings';
import { OPEN_DASHBOARD_ACTION } from '../../lib/dashboard/openButton';
import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { AGENT, clickDashboardEntry, MANAGER, requestApp, startEngineWithApp } from './engineFixture';
import { testZipPath } from './testZip';
import type { EngineFixture } from './engineFixture';
import { DASHBOARD_ROUTES } from '../../lib/http/routes';

let engine: EngineFixture;
const SPANISH_MONITOR = {
    _id: 'monitor-es',
    username: 'monitora',
    authToken: 'monitor-es-token',
    roles: ['user', 'livechat-monitor'],
    language: 'es-MX',
};

beforeAll(async () => {
    engine = await startEngineWithApp();
    const { workspace } = engine.host;
    workspace.addUser({ ...SPANISH_MONITOR, name: 'Monitora' });
    workspace.addDepartment({ _id: 'dep-support', name: 'Support' });
    workspace.addDepartment({ _id: 'dep-sales', name: 'Sales' });
    workspace.addDepartment({ _id: 'dep-closed', name: 'Closed', enabled: false });
    workspace.addDepartment({ _id: 'dep-empty', name: 'Nobody', numAgents: 0 });
    workspace.addUser({ _id: 'd-ana', username: 'ana', name: 'Ana', roles: ['livechat-agent'] });
    await engine.closeRoom('d-room-1', new Date(Date.now() - 3_600_000), 'd-ana', 90_000, 'dep-sales');
});

afterAll(async () => {
    await engine?.host.stop();
});

describe('the dashboard page through the real engine', () => {
    it('is served without credentials, as HTML with a strict Content-Security-Policy, and holds no data', async () => {
        const response = await fetch(engine.host.url(engine.appId, DASHBOARD_ROUTES.page));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
        expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        const html = await response.text();
        expect(html).toContain('<script defer src="dashboard.js?v=');
        expect(html).not.toMatch(/<script>|style=|ana|token/i);
    });

    it('serves its script and style from the zip: the bundled dashboard with uPlot, not an empty placeholder', async () => {
        const script = await fetch(engine.host.url(engine.appId, DASHBOARD_ROUTES.script));
        expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        const code = await script.text();
        expect(code.length).toBeGreaterThan(40_000);
        // (booleans: a failure would otherwise print the whole bundle)
        expect(code.includes('uPlot v')).toBe(true); // its licence line
        expect(code.includes('rc_token')).toBe(true);
        const style = await fetch(engine.host.url(engine.appId, DASHBOARD_ROUTES.style));
        expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
        expect(await style.text()).toContain('.uplot');
    });

    it('tells a manager their language, the reporting timezone and the enabled departments with agents, by name', async () => {
        const answer = await engine.get(DASHBOARD_ROUTES.context, {});
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({
            username: MANAGER.username,
            language: null,
            canRead: true,
            timeZone: expect.any(String),
            departments: [
                { _id: 'dep-sales', name: 'Sales' },
                { _id: 'dep-support', name: 'Support' },
            ],
            success: true,
        });
        const spanish = await engine.get(DASHBOARD_ROUTES.context, {}, SPANISH_MONITOR);
        expect(spanish.body).toMatchObject({ username: 'monitora', language: 'es-MX', canRead: true });
    });

    it('tells an agent their roles may not read the reports, and no one without a login anything', async () => {
        const agent = await engine.get(DASHBOARD_ROUTES.context, {}, AGENT);
        expect(agent.status).toBe(200);
        expect(agent.body).toEqual({ username: AGENT.username, language: null, canRead: false, success: true });
        const anonymous = await engine.get(DASHBOARD_ROUTES.context, {}, null);
        expect(anonymous.status).toBe(401);
    });
});

describe('the way in from Rocket.Chat', () => {
    it('registers a user-menu button that only holders of view-livechat-manager see', () => {
        expect(engine.host.actionButtons(engine.appId)).toEqual([
            {
                actionId: OPEN_DASHBOARD_ACTION,
                context: UIActionButtonContext.USER_DROPDOWN_ACTION,
                labelI18n: 'Dashboard_Button_Label',
                when: { hasOnePermission: ['view-livechat-manager'] },
            },
        ]);
    });

    it('opens a dialog in the user’s language whose button links the dashboard at the workspace’s address', async () => {
        const url = engine.host.url(engine.appId, DASHBOARD_ROUTES.page);
        const english = await clickDashboardEntry(engine, MANAGER._id);
        expect(english).toMatchObject({ success: true, type: 'modal.open', view: { title: { text: DASHBOARD_STRINGS.en.dialogTitle } } });
        expect(JSON.stringify(english)).toContain(JSON.stringify(url));
        const spanish = await clickDashboardEntry(engine, SPANISH_MONITOR._id);
        expect(spanish).toMatchObject({ view: { title: { text: DASHBOARD_STRINGS.es.dialogTitle } } });
        expect(JSON.stringify(spanish)).toContain(DASHBOARD_STRINGS.es.dialogOpen);
        // Rocket.Chat's client opens the link and also reports the click; the app answers it.
        expect(await engine.host.clickBlockButton(engine.appId, 'open-dashboard-link', 'open', MANAGER._id)).toMatchObject({
            success: true,
        });
    });

    it('ends the slash command’s table with the dashboard’s link', async () => {
        const [answer] = await engine.host.runSlashCommand('service-time', MANAGER._id, ['7d']);
        expect(answer).toMatch(/ana +1 +1m 30s\n```\nCharts, median and p90 on the dashboard: (\S+)$/);
        expect(answer.split(' ').pop()).toBe(engine.host.url(engine.appId, DASHBOARD_ROUTES.page));
    });
});

// Last: a second host replaces the engine's singleton AppManager, so no test of the first may follow.
describe('a workspace that grants fewer permissions', () => {
    it('offers no departments, and still answers, where the workspace did not grant livechat-department.multiple', async () => {
        const host = await AppsEngineHost.start();
        try {
            const { id } = await host.install(testZipPath(), { withoutPermissions: ['livechat-department.multiple'] });
            host.workspace.addUser({ ...MANAGER, name: MANAGER.username });
            host.workspace.addDepartment({ _id: 'dep-sales', name: 'Sales' });
            const answer = await requestApp(host, id, DASHBOARD_ROUTES.context);
            expect(answer.body).toMatchObject({ canRead: true, departments: [] });
        } finally {
            await host.stop();
        }
    });
});
