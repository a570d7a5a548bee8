import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';

import type { RecordStore } from '../records/recordStore';
import type { ClosedLivechatRoom } from '../records/roomMetrics';
import { decideServiceRecord } from '../records/serviceRecord';

export type ImportState = 'idle' | 'running' | 'done' | 'failed';

/** Where the import stands; stored as one record, it is also the cursor that survives restarts. */
export interface ImportStatus {
    state: ImportState;
    /** Livechat rooms looked at so far. */
    scanned: number;
    /** Rooms that count and were recorded (or recorded again). */
    imported: number;
    /** Rooms that do not count: open, unserved, no service time. */
    skipped: number;
    /** Rooms that could not be read or written; logged, and left to the next import. */
    failed: number;
    startedAt: string | null;
    updatedAt: string | null;
    finishedAt: string | null;
    lastError: string | null;
    /** How many rooms of the workspace's list the import has passed. */
    cursor: number;
    /** The chain of jobs that owns the import; a job of another chain stops. */
    runId: string | null;
}

export const IDLE_STATUS: ImportStatus = Object.freeze({
    state: 'idle',
    scanned: 0,
    imported: 0,
    skipped: 0,
    failed: 0,
    startedAt: null,
    updatedAt: null,
    finishedAt: null,
    lastError: null,
    cursor: 0,
    runId: null,
});

export interface ImportStatusStore {
    read(): Promise<ImportStatus | undefined>;
    write(status: ImportStatus): Promise<void>;
}

/** The workspace's livechat rooms, as the import reads them. */
export interface HistoryRoomSource {
    /** One page of livechat rooms; `undefined` when the app may not list rooms. */
    page(skip: number, limit: number): Promise<IRoomRaw[] | undefined>;
    /** The room as the closed event hands it (with its metrics), or undefined if it is gone. */
    closedRoom(room: IRoomRaw): Promise<ClosedLivechatRoom | undefined>;
}

export interface ImportBatchContext {
    status: ImportStatusStore;
    rooms: HistoryRoomSource;
    records: RecordStore;
    logger: Pick<ILogger, 'debug' | 'warn' | 'error'>;
    now(): Date;
}

export const MISSING_PERMISSION_MESSAGE =
    'The app may not list the workspace’s rooms: it lacks the permission room.system.view-all. ' +
    'Grant it (Administration > Apps > Agent Service Time > Permissions, or update the app and accept its permissions), ' +
    'then start the import again with POST on this endpoint.';

export const PAGE_SIZE = 100;

/** A fresh import owned by `runId`, from the first room. */
export function startedStatus(now: Date, runId: string): ImportStatus {
    return { ...IDLE_STATUS, state: 'running', startedAt: now.toISOString(), updatedAt: now.toISOString(), runId };
}

/**
 * One bounded batch of the import: up to `pages` pages of rooms from the saved cursor, each room
 * decided by the live path's own rule and written with its idempotent upsert, then the cursor saved.
 * Answers whether another batch should be scheduled. A room that fails is logged and counted; it
 * does not stop the import.
 */
export async function runImportBatch(context: ImportBatchContext, runId: string, pages: number): Promise<'continue' | 'finished'> {
    let status = (await context.status.read()) ?? IDLE_STATUS;
    if (status.state !== 'running' || status.runId !== runId) {
        return 'finished';
    }
    for (let page = 0; page < pages; page++) {
        const rooms = await context.rooms.page(status.cursor, PAGE_SIZE);
        if (!rooms) {
            await context.status.write({
                ...status,
                state: 'failed',
                lastError: MISSING_PERMISSION_MESSAGE,
                updatedAt: context.now().toISOString(),
            });
            return 'finished';
        }
        const counts = { scanned: rooms.length, imported: 0, skipped: 0, failed: 0 };
        for (const room of rooms) {
            const outcome = await importRoom(context, room);
            counts[outcome]++;
        }
        status = {
            ...status,
            scanned: status.scanned + counts.scanned,
            imported: status.imported + counts.imported,
            skipped: status.skipped + counts.skipped,
            failed: status.failed + counts.failed,
            cursor: status.cursor + rooms.length,
            updatedAt: context.now().toISOString(),
        };
        if (rooms.length < PAGE_SIZE) {
            status = { ...status, state: 'done', finishedAt: status.updatedAt };
            await writeIfStillOwned(context, status, runId);
            return 'finished';
        }
        if (!(await writeIfStillOwned(context, status, runId))) {
            return 'finished';
        }
    }
    return 'continue';
}

async function importRoom(context: ImportBatchContext, summary: IRoomRaw): Promise<'imported' | 'skipped' | 'failed'> {
    // Open and unserved rooms cannot count: no need to fetch them.
    if (summary.isOpen === true || !summary.closedAt || !summary.servedBy) {
        return 'skipped';
    }
    try {
        const room = await context.rooms.closedRoom(summary);
        if (!room) {
            return 'skipped';
        }
        const decision = decideServiceRecord(room);
        if (!decision.counts) {
            return 'skipped';
        }
        await context.records.save(decision.record);
        return 'imported';
    } catch (error) {
        context.logger.warn(
            `History import: room ${summary.id} failed and was left out: ${error instanceof Error ? error.message : String(error)}`,
        );
        return 'failed';
    }
}

/** A restart (POST) while a batch runs gives the import to a new chain: this one then stops. */
async function writeIfStillOwned(context: ImportBatchContext, status: ImportStatus, runId: string): Promise<boolean> {
    const current = await context.status.read();
    if (current?.runId !== runId) {
        return false;
    }
    await context.status.write(status);
    return true;
}
