import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';

import type { ChatStore } from '../chats/chatStore';
import type { ClosedLivechatRoom } from '../chats/roomMetrics';
import { isBeyondRetention } from '../chats/retention';
import type { LegStore } from '../chats/chatStore';
import { withLegsOf } from '../chats/chatLegs';
import { decideServiceRecord } from '../chats/serviceRecord';
import { messageOf } from '../util/messageOf';

/** `unavailable`: the workspace's Apps-Engine cannot list rooms to apps (before 1.59); live closes are still recorded. */
export type ImportState = 'idle' | 'running' | 'done' | 'failed' | 'unavailable';

/** Where the import stands; stored as one record, it is also the cursor that survives restarts. */
export interface ImportStatus {
    state: ImportState;
    /** Livechat rooms looked at so far. */
    scanned: number;
    /** Rooms that count and were recorded by the import. */
    imported: number;
    /** Rooms that count and already had a record (from their close, or an earlier import): kept as they are. */
    alreadyRecorded: number;
    /** Rooms that do not count: open, unserved, no service time, or older than the retention keeps. */
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
    /** Walks of the room list finished so far: another one follows a walk during which rooms were deleted. */
    passes: number;
    /** When the current walk began (null in statuses of 1.5 and before: the import's start). */
    passStartedAt: string | null;
}

export const IDLE_STATUS: ImportStatus = Object.freeze({
    state: 'idle',
    scanned: 0,
    imported: 0,
    alreadyRecorded: 0,
    skipped: 0,
    failed: 0,
    startedAt: null,
    updatedAt: null,
    finishedAt: null,
    lastError: null,
    cursor: 0,
    runId: null,
    passes: 0,
    passStartedAt: null,
});

/** A status as stored by any version: 1.0 had no `alreadyRecorded`. */
export function readStatus(stored: Partial<ImportStatus> | undefined): ImportStatus | undefined {
    return stored ? { ...IDLE_STATUS, ...stored } : undefined;
}

export interface ImportStatusStore {
    read(): Promise<ImportStatus | undefined>;
    write(status: ImportStatus): Promise<void>;
}

/**
 * Why rooms cannot be listed: the app lacks the permission to, or the workspace's engine has no
 * `IRoomRead.getAllRooms` (Apps-Engine 1.59 brought it).
 */
export type RoomListingRefusal = 'not-permitted' | 'unsupported';

/**
 * A room as `IRoomRead.getAllRooms` lists it (Apps-Engine's `IRoomRaw`), as far as the import reads
 * it. Declared here, not taken from the engine: the floor's definitions (1.53) have no `IRoomRaw`.
 */
export interface ListedRoom {
    id: string;
    isOpen?: boolean;
    closedAt?: Date;
    servedBy?: { _id: string; username: string };
    departmentId?: string;
}

/** The workspace's livechat rooms, as the import reads them. */
export interface HistoryRoomSource {
    /** One page of livechat rooms, or why they cannot be listed. */
    page(skip: number, limit: number): Promise<ListedRoom[] | RoomListingRefusal>;
    /** The room as the closed event hands it (with its metrics), or undefined if it is gone. */
    closedRoom(room: ListedRoom): Promise<ClosedLivechatRoom | undefined>;
}

export interface ImportBatchContext {
    status: ImportStatusStore;
    rooms: HistoryRoomSource;
    records: Pick<ChatStore, 'has' | 'save'> & Pick<LegStore, 'legEvents'>;
    logger: Pick<ILogger, 'debug' | 'warn' | 'error'>;
    now(): Date;
    /** The retention's cut-off: rooms created before it are left out (undefined: keep all). */
    keepSince?: number;
    /** How many livechat rooms were deleted since an instant (their tombstones): a deletion shifts the list the import walks by position. */
    deletionsSince(at: number): Promise<number>;
}

/**
 * Walks of the room list at most: the listing pages by position (skip and limit), so a room deleted
 * while the import walks shifts every later room one place back, and one of them past the import.
 * A walk during which rooms were deleted is followed by another (which only records rooms still
 * without a record); the third is the last.
 */
export const MAX_PASSES = 3;

export const MISSING_PERMISSION_MESSAGE =
    'The app may not list the workspace’s rooms: it lacks the permission room.system.view-all. ' +
    'Grant it (Administration > Apps > Agent Service Time > Permissions, or update the app and accept its permissions), ' +
    'then start the import again with POST on this endpoint.';

// Rocket.Chat 7.13 ships Apps-Engine 1.58, without getAllRooms; 8.2 ships 1.60 (their release notes'
// "Engine versions"); 1.59.0 (changelog: "Adds a new method ... to retrieve multiple rooms") also removes
// Omnichannel's deprecated VoIP, a change made in the major version 8.0.
export const LISTING_UNSUPPORTED_MESSAGE =
    'This workspace cannot list its rooms to apps: that came with Apps-Engine 1.59, in Rocket.Chat 8.0. ' +
    'Chats closed since the app was installed are recorded as they close; those closed before cannot be imported here. ' +
    'After updating Rocket.Chat, the import starts when the app is next enabled, or at once with POST on this endpoint.';

export const PAGE_SIZE = 100;

/** A fresh import owned by `runId`, from the first room. */
export function startedStatus(now: Date, runId: string): ImportStatus {
    return {
        ...IDLE_STATUS,
        state: 'running',
        startedAt: now.toISOString(),
        updatedAt: now.toISOString(),
        passStartedAt: now.toISOString(),
        runId,
    };
}

