import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { Leg, LegEnd } from '../legs/legs';
import { shortDigest } from '../util/fingerprint';
import type { ClosedLivechatRoom } from './roomMetrics';
import type { SurveyScores } from './survey';
import { readStoredSurvey, surveyKey, surveyScoresOf } from './survey';
import { chatDurationOf, firstResponseTimeOf, serviceTimeDurationOf } from './roomMetrics';

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
    /**
     * Since app 1.2: the room's close (`closedAt`), `metrics.response.ft` and `metrics.chatDuration`
     * in whole ms, each kept when the room carries it. Records of older versions have none of them.
     */
    closedAt?: number;
    firstResponseMs?: number;
    chatDurationMs?: number;
    /**
     * Since app 1.4: every agent's stretch of the chat, oldest first, the last one the core's own
     * (`legs/legs.ts`). Absent on older records and on chats the app saw no event of.
     */
    legs?: Leg[];
    /** Since app 1.9: the visitor's ratings (`chats/survey.ts`), the scores only; absent when the visitor rated nothing. */
    survey?: SurveyScores;
}

/** The fields a record may carry beyond what the core's report needs. */
const OPTIONAL_TIMES = ['closedAt', 'firstResponseMs', 'chatDurationMs'] as const;

/**
 * The creation times the store can tag: years 0000 to 9999, which `toISOString` writes with four
 * digits (`month:YYYY-MM`). A room outside them (a bad clock, a bad import) is refused, not stored
 * under a tag no report would find.
 */
export const EARLIEST_CREATED_AT = Date.parse('0000-01-01T00:00:00.000Z');
export const LATEST_CREATED_AT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The longest service time the store keeps: a century, in ms. Far beyond any real chat, and small
 * enough that the sums of millions of them stay exact integers in a double (below 2^53 ms).
 */
export const MAX_DURATION_MS = 100 * 366 * 86_400_000;

export type RecordDecision = { counts: true; record: ServiceRecord } | { counts: false; reason: string };

/**
 * The core's rule for which rooms its agents reports count (README, "The endpoint"): a livechat
 * room that had an agent when it closed and carries a truthy `metrics.serviceTimeDuration`
 * (`LivechatRooms.findAllAverageServiceTimeByAgents`, packages/models/src/models/LivechatRooms.ts).
 * The range check on the creation time is applied when a report is read (`report/scope.ts`).
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
    if (createdAt < EARLIEST_CREATED_AT || createdAt > LATEST_CREATED_AT) {
        return {
            counts: false,
            reason: `room ${room.id} was created outside the years 0000 to 9999 (${new Date(createdAt).toISOString()})`,
        };
    }
    const seconds = serviceTimeDurationOf(room);
    // Rocket.Chat stores the duration only when it is truthy: a zero one never reaches the reports.
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds === 0) {
        return { counts: false, reason: `room ${room.id} has no service time (metrics.serviceTimeDuration is ${String(seconds)})` };
    }
    const durationMs = secondsToMs(seconds);
    if (Math.abs(durationMs) > MAX_DURATION_MS) {
        return { counts: false, reason: `room ${room.id} has a service time of ${seconds} s, longer than the store keeps (a century)` };
    }
    const record: ServiceRecord = { v: SERVICE_RECORD_VERSION, roomId: room.id, agentId, username, createdAt, durationMs };
    // Only a string is a department id: the core matches `departmentId` against the request's strings, so a room
    // whose department is 42 or {a: 1} is in no department a report can name.
    const departmentId: unknown = room.department?.id;
    if (typeof departmentId === 'string' && departmentId !== '') {
        record.departmentId = departmentId;
    }
    const closedAt = toEpochMs(room.closedAt);
    const times: Pick<ServiceRecord, (typeof OPTIONAL_TIMES)[number]> = {
        closedAt,
        firstResponseMs: optionalSecondsToMs(firstResponseTimeOf(room)),
        chatDurationMs: optionalSecondsToMs(chatDurationOf(room)),
    };
    for (const field of OPTIONAL_TIMES) {
        const value = times[field];
        if (value !== undefined) {
            record[field] = value;
        }
    }
    const survey = surveyScoresOf(room);
    if (survey) {
        record.survey = survey;
    }
    return { counts: true, record };
}

/**
 * Rocket.Chat computes the duration as `(closedAt - servedBy.ts) / 1000` from two millisecond
 * timestamps, so rounding to the nearest millisecond recovers the exact integer it came from.
 */
export function secondsToMs(seconds: number): number {
    return Math.round(seconds * 1000);
}

/** A metric in seconds the room may carry, in ms; undefined when it carries none or not a usable number. */
function optionalSecondsToMs(seconds: unknown): number | undefined {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
        return undefined;
    }
    const ms = secondsToMs(seconds);
    return Math.abs(ms) <= MAX_DURATION_MS ? ms : undefined;
}

/**
 * Each room counts once, whatever the store holds: two MongoDB upserts of the same room that race
 * can both insert, and then the room's record is stored twice. The first one seen wins.
 */
