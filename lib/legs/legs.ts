/**
 * An agent's stretch of a chat (a leg), and how the legs of a closed chat are rebuilt from the
 * livechat events the app saw and from the close itself.
 *
 * What Rocket.Chat fires (apps/meteor/app/livechat/server/lib/RoutingManager.ts and Helper.ts):
 * - `IPostLivechatAgentAssigned` when an agent takes the chat (`takeInquiry`, after `assignAgent`
 *   wrote `servedBy`), from the queue or on a transfer, with the room as it is after the write;
 * - `IPostLivechatAgentUnassigned` from `removeAgentFromSubscription` (in a `setImmediate`), for every
 *   agent whose subscription goes: the previous agent on a transfer, the agent on a return to the queue;
 * - `IPostLivechatRoomTransferred` (`forwardRoomToAgent`, in a `setImmediate` after the new agent
 *   took the chat), `{from, to}` users for an agent transfer, departments for a department one;
 * - `IPostLivechatRoomClosed` (`closeRoom.ts`, from `process.nextTick`), with
 *   `metrics.serviceTimeDuration = (closedAt - servedBy.ts) / 1000`: the last leg, exactly.
 * On a transfer, then, the new agent's Assigned usually comes first and the previous agent's
 * Unassigned and the Transferred follow in either order; events can also come twice or never (the
 * app disabled). Placing a chat on hold fires nothing and keeps `servedBy`
 * (apps/meteor/ee/server/services/omnichannel/service.ts, `placeRoomOnHold`): the hold stays in the
 * agent's leg, as it stays in the core's service time.
 */

/** What the app learnt from one event: who holds the chat from `at` on (or who let it go). */
export interface LegEvent {
    kind: 'assigned' | 'transferred' | 'unassigned';
    /** The agent who took the chat (assigned, transferred: `to`) or let it go (unassigned). */
    agentId: string;
    username: string;
    /** A transfer's `from` agent, when it was an agent. */
    fromAgentId?: string;
    fromUsername?: string;
    /** When it happened, in ms since the epoch (see `eventTime`). */
    at: number;
}

/** How a leg ended: the chat closed, another agent took it, or it went back to the queue. */
export type LegEnd = 'close' | 'transfer' | 'queue';

/** One agent's stretch of a chat, in ms since the epoch. */
export interface Leg {
    agentId: string;
    username: string;
    /** Undefined when the leg began before the app saw the chat (the app was disabled, or not yet installed). */
    startedAt?: number;
    endedAt: number;
    endedBy: LegEnd;
    /** Only on a stretch `boundLegs` made of an agent's earlier legs: how many of them ended by a transfer or a return to the queue. */
    handOvers?: number;
}

/** How many times a leg's agent handed the chat on: once for a leg that did not end with the close, or a merged stretch's count. */
export function handOversOf(leg: Pick<Leg, 'endedBy' | 'handOvers'>): number {
    return leg.handOvers ?? (leg.endedBy === 'close' ? 0 : 1);
}

/** The close as the core recorded it: who served last, when it closed, and the core's service time of that agent. */
export interface ChatClose {
    agentId: string;
    username: string;
    closedAt: number;
    /** `metrics.serviceTimeDuration` in ms: `closedAt - servedBy.ts`. */
    serviceTimeMs: number;
}

/**
 * When an event happened. Events carry no timestamp, but the room they carry does: Rocket.Chat's
 * models set `_updatedAt` on every write (`setUpdatedAt` in packages/models/src/models/BaseRaw.ts) and
 * the room converter hands it to apps as `updatedAt`. The room is read right after the assignment
 * (or, for a transfer, when the event is fired), so its `updatedAt` is the assignment's own write or a
 * system message a few milliseconds later: a better time than when the app got round to the event,
 * which may be late. A room time after the handling time (clocks apart) or before the chat began is
 * not trusted: the handling time is.
 */
export function eventTime(roomUpdatedAt: number | undefined, roomCreatedAt: number | undefined, handledAt: number): number {
    if (roomUpdatedAt === undefined || !Number.isFinite(roomUpdatedAt) || roomUpdatedAt > handledAt) {
        return handledAt;
    }
    if (roomCreatedAt !== undefined && roomUpdatedAt < roomCreatedAt) {
        return handledAt;
    }
    return roomUpdatedAt;
}

interface OpenLeg {
    agentId: string;
    username: string;
    startedAt?: number;
}

/**
 * The legs of a closed chat, oldest first, from the events the app saw (in any order, some twice,
 * some missing) and the close. The last leg is the core's own: it starts at `closedAt -
 * serviceTimeDuration` and is credited to the agent who served at the close, whatever the events
 * said; an earlier leg that the events end after that instant is cut there. No events: the core's
 * single leg. Legs of no length are left out, as the core leaves out a zero service time, and time
 * the events cannot place is credited to no one.
 */
