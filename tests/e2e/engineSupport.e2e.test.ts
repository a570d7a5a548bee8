import * as fs from 'fs';
import * as path from 'path';

import { AppsEngineHost, engineVersion } from '../../dev/host/AppsEngineHost';
import { Workspace } from '../../dev/workspace/workspace';
import { LISTING_UNSUPPORTED_MESSAGE } from '../../lib/history/importBatch';
import { engineListsRooms, IMPORT_PATH, MANAGER, REPORT_PATH, requestApp, waitForImport } from './engineFixture';
import { testZipPath } from './testZip';

/**
 * What the version matrix proves on each engine (`AST_ENGINE`, jest.config.js) beyond the shared
 * suites: the engine asked for is the one running, and the history import either works or says
 * plainly that this Rocket.Chat cannot list rooms, while live closes are recorded either way.
 */
const listsRooms = engineListsRooms();

/** Thirty rooms of one agent closed before the app was installed, and one open room. */
function workspaceWithHistory(): Workspace {
    const workspace = new Workspace();
    workspace.addUser({ ...MANAGER, name: MANAGER.username });
    workspace.addUser({ _id: 'old-ann', username: 'ann', name: 'Ann', roles: ['livechat-agent'] });
    for (let i = 0; i < 30; i++) {
        const ts = new Date(Date.UTC(2025, 0, 1 + i, 9));
        workspace.openRoom({ _id: `old-${i}`, ts });
        workspace.serveRoom(`old-${i}`, 'old-ann', new Date(ts.getTime() + 5_000));
        workspace.closeRoom(`old-${i}`, new Date(ts.getTime() + 5_000 + 60_000 * (i + 1)));
    }
    workspace.openRoom({ _id: 'still-open', ts: new Date(Date.UTC(2025, 0, 31, 9)) });
    return workspace;
}

const JANUARY = { start: '2025-01-01T00:00:00.000Z', end: '2025-01-31T23:59:59.999Z' };

describe(`Apps-Engine ${engineVersion()}`, () => {
    let host: AppsEngineHost | undefined;

    afterEach(async () => {
        await host?.stop();
        host = undefined;
    });

    it('is the engine the run asked for', () => {
        const asked = process.env.AST_ENGINE;
        const expected = asked ?? '@rocket.chat/apps-engine';
        const installed = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', expected, 'package.json'), 'utf8'));
        expect(engineVersion()).toBe(installed.version);
    });

    (listsRooms ? it : it.skip)('imports the chats closed before the install', async () => {
        host = await AppsEngineHost.start({ workspace: workspaceWithHistory() });
        const { id: appId } = await host.install(testZipPath());
        const done = await waitForImport(host, appId, (status) => status.state === 'done');
        expect(done).toMatchObject({ scanned: 31, imported: 30, skipped: 1, lastError: null });
        const report = await requestApp(host, appId, REPORT_PATH, { query: JANUARY });
        expect(report.body).toMatchObject({ agents: [{ _id: 'old-ann', username: 'ann', averageServiceTimeInSeconds: 930 }], total: 1 });
    });

    (listsRooms ? it.skip : it)('says the import is unavailable, and why, and still records live closes', async () => {
        host = await AppsEngineHost.start({ workspace: workspaceWithHistory() });
        const { id: appId } = await host.install(testZipPath());
        const unavailable = await waitForImport(host, appId, (status) => status.state === 'unavailable');
        expect(unavailable).toMatchObject({ scanned: 0, imported: 0, lastError: LISTING_UNSUPPORTED_MESSAGE });

        host.workspace.addUser({ _id: 'new-bo', username: 'bo', name: 'Bo', roles: ['livechat-agent'] });
        host.workspace.openRoom({ _id: 'live-1', ts: new Date(Date.UTC(2025, 0, 20, 10)) });
        host.workspace.serveRoom('live-1', 'new-bo', new Date(Date.UTC(2025, 0, 20, 10, 0, 10)));
        await host.closeRoom('live-1', new Date(Date.UTC(2025, 0, 20, 10, 2, 10)));
        const report = await requestApp(host, appId, REPORT_PATH, { query: JANUARY });
        expect(report.body).toMatchObject({ agents: [{ _id: 'new-bo', username: 'bo', averageServiceTimeInSeconds: 120 }], total: 1 });

        // A POST tries again (the workspace may have been updated) and says the same.
        const again = await requestApp(host, appId, IMPORT_PATH, { method: 'POST' });
        expect(again.status).toBe(200);
        expect((await waitForImport(host, appId, (status) => status.state === 'unavailable')).lastError).toBe(LISTING_UNSUPPORTED_MESSAGE);
    });
});