export function* eachRoomOnce<T extends Pick<ServiceRecord, 'roomId'>>(records: Iterable<T>, seen = new Set<string>()): Generator<T> {
    for (const record of records) {
        if (!seen.has(record.roomId)) {
            seen.add(record.roomId);
            yield record;
        }
    }
}

/**
 * What identifies a record's content: a marker names it, and the builder checks the stored record
 * against it. A short digest of `fullFingerprint` (since 1.6): the full text of a chat with 5,000 legs
 * is 300 KB, and every late leg event wrote it into a marker.
 */
export function recordFingerprint(record: ServiceRecord): string {
    return `#${shortDigest(fullFingerprint(record))}`;
}

/** The fingerprints a stored record answers to: this version's, and the full text markers of 1.5 and before carry. */
export function fingerprintsOf(record: ServiceRecord): [string, string] {
    const full = fullFingerprint(record);
    return [`#${shortDigest(full)}`, full];
}

function fullFingerprint(record: ServiceRecord): string {
    const fields: unknown[] = [
        record.roomId,
        record.agentId,
        record.username,
        record.createdAt,
        record.durationMs,
        record.departmentId ?? null,
    ];
    // The times of 1.2 only when present: a marker written by 1.1 for a record without them still matches.
    if (OPTIONAL_TIMES.some((field) => record[field] !== undefined) || record.legs) {
        fields.push(...OPTIONAL_TIMES.map((field) => record[field] ?? null));
    }
    // The legs of 1.4 likewise.
    if (record.legs) {
        fields.push(record.legs.map((leg) => [leg.agentId, leg.username, leg.startedAt ?? null, leg.endedAt, leg.endedBy]));
    }
    // The ratings of 1.9 likewise, tagged: no time or leg is an array that starts with a string.
    if (record.survey) {
        fields.push(['survey', ...surveyKey(record.survey)]);
    }
    return JSON.stringify(fields);
}

/** A stored record, if it is one this version of the app can read. */
export function readStoredRecord(data: unknown): ServiceRecord | undefined {
    if (typeof data !== 'object' || data === null) {
        return undefined;
    }
    const candidate = data as Partial<ServiceRecord>;
    if (
        candidate.v !== SERVICE_RECORD_VERSION ||
        typeof candidate.roomId !== 'string' ||
        typeof candidate.agentId !== 'string' ||
        typeof candidate.username !== 'string' ||
        typeof candidate.createdAt !== 'number' ||
        typeof candidate.durationMs !== 'number'
    ) {
        return undefined;
    }
    // A time that is not a number, or legs that are not legs, are dropped, not trusted: the record still counts for what it does carry.
    const record = candidate as ServiceRecord;
    const legsReadable = record.legs === undefined || (Array.isArray(record.legs) && record.legs.every(isLeg));
    const departmentReadable = record.departmentId === undefined || (typeof record.departmentId === 'string' && record.departmentId !== '');
    const survey = record.survey === undefined ? undefined : readStoredSurvey(record.survey);
    const surveyReadable =
        record.survey === undefined || (survey !== undefined && surveyKey(survey).join() === surveyKey(record.survey).join());
    if (
        legsReadable &&
        departmentReadable &&
        surveyReadable &&
        OPTIONAL_TIMES.every((field) => record[field] === undefined || typeof record[field] === 'number')
    ) {
        return record;
    }
    const clean: ServiceRecord = { ...record };
    if (!surveyReadable) {
        if (survey) {
            clean.survey = survey;
        } else {
            delete clean.survey;
        }
    }
    if (!legsReadable) {
        delete clean.legs;
    }
    if (!departmentReadable) {
        delete clean.departmentId; // stored by 1.5 and before from a room whose department id was not a string
    }
    for (const field of OPTIONAL_TIMES) {
        if (typeof clean[field] !== 'number') {
            delete clean[field];
        }
    }
    return clean;
}

const LEG_ENDS: readonly LegEnd[] = ['close', 'transfer', 'queue'];

function isLeg(value: unknown): value is Leg {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const leg = value as Partial<Leg>;
    return (
        typeof leg.agentId === 'string' &&
        typeof leg.username === 'string' &&
        (leg.startedAt === undefined || typeof leg.startedAt === 'number') &&
        typeof leg.endedAt === 'number' &&
        LEG_ENDS.includes(leg.endedBy as LegEnd) &&
        (leg.handOvers === undefined || (typeof leg.handOvers === 'number' && Number.isInteger(leg.handOvers) && leg.handOvers >= 0))
    );
}

/** A date as Rocket.Chat or the engine hands it (a Date, an ISO string, ms), in ms; undefined when it is none. */
export function toEpochMs(value: unknown): number | undefined {
    if (value instanceof Date || typeof value === 'string' || typeof value === 'number') {
        const ms = new Date(value).getTime();
        return Number.isNaN(ms) ? undefined : ms;
    }
    return undefined;
}