/**
 * Where a start of the import begins, given the stored status: an import that failed or was
 * running when the app stopped resumes from its place, under a new chain; one that is done, or never
 * ran, starts from the first room (filling gaps only: rooms with a record keep it).
 */
export function resumedOrStarted(current: ImportStatus | undefined, now: Date, runId: string): ImportStatus {
    if (current && (current.state === 'failed' || current.state === 'running')) {
        return { ...current, state: 'running', runId, lastError: null, updatedAt: now.toISOString() };
    }
    return startedStatus(now, runId);
}

/**
 * One bounded batch of the import: up to `pages` pages of rooms from the saved cursor, each room
 * decided by the live path's own rule and recorded unless it has a record already, then the cursor
 * saved. Answers whether another batch should be scheduled. A room that fails is logged and counted;
 * it does not stop the import. A page that cannot be listed, or a status that cannot be written,
 * throws: the job tries the batch again (`nextAfterFailure`).
 */
export async function runImportBatch(context: ImportBatchContext, runId: string, pages: number): Promise<'continue' | 'finished'> {
    let status = (await context.status.read()) ?? IDLE_STATUS;
    if (status.state !== 'running' || status.runId !== runId) {
        return 'finished';
    }
    for (let page = 0; page < pages; page++) {
        const rooms = await context.rooms.page(status.cursor, PAGE_SIZE);
        if (typeof rooms === 'string') {
            const unsupported = rooms === 'unsupported';
            await context.status.write({
                ...status,
                state: unsupported ? 'unavailable' : 'failed',
                lastError: unsupported ? LISTING_UNSUPPORTED_MESSAGE : MISSING_PERMISSION_MESSAGE,
                updatedAt: context.now().toISOString(),
            });
            return 'finished';
        }
        const counts = { imported: 0, alreadyRecorded: 0, skipped: 0, failed: 0 };
        for (const room of rooms) {
            counts[await importRoom(context, room)]++;
        }
        // A later walk looks at the same rooms again: only what it records (or fails) adds up.
        const firstPass = status.passes === 0;
        status = {
            ...status,
            scanned: status.scanned + (firstPass ? rooms.length : 0),
            imported: status.imported + counts.imported,
            alreadyRecorded: status.alreadyRecorded + (firstPass ? counts.alreadyRecorded : 0),
            skipped: status.skipped + (firstPass ? counts.skipped : 0),
            failed: status.failed + counts.failed,
            cursor: status.cursor + rooms.length,
            updatedAt: context.now().toISOString(),
        };
        if (rooms.length < PAGE_SIZE) {
            const passStart = Date.parse(status.passStartedAt ?? status.startedAt ?? '');
            const shifted = status.passes + 1 < MAX_PASSES && (Number.isNaN(passStart) || (await context.deletionsSince(passStart)) > 0);
            status = shifted
                ? { ...status, cursor: 0, passes: status.passes + 1, passStartedAt: status.updatedAt }
                : { ...status, state: 'done', finishedAt: status.updatedAt };
            const owned = await writeIfStillOwned(context, status, runId);
            return shifted && owned ? 'continue' : 'finished';
        }
        if (!(await writeIfStillOwned(context, status, runId))) {
            return 'finished';
        }
    }
    return 'continue';
}

type RoomOutcome = 'imported' | 'alreadyRecorded' | 'skipped' | 'failed';

async function importRoom(context: ImportBatchContext, summary: ListedRoom): Promise<RoomOutcome> {
    // Open and unserved rooms cannot count: no need to fetch them.
    if (summary.isOpen === true || !summary.closedAt || !summary.servedBy) {
        return 'skipped';
    }
    try {
        // A room recorded at its close keeps that record: the agent's name at close, as the core has it.
        if (await context.records.has(summary.id)) {
            return 'alreadyRecorded';
        }
        const room = await context.rooms.closedRoom(summary);
        if (!room) {
            return 'skipped';
        }
        const decision = decideServiceRecord(room);
        if (!decision.counts || isBeyondRetention(decision.record.createdAt, context.keepSince)) {
            return 'skipped';
        }
        // Its close event was lost (the app disabled, or not yet installed), but maybe not every leg event.
        const outcome = await context.records.save(withLegsOf(decision.record, await context.records.legEvents(summary.id)));
        // Deleted while the import read it: the deletion wins (`ChatStore.save`).
        return outcome === 'saved' ? 'imported' : 'skipped';
    } catch (error) {
        context.logger.warn(`History import: room ${summary.id} failed and was left out: ${messageOf(error)}`);
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

/** Tries of one batch before the import is marked failed; the waits between them double from one second. */
export const BATCH_ATTEMPTS = 5;
export const FIRST_RETRY_DELAY_MS = 1000;

/** After a batch threw on its `attempt`-th try: the wait before the next try, or undefined to give up. */
export function nextAfterFailure(attempt: number): number | undefined {
    return attempt < BATCH_ATTEMPTS ? FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1) : undefined;
}

/**
 * The import given up after its tries: failed, with why and where, keeping its place and counts, so
 * that it resumes from there (on POST, or by itself when the app is next enabled).
 */
export async function markFailed(context: Pick<ImportBatchContext, 'status' | 'now'>, runId: string, error: unknown): Promise<void> {
    const status = (await context.status.read()) ?? IDLE_STATUS;
    if (status.runId !== runId) {
        return;
    }
    const lastError =
        `Stopped after ${BATCH_ATTEMPTS} tries at room ${status.cursor} of the workspace's list: ${messageOf(error)}. ` +
        'It resumes from there when the app is next enabled, or at once with POST on this endpoint.';
    await context.status.write({ ...status, state: 'failed', lastError, updatedAt: context.now().toISOString() });
}
