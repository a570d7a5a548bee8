import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { packageApp } from '../../dev/package';
import { averageItems, fullScan } from '../helpers/fullScan';
import { fetchChecked } from '../helpers/openApiValidator';
import { engineListsRooms, eventually, requestApp, IMPORT_PATH, MANAGER, REPORT_PATH, waitForImport } from './engineFixture';
import { storedTag } from '../../lib/storage/layout';
import { LEG_EVENT_TAG, RECORD_TAG } from '../../lib/storage/versions';
import { testZipDir, testZipPath } from './testZip';

const AGENTS = ['r-ann', 'r-bob', 'r-cid', 'r-dee'];
const START = '2024-06-01T00:00:00.000Z';
const END = '2024-06-30T23:59:59.999Z';

let host: AppsEngineHost;
let appId: string;
let roomSequence = 0;

beforeEach(async () => {
    host = await AppsEngineHost.start();
    appId = (await host.install(testZipPath())).id;
    host.workspace.addUser({ ...MANAGER, name: MANAGER.username });
    for (const id of AGENTS) {
        host.workspace.addUser({ _id: id, username: id.slice(2), name: id, roles: ['livechat-agent'] });
    }
});

afterEach(async () => {
    await host.stop();
});

/** Opens and serves a room in June 2024; closing it is left to the test. */
function servedRoom(): { roomId: string; closedAt: Date } {
    const i = roomSequence++;
    const roomId = `robust-${i}`;
    const ts = new Date(Date.UTC(2024, 5, 1) + ((i * 7_919_993) % (29 * 86_400_000)));
    host.workspace.openRoom({ _id: roomId, ts });
    host.workspace.serveRoom(roomId, AGENTS[i % AGENTS.length], new Date(ts.getTime() + 1_000));
    return { roomId, closedAt: new Date(ts.getTime() + 1_000 + 1_000 + ((i * 104_729) % 900_000)) };
}

async function report() {
    return fetchChecked(`${host.url(appId, REPORT_PATH)}?start=${START}&end=${END}&count=0`, {
        headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
    });
}

function expectedReport() {
    const agents = averageItems(fullScan(host.workspace.rooms.values(), new Date(START), new Date(END)));
    return { agents, count: agents.length, offset: 0, total: agents.length, success: true };
}

async function importAgainAndWait(): Promise<void> {
    await requestApp(host, appId, IMPORT_PATH, { method: 'POST' });
    await waitForImport(host, appId, (status) => status.state === 'done');
}

describe('concurrent and repeated events', () => {
    it('counts each of 1,000 rooms closed at once exactly once', async () => {
        const rooms = Array.from({ length: 1_000 }, servedRoom);
        await Promise.all(rooms.map(({ roomId, closedAt }) => host.closeRoom(roomId, closedAt)));
        expect((await report()).body).toEqual(expectedReport());
        expect(expectedReport().agents.length).toBe(AGENTS.length);
        const stored = (await host.workspace.persistence.readByAssociations(appId, [storedTag(RECORD_TAG)])) as Array<{ roomId: string }>;
        expect(new Set(stored.map((record) => record.roomId)).size).toBe(1_000);
    });

    it('counts a room whose closed event arrives three times at once only once', async () => {
        const { roomId, closedAt } = servedRoom();
        const closed = host.workspace.closeRoom(roomId, closedAt);
        const room = host.workspace.convertRoom(closed);
        const { AppInterface } = await import('@rocket.chat/apps-engine/definition/metadata');
        await Promise.all(
            [1, 2, 3].map(() => host.manager.getListenerManager().executeListener(AppInterface.IPostLivechatRoomClosed, room)),
        );
        expect((await report()).body).toEqual(expectedReport());
        expect((expectedReport().agents[0] as { averageServiceTimeInSeconds: number }).averageServiceTimeInSeconds).toBeGreaterThan(0);
    });
});

