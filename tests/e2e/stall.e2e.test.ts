import { averageItems, fullScan } from '../helpers/fullScan';
import type { EngineFixture } from './engineFixture';
import { AGENT, IMPORT_PATH, REPORT_PATH, requestApp, startEngineWithApp, waitForImport } from './engineFixture';

/**
 * A known fault of Apps-Engine (README, "Known issues"): a JSON body with a `__proto__` key makes the
 * engine's message decoder in the app's Deno process refuse the message, and the process stalls
 * until the engine gives up on it (about a minute here). The app cannot prevent it; it must lose
 * nothing because of it.
 */
const START = '2025-05-01T00:00:00.000Z';
const END = '2025-05-31T23:59:59.999Z';
const STALL_TIMEOUT_MS = 240_000;

let engine: EngineFixture;
let consoleError: jest.SpyInstance;

beforeAll(async () => {
    // The engine reports each timed-out call on the console: expected here, asserted instead of printed.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    engine = await startEngineWithApp();
});

afterAll(async () => {
    await engine?.host.stop();
    for (const [logged] of consoleError.mock.calls) {
        expect(String(logged)).toMatch(/Request "[^"]+" for method "[^"]+" timed out after 30000ms/);
    }
    consoleError.mockRestore();
});

const STALLED_AGENT = { _id: 'stalled-agent', username: 'stalled.agent', name: 'S', roles: ['livechat-agent'] };

function closeAt(roomId: string, day: number, agentId = AGENT._id) {
    const createdAt = new Date(Date.UTC(2025, 4, day, 10));
    return engine.closeRoom(roomId, createdAt, agentId, 60_000 + day * 1_000);
}

async function report() {
    return (await engine.get(REPORT_PATH, { start: START, end: END, count: '0' })).body;
}

function expectedReport() {
    const agents = averageItems(fullScan(engine.host.workspace.rooms.values(), new Date(START), new Date(END)));
    return { agents, count: agents.length, offset: 0, total: agents.length, success: true };
}

it(
    'counts every room closed before and after a stall, and the import recovers those closed during it',
    async () => {
        for (let day = 1; day <= 5; day++) {
            await closeAt(`before-${day}`, day);
        }
        expect(await report()).toEqual(expectedReport());

        const poisoned = fetch(engine.host.url(engine.appId, 'openapi.json'), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"__proto__":{}}',
        });
        // A room closed while the app's process is stalled (by another agent, to tell it apart):
        // the engine's call to the app times out, and the event may be lost.
        await new Promise((resolve) => setTimeout(resolve, 500));
        engine.host.workspace.addUser(STALLED_AGENT);
        const during = closeAt('during-1', 10, STALLED_AGENT._id).catch(() => undefined);
        expect((await poisoned).status).toBe(500);
        await during;

        // Once the engine has given up on the stalled requests, the app answers again.
        const deadline = Date.now() + 120_000;
        while ((await fetch(engine.host.url(engine.appId, 'openapi.json'))).status !== 200 && Date.now() < deadline);
        for (let day = 20; day <= 24; day++) {
            await closeAt(`after-${day}`, day);
        }
        const [agentBeforeAndAfter] = averageItems(
            fullScan(
                [...engine.host.workspace.rooms.values()].filter((room) => !room._id.startsWith('during')),
                new Date(START),
                new Date(END),
            ),
        );
        expect(agentBeforeAndAfter.username).toBe(AGENT.username);
        expect((await report()) as { agents: unknown[] }).toMatchObject({ agents: expect.arrayContaining([agentBeforeAndAfter]) });

        // The history import records what the stall lost.
        expect((await requestApp(engine.host, engine.appId, IMPORT_PATH, { method: 'POST' })).status).toBe(200);
        await waitForImport(engine.host, engine.appId, (status) => status.state === 'done');
        expect(await report()).toEqual(expectedReport());
    },
    STALL_TIMEOUT_MS,
);
