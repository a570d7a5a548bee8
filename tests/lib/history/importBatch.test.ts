import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';

import { Workspace } from '../../../dev/workspace/workspace';
import type { RecordStore } from '../../../lib/records/recordStore';
import type { HistoryRoomSource, ImportStatus, ImportStatusStore } from '../../../lib/history/importBatch';
import { MISSING_PERMISSION_MESSAGE, runImportBatch, startedStatus } from '../../../lib/history/importBatch';
import type { ClosedLivechatRoom } from '../../../lib/records/roomMetrics';
import type { ServiceRecord } from '../../../lib/records/serviceRecord';

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

function importContext(workspace: Workspace, options: { failingRoom?: string; listing?: boolean } = {}) {
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
            options.listing === false
                ? undefined
                : [...workspace.rooms.values()].slice(skip, skip + limit).map((room) => workspace.convertRoomRaw(room)),
        closedRoom: async (room: IRoomRaw): Promise<ClosedLivechatRoom | undefined> => {
            if (room.id === options.failingRoom) {
                throw new Error('database unavailable');
            }
            return workspace.convertRoom(workspace.room(room.id));
        },
    };
    const store: RecordStore = {
        save: async (record) => {
            records.set(record.roomId, record);
        },
        totals: async () => [],
    };
    const context = {
        status,
        rooms,
        records: store,
        logger: { debug: () => {}, warn: (line: string) => warnings.push(line), error: () => {} },
        now: () => new Date('2026-01-01T00:00:00Z'),
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

    it('fails with words an admin can act on when rooms cannot be listed', async () => {
        const { context, current, start } = importContext(history(3), { listing: false });
        await start('run-1');
        expect(await runImportBatch(context, 'run-1', 1)).toBe('finished');
        expect(current()).toMatchObject({ state: 'failed', lastError: MISSING_PERMISSION_MESSAGE });
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