describe('failing storage', () => {
    it('survives 10% of writes failing: retries, logs what it could not write, and an import repairs the rest', async () => {
        let writes = 0;
        const alwaysFailing = new Set<string>();
        host.workspace.persistence.failWrite = (operation, associations) => {
            if (operation !== 'updateByAssociations') {
                return false;
            }
            const roomId = associations?.find((association) => association.model === 'room')?.id;
            writes++;
            return (roomId !== undefined && alwaysFailing.has(roomId)) || writes % 10 === 0;
        };
        const rooms = Array.from({ length: 300 }, servedRoom);
        alwaysFailing.add(rooms[7].roomId);
        for (const [i, { roomId, closedAt }] of rooms.entries()) {
            await host.closeRoom(roomId, closedAt);
            if (i % 50 === 25) {
                await host.runRecurringJobsNow(appId); // the builder runs while writes fail, as it would every 10 s
            }
        }
        expect(writes).toBeGreaterThan(300);
        const logged = host.logs.entries.flatMap((entry) => entry.entries.map((line) => line.args.join(' ')));
        expect(logged).toContainEqual(expect.stringContaining(`Could not record room ${rooms[7].roomId} after 3 attempts`));
        expect((await report()).body).not.toEqual(expectedReport());
        if (!engineListsRooms()) {
            return; // the version matrix's engines before 1.59 cannot list rooms, so no import can repair (README)
        }

        host.workspace.persistence.failWrite = undefined;
        await importAgainAndWait();
        expect((await report()).body).toEqual(expectedReport());
    });
});

describe('failing reads', () => {
    it('answer every report while one read in twenty fails: reads are tried again', async () => {
        for (const { roomId, closedAt } of Array.from({ length: 120 }, servedRoom)) {
            await host.closeRoom(roomId, closedAt);
        }
        await host.runRecurringJobsNow(appId);
        let reads = 0;
        host.workspace.persistence.failRead = () => ++reads % 20 === 0;
        try {
            for (let attempt = 0; attempt < 20; attempt++) {
                expect((await report()).body).toEqual(expectedReport());
            }
            expect(reads).toBeGreaterThan(60); // three reads failed, at the least
        } finally {
            host.workspace.persistence.failRead = undefined;
        }
    });
});

describe('updates and restarts', () => {
    it('keep every record readable and the report unchanged', async () => {
        for (const { roomId, closedAt } of Array.from({ length: 50 }, servedRoom)) {
            await host.closeRoom(roomId, closedAt);
        }
        const before = await report();
        expect(before.body).toEqual(expectedReport());

        await host.update(await packageApp({ version: '1.1.1', outDir: testZipDir() }));
        expect(await host.isEnabled(appId)).toBe(true);
        expect(host.manager.getOneById(appId).getInfo().version).toBe('1.1.1');
        expect(await report()).toEqual(before);

        await host.restartEngine();
        expect(await host.isEnabled(appId)).toBe(true);
        expect(await report()).toEqual(before);

        await host.disable(appId);
        await host.enable(appId);
        expect(await report()).toEqual(before);
        // It packages the update (about 40 s alone): past the default 60 s when the other worker is busy.
    }, 240_000);
});

describe('deleted rooms', () => {
    it('stop counting, as in the core, whether their day is in buckets already or not', async () => {
        const rooms = Array.from({ length: 40 }, servedRoom);
        for (const { roomId, closedAt } of rooms) {
            await host.closeRoom(roomId, closedAt);
        }
        await host.runRecurringJobsNow(appId);
        // Rocket.Chat fires IPostRoomDeleted without waiting for apps (so does the engine): poll.
        await host.deleteRoom(rooms[3].roomId);
        await eventually(async () => expect((await report()).body).toEqual(expectedReport()));
        await host.runRecurringJobsNow(appId);
        await host.deleteRoom(rooms[17].roomId);
        await eventually(async () => expect((await report()).body).toEqual(expectedReport()));
        await host.runRecurringJobsNow(appId);
        expect((await report()).body).toEqual(expectedReport());
        const stored = (await host.workspace.persistence.readByAssociations(appId, [storedTag(RECORD_TAG)])) as Array<{ roomId: string }>;
        expect(stored.map((record) => record.roomId)).not.toContain(rooms[3].roomId);
        expect(stored).toHaveLength(38);
    });
});

