import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

/** Bumped when the stored shape changes, so that older records can still be read. */
export const SERVICE_RECORD_VERSION = 1;

/** What the app keeps of one closed livechat room: everything the reports need, nothing more. */
export interface ServiceRecord {
    v: typeof SERVICE_RECORD_VERSION;
    roomId: string;
    /** The agent as they were when the room closed (`servedBy._id`, `servedBy.username`). */
    agentId: string;
    username: string;
    /** The room's creation time (`ts` in Rocket.Chat), in ms since the epoch: the report's range filters on it. */
    createdAt: number;
    /** `metrics.serviceTimeDuration` in whole milliseconds. */
    durationMs: number;
    departmentId?: string;
}

export type RecordDecision =
    | { counts: true; record: ServiceRecord }
    | { counts: false; reason: string };

/**
 * The room as Rocket.Chat hands it to apps: its converter keeps every database field it does not
 * map under `_unmappedProperties_`, which is where `metrics` arrives.
 */
export type ClosedLivechatRoom = ILivechatRoom & {
    _unmappedProperties_?: { metrics?: { serviceTimeDuration?: unknown } };
};

/**
 * The core's rule for which rooms its agents reports count (CONTRACT.md, "Which rooms count"):
 * a livechat room that had an agent when it closed and carries a truthy `metrics.serviceTimeDuration`.
 * The range check on the creation time is `isCreatedWithin`, applied when a report is read.
 */
export function decideServiceRecord(room: ClosedLivechatRoom): RecordDecision {
    if (room.type !== RoomType.LIVE_CHAT) {
        return { counts: false, reason: `room ${room.id} is not a livechat room (type ${room.type})` };
    }
    if (room.isOpen === true) {
        return { counts: false, reason: `room ${room.id} is still open` };
    }
    const agentId = room.servedBy?.id;
    const username = room.servedBy?.username;
    if (!agentId || !username) {
        return { counts: false, reason: `room ${room.id} closed without an agent (no servedBy)` };
    }
    const createdAt = toEpochMs(room.createdAt);
    if (createdAt === undefined) {
        return { counts: false, reason: `room ${room.id} has no valid creation time` };
    }
    const seconds = room._unmappedProperties_?.metrics?.serviceTimeDuration;
    // Rocket.Chat stores the duration only when it is truthy: a zero one never reaches the reports.
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds === 0) {
        return { counts: false, reason: `room ${room.id} has no service time (metrics.serviceTimeDuration is ${String(seconds)})` };
    }
    const record: ServiceRecord = {
        v: SERVICE_RECORD_VERSION,
        roomId: room.id,
        agentId,
        username,
        createdAt,
        durationMs: secondsToMs(seconds),
    };
    const departmentId = room.department?.id;
    if (departmentId) {
        record.departmentId = departmentId;
    }
    return { counts: true, record };
}

/** Inclusive at both ends, to the millisecond, as the core's `$gte`/`$lte` on `ts`. */
export function isCreatedWithin(record: Pick<ServiceRecord, 'createdAt'>, range: DateRange): boolean {
    return record.createdAt >= range.start && record.createdAt <= range.end;
}

/** What a report counts: rooms created within the range and, when departments are named, of those departments. */
export interface ReportScope {
    range: DateRange;
    departmentIds?: readonly string[];
}

/** The one rule for which stored records a report counts. */
export function isInScope(record: Pick<ServiceRecord, 'createdAt' | 'departmentId'>, scope: ReportScope): boolean {
    return isCreatedWithin(record, scope.range) && isInDepartments(record.departmentId, scope);
}

/** The department half of the scope, also applied to pre-aggregated totals, which keep the department. */
export function isInDepartments(departmentId: string | undefined, scope: Pick<ReportScope, 'departmentIds'>): boolean {
    return !scope.departmentIds || (departmentId !== undefined && scope.departmentIds.includes(departmentId));
}

export interface DateRange {
    /** ms since the epoch, inclusive */
    start: number;
    /** ms since the epoch, inclusive */
    end: number;
}

/**
 * Rocket.Chat computes the duration as `(closedAt - servedBy.ts) / 1000` from two millisecond
 * timestamps, so rounding to the nearest millisecond recovers the exact integer it came from.
 */
export function secondsToMs(seconds: number): number {
    return Math.round(seconds * 1000);
}

/**
 * `ceil(sumMs / (1000 * chats))` in integer arithmetic: the float quotient of two large integers
 * can land on the wrong side of an integer, so the exact remainder settles it.
 */
export function ceilSecondsAverage(sumMs: number, chats: number): number {
    return ceilDiv(sumMs, 1000 * chats);
}

export function ceilDiv(numerator: number, divisor: number): number {
    let quotient = Math.floor(numerator / divisor);
    let remainder = numerator - quotient * divisor;
    if (remainder < 0) {
        quotient -= 1;
        remainder += divisor;
    } else if (remainder >= divisor) {
        quotient += 1;
        remainder -= divisor;
    }
    return remainder > 0 ? quotient + 1 : quotient;
}

function toEpochMs(value: unknown): number | undefined {
    if (value instanceof Date || typeof value === 'string' || typeof value === 'number') {
        const ms = new Date(value).getTime();
        return Number.isNaN(ms) ? undefined : ms;
    }
    return undefined;
}
