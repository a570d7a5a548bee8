import type { ServiceRecord } from '../records/serviceRecord';
import type { Leg } from './legs';
import { legDurationMs } from './legs';

/**
 * Who a chat's service time is credited to:
 * - `last` (the default): the agent who served at the close, for the core's `serviceTimeDuration`,
 *   exactly as Rocket.Chat's reports do;
 * - `legs`: every agent who took part, for the sum of their own legs; a chat counts once for each of
 *   them (A to B to A is one chat for A, with both of A's legs summed).
 */
export const ATTRIBUTIONS = ['last', 'legs'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

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

/**
 * The credits of a chat. With `legs`, a chat recorded without legs (closed before app 1.4, or
 * imported from the history) is the core's single leg; an agent whose every leg began unseen gets no
 * chat and no time, only the count of those legs.
 */
export function creditsOf(record: ServiceRecord, attribution: Attribution | undefined): ChatCredit[] {
    if (attribution !== 'legs' || !record.legs || record.legs.length === 0) {
        return [
            {
                record,
                agentId: record.agentId,
                username: record.username,
                durationMs: record.durationMs,
                chats: 1,
                transfers: 0,
                legsWithUnknownStart: 0,
            },
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
        const known = legs.map(legDurationMs).filter((ms): ms is number => ms !== undefined);
        return {
            record,
            agentId,
            username,
            durationMs: known.reduce((sum, ms) => sum + ms, 0),
            chats: known.length > 0 ? 1 : 0,
            transfers: legs.filter((leg) => leg.endedBy !== 'close').length,
            legsWithUnknownStart: legs.length - known.length,
        };
    });
}
