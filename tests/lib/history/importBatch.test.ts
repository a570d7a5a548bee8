import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';

import { Workspace } from '../../../dev/workspace/workspace';
import type { LegStore } from '../../../lib/chats/chatStore';
import type { LegEvent } from '../../../lib/legs/legs';
import type { ChatStore } from '../../../lib/chats/chatStore';
import type {
    HistoryRoomSource,
    ImportBatchContext,
    ImportStatus,
    ImportStatusStore,
    RoomListingRefusal,
} from '../../../lib/history/importBatch';
import {
    LISTING_UNSUPPORTED_MESSAGE,
    BATCH_ATTEMPTS,
    markFailed,
    MAX_PASSES,
    MISSING_PERMISSION_MESSAGE,
    nextAfterFailure,
    resumedOrStarted,
    runImportBatch,
    startedStatus,
} from '../../../lib/history/importBatch';
import type { ClosedLivechatRoom } from '../../../lib/chats/roomMetrics';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';

/** A workspace with `count` closed rooms served by one agent, one second of service each. */
function history(count: number) {
    const workspace = new Workspace();
    workspace.addUser({ _id: 'a1', username: 'alice', name: 'Alice', roles: ['livechat-agent'] });
    for (let i = 0; i < count; i++) {
        const ts = new Date(Date.UTC(2024, 0, 1) + i * 60_000);
        workspace.openRoom({ _id: `r${i}`, ts });
        workspace.serveRoom(`r${i}`, 'a1', ts);
        workspace.closeRoom(`r${i}`, new Date(ts.getTime() + 1_000));
    }
    return workspace;
}

function importContext(
    workspace: Workspace,
    options: {
        failingRoom?: string;
        listing?: RoomListingRefusal;
        legEvents?: Record<string, LegEvent[]>;
        deletedRooms?: Set<string>;
        deletionsDuringWalk?: number[];
    } = {},
) {
    let stored: ImportStatus | undefined;
    const records = new Map<string, ServiceRecord>();
    const warnings: string[] = [];
    const status: ImportStatusStore = {
        read: async () => stored,
        write: async (next) => {
            stored = next;
        },
    };
    const rooms: HistoryRoomSource = {
        page: async (skip, limit) =>
            options.listing
                ? options.listing
                : [...workspace.rooms.values()].slice(skip, skip + limit).map((room) => workspace.convertRoomRaw(room)),
        closedRoom: async (room: IRoomRaw): Promise<ClosedLivechatRoom | undefined> => {
            if (room.id === options.failingRoom) {
                throw new Error('database unavailable');
            }
            return workspace.convertRoom(workspace.room(room.id));
        },
    };
    const store: Pick<ChatStore, 'has' | 'save'> & Pick<LegStore, 'legEvents'> = {
        has: async (roomId) => records.has(roomId),
        legEvents: async (roomId) => options.legEvents?.[roomId] ?? [],
        save: async (record) => {
            // As the real store: a room deleted while the import read it does not stay (`ChatRecords.save`).
            if (options.deletedRooms?.has(record.roomId)) {
                return 'room-deleted';
            }
            records.set(record.roomId, record);
            return 'saved';
        },
    };
    const context: ImportBatchContext = {
        status,
        rooms,
        records: store,
        logger: { debug: () => {}, warn: (line: string) => warnings.push(line), error: () => {} },
        now: () => new Date('2026-01-01T00:00:00Z'),
        deletionsSince: async () => options.deletionsDuringWalk?.shift() ?? 0,
    };
    return {
        context,
        records,
        warnings,
        current: () => stored,
        start: (runId: string) => status.write(startedStatus(new Date('2026-01-01T00:00:00Z'), runId)),
    };
}

