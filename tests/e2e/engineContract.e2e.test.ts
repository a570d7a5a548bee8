import { engineVersion } from '../../dev/host/AppsEngineHost';
import { OPEN_DASHBOARD_ACTION } from '../../lib/dashboard/openButton';
import { DASHBOARD_STRINGS } from '../../lib/dashboard/strings';
import { DASHBOARD_ROUTES } from '../../lib/http/routes';
import { storedTag } from '../../lib/storage/layout';
import { READY_TAG } from '../../lib/storage/versions';
import type { EngineFixture } from './engineFixture';
import { clickDashboardEntry, eventually, MANAGER, REPORT_PATH, startEngineWithApp, TOTAL_PATH } from './engineFixture';
import { testZipPath } from './testZip';

/**
 * What the app needs of an engine, once on every engine of the version matrix (jest.config.js): the
 * app logic above it is the same code on every engine, and runs in full on the newest and the floor.
 * Install and enable, every listener delivered, the scheduler and persistence bridges, routing and
 * 405, the user-menu button and its dialog, the slash command, update and restart.
 * (`engineSupport.e2e.test.ts` adds the history import or its `unavailable` state.)
 */
let engine: EngineFixture;

const ANA = { _id: 'c-ana', username: 'ana' };
const BRUNO = { _id: 'c-bruno', username: 'bruno' };
const DAY = { start: '2026-03-02T00:00:00.000Z', end: '2026-03-02T23:59:59.999Z' };
const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00.000Z`);

type TotalRow = { _id: string; username: string; chats: number; serviceTimeDuration: number };

async function totals(attribution: 'last' | 'legs' = 'last'): Promise<Record<string, [number, number]>> {
    const { status, body } = await engine.get(TOTAL_PATH, { ...DAY, attribution });
    expect(status).toBe(200);
    return Object.fromEntries((body as { agents: TotalRow[] }).agents.map((row) => [row.username, [row.chats, row.serviceTimeDuration]]));
}

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const agent of [ANA, BRUNO]) {
        engine.host.workspace.addUser({ ...agent, name: agent.username, roles: ['livechat-agent'] });
    }
});

afterAll(async () => {
    await engine?.host.stop();
});

describe(`the engine contract on Apps-Engine ${engineVersion()}`, () => {
    it('installs and enables the zip, and registers every endpoint', async () => {
        expect(await engine.host.isEnabled(engine.appId)).toBe(true);
        const paths = engine.host.endpointPaths(engine.appId);
        for (const path of [REPORT_PATH, TOTAL_PATH, DASHBOARD_ROUTES.page, 'openapi.json', 'livechat/analytics/history-import']) {
            expect(paths).toContain(path);
        }
    });

    it('delivers the close and the routing events: the last agent is credited as the core does, each agent their legs', async () => {
        const { workspace, routing } = engine.host;
        workspace.openRoom({ _id: 'c-1', ts: at('09:00') });
        routing.take('c-1', ANA._id, at('09:01'));
        await routing.settle();
        routing.transferToAgent('c-1', BRUNO._id, at('09:11'));
        await routing.settle();
        await engine.host.closeRoom('c-1', at('09:16'));
        expect(await totals('last')).toEqual({ bruno: [1, 300] });
        expect(await totals('legs')).toEqual({ ana: [1, 600], bruno: [1, 300] });
    });

    it('delivers the room deletion: a deleted room leaves the reports', async () => {
        await engine.closeRoom('c-2', at('10:00'), ANA._id, 60_000);
        expect((await totals()).ana).toEqual([1, 60]);
        // Rocket.Chat fires IPostRoomDeleted without waiting for apps (so does the engine): poll.
        await engine.host.deleteRoom('c-2');
        await eventually(async () => expect((await totals()).ana).toBeUndefined());
    });

    it('runs the builder through the scheduler and keeps its buckets in the persistence bridge', async () => {
        const before = await totals();
        await engine.host.runRecurringJobsNow(engine.appId);
        expect(engine.host.jobFailures).toEqual([]);
        expect(await engine.host.workspace.persistence.readByAssociations(engine.appId, [storedTag(READY_TAG)])).toHaveLength(1);
        expect(await totals()).toEqual(before);
    });

    it('routes a method the endpoint does not serve to a 405 with Allow', async () => {
        const response = await fetch(engine.host.url(engine.appId, REPORT_PATH), {
            method: 'DELETE',
            headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
        });
        expect({ status: response.status, allow: response.headers.get('allow') }).toEqual({ status: 405, allow: 'GET' });
    });

    it('writes no login token into any log line of its own: only the engine’s record of the request carries it (README, known issues)', async () => {
        const before = engine.host.logs.entries.length;
        await fetch(`${engine.host.url(engine.appId, REPORT_PATH)}?start=not-a-date&end=2024-01-31`, {
            headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
        });
        await fetch(`${engine.host.url(engine.appId, REPORT_PATH)}?start=2024-01-01&end=2024-01-31`, {
            headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
        });
        const lines = engine.host.logs.entries.slice(before).flatMap((entry) => entry.entries);
        const withToken = lines.filter((line) => JSON.stringify(line.args).includes(MANAGER.authToken));
        // The engine's runtime logs each request it hands the app, headers included (deno-runtime/handlers/api-handler.ts).
        expect(withToken.length).toBeGreaterThan(0);
        expect(withToken.map((line) => String(line.args[0]))).toEqual(
            withToken.map(() => expect.stringMatching(/ is being executed\.\.\.$/)),
        );
    });

    it('registers the user-menu button and answers its click with the dialog', async () => {
        expect(engine.host.actionButtons(engine.appId).map((button) => button.actionId)).toEqual([OPEN_DASHBOARD_ACTION]);
        const dialog = await clickDashboardEntry(engine, MANAGER._id);
        expect(dialog).toMatchObject({ success: true, type: 'modal.open', view: { title: { text: DASHBOARD_STRINGS.en.dialogTitle } } });
    });

    it('answers the slash command with the agents table', async () => {
        const [answer] = await engine.host.runSlashCommand('service-time', MANAGER._id, ['2026-03-02', '2026-03-02']);
        expect(answer).toMatch(/bruno +1 +5m\b/);
    });

    it('keeps every figure across an update and a restart', async () => {
        const before = await totals('legs');
        await engine.host.update(testZipPath());
        expect(await totals('legs')).toEqual(before);
        await engine.host.restartEngine();
        expect(await totals('legs')).toEqual(before);
        await engine.closeRoom('c-3', at('11:00'), ANA._id, 120_000);
        expect((await totals()).ana).toEqual([1, 120]);
    });
});