describe('a deletion wins over any close or leg event of the room, whatever the order', () => {
    it('leaves no record of a room deleted with its close, before a late close, or before a late leg event', async () => {
        const { AppInterface } = await import('@rocket.chat/apps-engine/definition/metadata');
        const listeners = host.manager.getListenerManager();
        const rooms = Array.from({ length: 90 }, servedRoom);
        const together = rooms.slice(0, 30);
        const closeLate = rooms.slice(30, 60);
        const kept = rooms.slice(60);
        // Closed and deleted at once: the two events handled side by side.
        await Promise.all(
            together.map(async ({ roomId, closedAt }) => {
                const closed = host.workspace.convertRoom(host.workspace.closeRoom(roomId, closedAt));
                await Promise.all([listeners.executeListener(AppInterface.IPostLivechatRoomClosed, closed), host.deleteRoom(roomId)]);
            }),
        );
        // Deleted first; the close's event delivered after the deletion's (late, or a second delivery), and a leg event after both.
        for (const { roomId, closedAt } of closeLate) {
            const closed = host.workspace.convertRoom(host.workspace.closeRoom(roomId, closedAt));
            await host.deleteRoom(roomId);
            await listeners.executeListener(AppInterface.IPostLivechatRoomClosed, closed);
            await listeners.executeListener(AppInterface.IPostLivechatAgentAssigned, {
                room: closed,
                agent: host.workspace.convertUser(host.workspace.user(AGENTS[0])),
            });
        }
        for (const { roomId, closedAt } of kept) {
            await host.closeRoom(roomId, closedAt);
        }
        await host.runRecurringJobsNow(appId);
        const deleted = new Set([...together, ...closeLate].map((room) => room.roomId));
        await eventually(async () => {
            const stored = (await host.workspace.persistence.readByAssociations(appId, [storedTag(RECORD_TAG)])) as Array<{
                roomId: string;
            }>;
            expect(stored.filter((record) => deleted.has(record.roomId))).toEqual([]);
            expect(stored).toHaveLength(kept.length);
        });
        const legEvents = (await host.workspace.persistence.readByAssociations(appId, [storedTag(LEG_EVENT_TAG)])) as unknown[];
        expect(legEvents).toEqual([]);
        await host.runRecurringJobsNow(appId);
        expect((await report()).body).toEqual(expectedReport());
        expect(expectedReport().total).toBe(AGENTS.length);
    });
});

describe('the retention setting', () => {
    it('removes the records of rooms older than it keeps at the builder run, and keeps the others', async () => {
        for (const { roomId, closedAt } of Array.from({ length: 20 }, servedRoom)) {
            await host.closeRoom(roomId, closedAt);
        }
        const now = new Date();
        const recent = `recent-${roomSequence++}`;
        host.workspace.openRoom({ _id: recent, ts: new Date(now.getTime() - 60_000) });
        host.workspace.serveRoom(recent, AGENTS[0], new Date(now.getTime() - 50_000));
        await host.closeRoom(recent, now);
        await host.setAppSetting(appId, 'retention_months', 3);
        await host.runRecurringJobsNow(appId);

        expect((await report()).body).toEqual({ agents: [], count: 0, offset: 0, total: 0, success: true });
        const thisMonth = await fetchChecked(
            `${host.url(appId, REPORT_PATH)}?start=${new Date(now.getTime() - 3_600_000).toISOString()}&end=${now.toISOString()}`,
            {
                headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
            },
        );
        expect(thisMonth.body).toMatchObject({ agents: [{ _id: AGENTS[0], averageServiceTimeInSeconds: 50 }], total: 1 });
        const stored = (await host.workspace.persistence.readByAssociations(appId, [storedTag(RECORD_TAG)])) as Array<{ roomId: string }>;
        expect(stored.map((record) => record.roomId)).toEqual([recent]);

        // A chat created before the cut-off that closes after the prune is not recorded either.
        const { roomId: late, closedAt } = servedRoom();
        await host.closeRoom(late, closedAt);
        await host.runRecurringJobsNow(appId);
        expect((await report()).body).toEqual({ agents: [], count: 0, offset: 0, total: 0, success: true });
        const after = (await host.workspace.persistence.readByAssociations(appId, [storedTag(RECORD_TAG)])) as Array<{ roomId: string }>;
        expect(after.map((record) => record.roomId)).toEqual([recent]);
    });

    it('refuses a value it cannot apply when it is saved, keeps the old one, and says why in the log', async () => {
        await host.setAppSetting(appId, 'retention_months', 6);
        for (const refused of [1e9, -1, 2.5]) {
            await host.setAppSetting(appId, 'retention_months', refused);
            expect(host.manager.getSettingsManager().getAppSetting(appId, 'retention_months').value).toBe(6);
        }
        const logged = host.logs.entries.flatMap((entry) => entry.entries.map((line) => line.args.join(' ')));
        expect(logged).toContain(
            'The app setting "Keep records for (months)" takes a whole number from 0 to 1200; 1000000000 was not saved.',
        );
        await host.runRecurringJobsNow(appId);
        expect(logged.join('\n')).not.toContain('Invalid time value');
    });
});
