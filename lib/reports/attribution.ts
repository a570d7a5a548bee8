import type { BusinessHours } from '../hours/businessHours';
import { scheduleOf } from '../hours/businessHours';
import { businessMsBetween, LONGEST_BUSINESS_SPAN_MS } from '../hours/businessTime';
import type { ServiceRecord } from '../chats/serviceRecord';
import type { Leg } from '../legs/legs';
import { handOversOf, legDurationMs } from '../legs/legs';
import type { Attribution } from './choices';

/** One agent's part of one chat: what the reports add up, one per chat and agent. */
export interface ChatCredit {
    record: ServiceRecord;
    agentId: string;
    username: string;
    durationMs: number;
    /** 1, or 0 when every leg of the agent began unseen: they took part, but for a time nobody knows. */
    chats: 0 | 1;
    /** The agent's legs of this chat that ended by a transfer or a return to the queue. */
    transfers: number;
    /** The agent's legs of this chat whose start the app never saw (their time is not counted). */
    legsWithUnknownStart: number;
}

/** How a report counts time: who it is credited to, and (`hours=business`) only within business hours. */
export interface Crediting {
    attribution?: Attribution;
    /** Present for `hours=business`: each leg counts only its time inside its department's schedule. */
    businessHours?: BusinessHours;
}

/**
 * A record a report in business hours cannot count: it was written without its close time (app 1.0
 * and 1.1), or it holds a stretch longer than `LONGEST_BUSINESS_SPAN_MS` (`why: 'too-long'`).
 */
export class RecordWithoutTimes extends Error {
    constructor(
        public readonly record: ServiceRecord,
        public readonly why: 'no-close-time' | 'too-long' = 'no-close-time',
    ) {
        super(
            `room ${record.roomId} ${why === 'too-long' ? 'holds a stretch too long for business hours' : 'was recorded without its close time'}`,
        );
    }
}

/**
 * How long each leg of a record counts: its whole stretch, or (with business hours) its part inside
 * the schedule of the record's department; undefined for a leg whose start the app never saw. A
 * stretch longer than `LONGEST_BUSINESS_SPAN_MS` throws `RecordWithoutTimes` ('too-long').
 */
export function legTimer(
    record: ServiceRecord,
    businessHours: BusinessHours | undefined,
): (leg: Pick<Leg, 'startedAt' | 'endedAt'>) => number | undefined {
    return (leg) => {
        if (!businessHours || leg.startedAt === undefined) {
            return legDurationMs(leg);
        }
        if (leg.endedAt - leg.startedAt > LONGEST_BUSINESS_SPAN_MS) {
            throw new RecordWithoutTimes(record, 'too-long');
        }
        return businessMsBetween(leg.startedAt, leg.endedAt, scheduleOf(businessHours, record.departmentId));
    };
}

/**
 * The credits of a chat. With `legs`, a chat recorded without legs (closed before app 1.4, or
 * before the app saw any of its events) is the core's single leg; an agent whose every leg began unseen gets no
 * chat and no time, only the count of those legs. With business hours, each leg's time is its part
 * inside the schedule of the chat's department (a chat all at night is a chat of no time); a record
 * without its close time throws `RecordWithoutTimes` rather than being guessed.
 */
export function creditsOf(record: ServiceRecord, crediting: Crediting = {}): ChatCredit[] {
    const { attribution, businessHours } = crediting;
    const timeOf = legTimer(record, businessHours);
    if (attribution !== 'legs' || !record.legs || record.legs.length === 0) {
        if (businessHours && record.closedAt === undefined) {
            throw new RecordWithoutTimes(record);
        }
        const durationMs = businessHours
            ? (timeOf({ startedAt: (record.closedAt ?? 0) - record.durationMs, endedAt: record.closedAt ?? 0 }) ?? 0)
            : record.durationMs;
        return [
            { record, agentId: record.agentId, username: record.username, durationMs, chats: 1, transfers: 0, legsWithUnknownStart: 0 },
        ];
    }
    const byAgent = new Map<string, { agentId: string; username: string; legs: Leg[] }>();
    for (const leg of record.legs) {
        // Grouped as the core groups agents: `_id` and `username` together.
        const key = JSON.stringify([leg.agentId, leg.username]);
        const group = byAgent.get(key) ?? { agentId: leg.agentId, username: leg.username, legs: [] };
        group.legs.push(leg);
        byAgent.set(key, group);
    }
    return [...byAgent.values()].map(({ agentId, username, legs }) => {
        const known = legs.map(timeOf).filter((ms): ms is number => ms !== undefined);
        return {
            record,
            agentId,
            username,
            durationMs: known.reduce((sum, ms) => sum + ms, 0),
            chats: known.length > 0 ? 1 : 0,
            transfers: legs.reduce((sum, leg) => sum + handOversOf(leg), 0),
            legsWithUnknownStart: legs.length - known.length,
        };
    });
}
