import type { ServiceRecord } from '../chats/serviceRecord';

/** A stretch of time an agent held a chat, in ms since the epoch (`start` < `end`). */
export interface Stretch {
    start: number;
    end: number;
}

/**
 * How loaded an agent was over their stretches: how long they held at least one chat (`busyMs`, the
 * union of the stretches), the chat time held (`heldMs`, their sum: two chats at once for an hour are
 * two hours), the part of it held beside another chat (`sharedMs`), and the most chats held at once.
 */
export interface Occupancy {
    busyMs: number;
    heldMs: number;
    sharedMs: number;
    peak: number;
}

/**
 * The occupancy of a set of stretches, by a sweep over their ends: a stretch that ends when another
 * begins (a handover, or the next chat taken at the instant one closes) does not overlap it.
 */
export function occupancyOf(stretches: readonly Stretch[]): Occupancy {
    const edges: Array<[number, 1 | -1]> = [];
    for (const { start, end } of stretches) {
        if (end > start) {
            edges.push([start, 1], [end, -1]);
        }
    }
    // At one instant, ends before starts.
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const occupancy: Occupancy = { busyMs: 0, heldMs: 0, sharedMs: 0, peak: 0 };
    let held = 0;
    let since = 0;
    for (const [at, change] of edges) {
        const span = at - since;
        if (held >= 1) {
            occupancy.busyMs += span;
            occupancy.heldMs += held * span;
        }
        if (held >= 2) {
            occupancy.sharedMs += held * span;
        }
        held += change;
        since = at;
        occupancy.peak = Math.max(occupancy.peak, held);
    }
    return occupancy;
}

/**
 * The stretches an agent held a chat: their legs whose start the app saw, or, for a chat recorded
 * without legs, the core's stretch (its close back by its service time) when the close is known.
 * A stretch of a chat with more than 1,000 legs may stand for several (`boundLegs`): it is as long as
 * they were, but not where they were.
 */
export function heldStretches(record: ServiceRecord, agentId: string, username: string): Stretch[] {
    if (!record.legs || record.legs.length === 0) {
        if (record.closedAt === undefined || record.agentId !== agentId || record.username !== username) {
            return [];
        }
        return [{ start: record.closedAt - record.durationMs, end: record.closedAt }];
    }
    return record.legs
        .filter((leg) => leg.agentId === agentId && leg.username === username && leg.startedAt !== undefined)
        .map((leg) => ({ start: leg.startedAt as number, end: leg.endedAt }));
}