export function legsOfChat(events: readonly LegEvent[], close: ChatClose): Leg[] {
    const legs: Leg[] = [];
    let current: OpenLeg | undefined;
    const endCurrent = (at: number, endedBy: LegEnd): void => {
        if (current) {
            legs.push({ ...current, endedAt: at, endedBy });
            current = undefined;
        }
    };
    for (const event of distinctInOrder(events)) {
        if (event.kind === 'unassigned') {
            if (current?.agentId === event.agentId) {
                endCurrent(event.at, 'queue');
            } else if (!current && legs.length === 0) {
                // The first the app heard of the chat: this agent had it since a time it never saw.
                legs.push({ agentId: event.agentId, username: event.username, endedAt: event.at, endedBy: 'queue' });
            }
            continue;
        }
        if (current?.agentId === event.agentId) {
            continue; // already holding it: a repeat, or the Transferred after its Assigned
        }
        if (current) {
            endCurrent(event.at, 'transfer');
        } else if (event.kind === 'transferred' && event.fromAgentId && legs.length === 0) {
            legs.push({
                agentId: event.fromAgentId,
                username: event.fromUsername ?? event.fromAgentId,
                endedAt: event.at,
                endedBy: 'transfer',
            });
        }
        current = { agentId: event.agentId, username: event.username, startedAt: event.at };
    }

    const lastStart = close.closedAt - close.serviceTimeMs;
    if (current && current.agentId !== close.agentId) {
        // The hand-over to the closing agent was missed: the core says when it happened.
        endCurrent(lastStart, 'transfer');
    }
    // Earlier legs end where the last one begins at the latest. Time the app could not place (the
    // closing agent's stretch restarted unseen) is no one's: no leg is stretched over it.
    const earlier = legs
        .map((leg) => ({ ...leg, endedAt: Math.min(leg.endedAt, lastStart) }))
        .filter((leg) => leg.startedAt === undefined || leg.endedAt > leg.startedAt);
    return boundLegs([
        ...earlier,
        { agentId: close.agentId, username: close.username, startedAt: lastStart, endedAt: close.closedAt, endedBy: 'close' },
    ]);
}

/** The most legs a record keeps as they were (about 100 KB of record); see `boundLegs`. */
export const MAX_KEPT_LEGS = 1_000;

/**
 * A chat's legs, at most `MAX_KEPT_LEGS` of them as they were plus one per agent: past that (a chat
 * bounced between agents thousands of times), each agent's earlier legs become one stretch as long as
 * their sum, from that agent's first of them, so no agent loses or gains a millisecond, a chat or a
 * transfer (`handOvers`). A
 * record stays far from MongoDB's 16 MiB document limit (about 150,000 legs); business hours count
 * such a merged stretch where it is placed. Legs whose start the app never saw stay as they were.
 */
export function boundLegs(legs: Leg[]): Leg[] {
    if (legs.length <= MAX_KEPT_LEGS) {
        return legs;
    }
    const keptFrom = legs.length - (MAX_KEPT_LEGS - 1);
    const merged = new Map<string, Leg>();
    const unplaced: Leg[] = [];
    for (const leg of legs.slice(0, keptFrom)) {
        if (leg.startedAt === undefined) {
            unplaced.push(leg);
            continue;
        }
        const key = JSON.stringify([leg.agentId, leg.username]);
        const sum = merged.get(key);
        const length = leg.endedAt - leg.startedAt;
        if (sum) {
            sum.endedAt += length;
            sum.handOvers = (sum.handOvers ?? 0) + handOversOf(leg);
        } else {
            merged.set(key, {
                agentId: leg.agentId,
                username: leg.username,
                startedAt: leg.startedAt,
                endedAt: leg.startedAt + length,
                endedBy: 'transfer',
                handOvers: handOversOf(leg),
            });
        }
    }
    return [...unplaced, ...merged.values(), ...legs.slice(keptFrom)];
}

/**
 * Events by time, each distinct one once (a repeat carries the same room, so the same time). At one
 * instant a taking comes before a letting go: Rocket.Chat reads the room for the previous agent's
 * Unassigned after the new agent's assignment, so both carry its time, and that is a transfer.
 * Otherwise arrival order breaks ties.
 */
function distinctInOrder(events: readonly LegEvent[]): LegEvent[] {
    const seen = new Set<string>();
    const lettingGo = (event: LegEvent) => (event.kind === 'unassigned' ? 1 : 0);
    return [...events]
        .map((event, index) => ({ event, index }))
        .sort((a, b) => a.event.at - b.event.at || lettingGo(a.event) - lettingGo(b.event) || a.index - b.index)
        .map(({ event }) => event)
        .filter((event) => {
            const key = `${event.kind}|${event.agentId}|${event.at}`;
            if (seen.has(key)) {
                return false;
            }
            seen.add(key);
            return true;
        });
}

/** A leg's length in ms, or undefined when its start is unknown. */
export function legDurationMs(leg: Pick<Leg, 'startedAt' | 'endedAt'>): number | undefined {
    return leg.startedAt === undefined ? undefined : leg.endedAt - leg.startedAt;
}