describe('a batch of the history import', () => {
    it('imports page after page from the saved cursor, then says it is done', async () => {
        const { context, records, current, start } = importContext(history(250));
        await start('run-1');
        expect(await runImportBatch(context, 'run-1', 2)).toBe('continue');
        expect(current()).toMatchObject({ state: 'running', scanned: 200, imported: 200, cursor: 200 });
        expect(await runImportBatch(context, 'run-1', 2)).toBe('finished');
        expect(current()).toMatchObject({
            state: 'done',
            scanned: 250,
            imported: 250,
            skipped: 0,
            failed: 0,
            finishedAt: '2026-01-01T00:00:00.000Z',
        });
        expect(records.size).toBe(250);
    });

    it('records a room whose close event was lost with the legs the app saw of it', async () => {
        // r1 was served from 00:01:00 to 00:01:01; the app saw the agent take it before it was disabled.
        const taken: LegEvent = { kind: 'assigned', agentId: 'a1', username: 'alice', at: Date.UTC(2024, 0, 1, 0, 1) };
        const { context, records, start } = importContext(history(3), { legEvents: { r1: [taken] } });
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        expect(records.get('r1')?.legs).toEqual([
            {
                agentId: 'a1',
                username: 'alice',
                startedAt: Date.UTC(2024, 0, 1, 0, 1),
                endedAt: Date.UTC(2024, 0, 1, 0, 1, 1),
                endedBy: 'close',
            },
        ]);
        expect(records.get('r0')?.legs).toBeUndefined(); // no event seen: the core's single leg
    });

    it('counts a room deleted while it was read as skipped, not imported', async () => {
        const { context, records, current, start } = importContext(history(10), { deletedRooms: new Set(['r2', 'r5']) });
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        expect(current()).toMatchObject({ state: 'done', scanned: 10, imported: 8, skipped: 2 });
        expect([...records.keys()]).not.toContain('r2');
    });

    it('walks the room list again when rooms were deleted during a walk, so that no room shifted past it is missed', async () => {
        const workspace = history(250);
        const { context, records, current, start } = importContext(workspace, { deletionsDuringWalk: [3, 0] });
        await start('run-1');
        // The first page read, then three rooms of it deleted: every later room moves three places back.
        expect(await runImportBatch(context, 'run-1', 1)).toBe('continue');
        for (const id of ['r10', 'r20', 'r30']) {
            workspace.rooms.delete(id);
        }
        while ((await runImportBatch(context, 'run-1', 1)) === 'continue') {
            // the job schedules the next batch
        }
        const existing = [...workspace.rooms.keys()];
        expect(existing.filter((id) => !records.has(id))).toEqual([]);
        // The first walk saw 247 rooms: the three that moved past it are recorded by the second.
        expect(current()).toMatchObject({ state: 'done', passes: 1, scanned: 247, imported: 250 });
    });

    it('stops after its last walk even if rooms keep being deleted', async () => {
        const { context, current, start } = importContext(history(50), { deletionsDuringWalk: [1, 1, 1, 1, 1] });
        await start('run-1');
        while ((await runImportBatch(context, 'run-1', 1)) === 'continue') {
            // the job schedules the next batch
        }
        expect(current()).toMatchObject({ state: 'done', passes: MAX_PASSES - 1 });
    });

    it('counts a room that fails, logs it, and goes on', async () => {
        const { context, records, warnings, current, start } = importContext(history(10), { failingRoom: 'r3' });
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        expect(current()).toMatchObject({ state: 'done', scanned: 10, imported: 9, failed: 1 });
        expect(records.has('r3')).toBe(false);
        expect(warnings).toEqual(['History import: room r3 failed and was left out: database unavailable']);
    });

    it('skips open and unserved rooms without fetching them', async () => {
        const workspace = history(2);
        workspace.openRoom({ _id: 'open', ts: new Date('2024-02-01') });
        workspace.openRoom({ _id: 'unserved', ts: new Date('2024-02-01') });
        workspace.closeRoom('unserved', new Date('2024-02-02'));
        const { context, current, start } = importContext(workspace, { failingRoom: 'open' });
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        expect(current()).toMatchObject({ scanned: 4, imported: 2, skipped: 2, failed: 0 });
    });

    it('keeps the record a room already has (from its close): a re-import after a rename renames nothing', async () => {
        const workspace = history(3);
        const { context, records, current, start } = importContext(workspace);
        const atClose: ServiceRecord = {
            v: 1,
            roomId: 'r1',
            agentId: 'a1',
            username: 'alice',
            createdAt: Date.UTC(2024, 0, 1, 0, 1),
            durationMs: 1000,
        };
        records.set('r1', atClose);
        workspace.renameUser('a1', 'alice.smith');
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        expect(records.get('r1')).toEqual(atClose);
        expect(records.get('r2')).toMatchObject({ username: 'alice.smith' });
        expect(current()).toMatchObject({ state: 'done', scanned: 3, imported: 2, alreadyRecorded: 1 });
    });

    it('leaves out rooms older than the retention keeps', async () => {
        const { context, records, current, start } = importContext(history(3));
        context.keepSince = Date.UTC(2024, 0, 1, 0, 1);
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        expect([...records.keys()]).toEqual(['r1', 'r2']);
        expect(current()).toMatchObject({ state: 'done', imported: 2, skipped: 1 });
    });

    it('throws when a page cannot be listed, leaving its place for the next try', async () => {
        const { context, current, start } = importContext(history(250));
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        const listing = context.rooms.page;
        context.rooms.page = async () => {
            throw new Error('connection reset');
        };
        await expect(runImportBatch(context, 'run-1', 1)).rejects.toThrow('connection reset');
        expect(current()).toMatchObject({ state: 'running', cursor: 100 });
        context.rooms.page = listing;
        await runImportBatch(context, 'run-1', 2);
        expect(current()).toMatchObject({ state: 'done', scanned: 250, imported: 250 });
    });

    it('fails with words an admin can act on when rooms cannot be listed', async () => {
        const { context, current, start } = importContext(history(3), { listing: 'not-permitted' });
        await start('run-1');
        expect(await runImportBatch(context, 'run-1', 1)).toBe('finished');
        expect(current()).toMatchObject({ state: 'failed', lastError: MISSING_PERMISSION_MESSAGE });
    });

    it('is unavailable, saying which Rocket.Chat brings it, on an engine that cannot list rooms', async () => {
        const { context, current, start } = importContext(history(3), { listing: 'unsupported' });
        await start('run-1');
        expect(await runImportBatch(context, 'run-1', 1)).toBe('finished');
        expect(current()).toMatchObject({ state: 'unavailable', scanned: 0, lastError: LISTING_UNSUPPORTED_MESSAGE });
        expect(LISTING_UNSUPPORTED_MESSAGE).toContain('Apps-Engine 1.59');
        expect(LISTING_UNSUPPORTED_MESSAGE).toContain('Rocket.Chat 8.0');
    });

    it('tries again from the first room when started after being unavailable (the workspace may have been updated)', () => {
        const now = new Date('2026-01-02T00:00:00Z');
        const unavailable = { ...startedStatus(now, 'old'), state: 'unavailable' as const, lastError: LISTING_UNSUPPORTED_MESSAGE };
        expect(resumedOrStarted(unavailable, now, 'new')).toEqual(startedStatus(now, 'new'));
    });

    it('stops a chain that no longer owns the import, so that two never run on', async () => {
        const { context, current, start } = importContext(history(300));
        await start('run-1');
        await start('run-2');
        expect(await runImportBatch(context, 'run-1', 1)).toBe('finished');
        expect(current()).toMatchObject({ runId: 'run-2', scanned: 0 });
    });

    it('does nothing once done', async () => {
        const { context, current, start } = importContext(history(5));
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        const done = current();
        expect(await runImportBatch(context, 'run-1', 1)).toBe('finished');
        expect(current()).toBe(done);
    });
});

describe('when the import fails', () => {
    it('tries a batch again after waits that double, a bounded number of times', () => {
        const waits = Array.from({ length: BATCH_ATTEMPTS }, (_, i) => nextAfterFailure(i + 1));
        expect(waits).toEqual([1000, 2000, 4000, 8000, undefined]);
    });

    it('is marked failed with why and where, keeping its place, and resumes from there', async () => {
        const { context, current, start } = importContext(history(250));
        await start('run-1');
        await runImportBatch(context, 'run-1', 1);
        await markFailed(context, 'run-1', new Error('connection reset'));
        expect(current()).toMatchObject({ state: 'failed', cursor: 100, scanned: 100 });
        expect(current()?.lastError).toBe(
            "Stopped after 5 tries at room 100 of the workspace's list: connection reset. " +
                'It resumes from there when the app is next enabled, or at once with POST on this endpoint.',
        );
        const resumed = resumedOrStarted(current(), new Date('2026-01-02T00:00:00Z'), 'run-2');
        expect(resumed).toMatchObject({ state: 'running', cursor: 100, scanned: 100, lastError: null, runId: 'run-2' });
    });

    it('starts a finished import from the first room, and resumes a running one under its new chain', () => {
        const now = new Date('2026-01-02T00:00:00Z');
        const done = { ...startedStatus(now, 'old'), state: 'done' as const, cursor: 500, scanned: 500 };
        expect(resumedOrStarted(done, now, 'new')).toEqual(startedStatus(now, 'new'));
        expect(resumedOrStarted(undefined, now, 'new')).toEqual(startedStatus(now, 'new'));
        expect(resumedOrStarted({ ...done, state: 'running' }, now, 'new')).toMatchObject({ cursor: 500, runId: 'new' });
    });
});
