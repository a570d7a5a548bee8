import type { Leg, LegEvent } from '../../../lib/legs/legs';
import { boundLegs, eventTime, legsOfChat, MAX_KEPT_LEGS } from '../../../lib/legs/legs';
import { creditsOf } from '../../../lib/reports/attribution';
import { readStoredRecord } from '../../../lib/chats/serviceRecord';

const BASE = Date.parse('2026-03-02T09:00:00.000Z');
/** Minutes after 09:00 UTC, in ms since the epoch. */
const at = (minutes: number) => BASE + minutes * 60_000;

const A = { agentId: 'a', username: 'ana' };
const B = { agentId: 'b', username: 'bruno' };
const C = { agentId: 'c', username: 'carla' };

const assigned = (agent: typeof A, minutes: number): LegEvent => ({ kind: 'assigned', ...agent, at: at(minutes) });
const unassigned = (agent: typeof A, minutes: number): LegEvent => ({ kind: 'unassigned', ...agent, at: at(minutes) });
const transferred = (from: typeof A, to: typeof A, minutes: number): LegEvent => ({
    kind: 'transferred',
    ...to,
    fromAgentId: from.agentId,
    fromUsername: from.username,
    at: at(minutes),
});
/** The close as the core records it: the closing agent's stretch started at `lastFrom`. */
const closedBy = (agent: typeof A, lastFrom: number, closedAt: number) => ({
    ...agent,
    closedAt: at(closedAt),
    serviceTimeMs: at(closedAt) - at(lastFrom),
});

/** Each leg as [username, first minute or null, last minute, how it ended]. */
const minutesOf = (legs: ReturnType<typeof legsOfChat>) =>
    legs.map((leg) => [
        leg.username,
        leg.startedAt === undefined ? null : (leg.startedAt - BASE) / 60_000,
        (leg.endedAt - BASE) / 60_000,
        leg.endedBy,
    ]);

describe('the legs of a chat', () => {
    it('are the core single leg when the app saw no event of the chat', () => {
        expect(minutesOf(legsOfChat([], closedBy(A, 5, 20)))).toEqual([['ana', 5, 20, 'close']]);
    });

    it('follow A to B to C, with events in the order Rocket.Chat fires them on a transfer', () => {
        // On a transfer: the new agent's Assigned, then the previous agent's Unassigned and the Transferred.
        const events = [
            assigned(A, 0),
            assigned(B, 10),
            unassigned(A, 10),
            transferred(A, B, 10),
            assigned(C, 25),
            transferred(B, C, 25),
            unassigned(B, 25),
        ];
        expect(minutesOf(legsOfChat(events, closedBy(C, 25, 40)))).toEqual([
            ['ana', 0, 10, 'transfer'],
            ['bruno', 10, 25, 'transfer'],
            ['carla', 25, 40, 'close'],
        ]);
    });

    it('follow A to the queue and on to B: the time in the queue is no one’s', () => {
        const events = [assigned(A, 0), unassigned(A, 8), assigned(B, 12)];
        expect(minutesOf(legsOfChat(events, closedBy(B, 12, 30)))).toEqual([
            ['ana', 0, 8, 'queue'],
            ['bruno', 12, 30, 'close'],
        ]);
    });

    it('give A two legs when the chat goes A to B and back to A', () => {
        const events = [assigned(A, 0), assigned(B, 5), unassigned(A, 5), assigned(A, 15), unassigned(B, 15)];
        expect(minutesOf(legsOfChat(events, closedBy(A, 15, 20)))).toEqual([
            ['ana', 0, 5, 'transfer'],
            ['bruno', 5, 15, 'transfer'],
            ['ana', 15, 20, 'close'],
        ]);
    });

    it('count an event delivered twice once, whatever the order events arrive in', () => {
        const once = [assigned(A, 0), assigned(B, 10), unassigned(A, 10)];
        const twice = [unassigned(A, 10), assigned(B, 10), assigned(A, 0), assigned(B, 10), assigned(A, 0), unassigned(A, 10)];
        expect(legsOfChat(twice, closedBy(B, 10, 30))).toEqual(legsOfChat(once, closedBy(B, 10, 30)));
    });

    it('take the start of the last leg from the core, not from the event (the last leg is exact)', () => {
        // The Assigned of B was handled 3 s late; the core knows B took the chat at minute 10 sharp.
        const events = [assigned(A, 0), { ...assigned(B, 10), at: at(10) + 3000 }];
        expect(minutesOf(legsOfChat(events, closedBy(B, 10, 30)))).toEqual([
            ['ana', 0, 10, 'transfer'],
            ['bruno', 10, 30, 'close'],
        ]);
    });

    it('credit the closing agent from the core when the hand-over to them was lost (the app disabled)', () => {
        // A to B seen; B to C lost: B's leg ends where the core says C's began.
        const events = [assigned(A, 0), assigned(B, 10), unassigned(A, 10)];
        expect(minutesOf(legsOfChat(events, closedBy(C, 25, 40)))).toEqual([
            ['ana', 0, 10, 'transfer'],
            ['bruno', 10, 25, 'transfer'],
            ['carla', 25, 40, 'close'],
        ]);
    });

    it('credit no one the time the app could not place, rather than stretch an earlier leg over it', () => {
        // A to C seen at 10; then, unseen (the app disabled), C put the chat back in the queue at 20 and took it again at 30.
        // The core restarts C's stretch at 30: A keeps 0-10, C gets 30-40, and 10-30 is no one's.
        const events = [assigned(A, 0), assigned(C, 10), unassigned(A, 10)];
        expect(minutesOf(legsOfChat(events, closedBy(C, 30, 40)))).toEqual([
            ['ana', 0, 10, 'transfer'],
            ['carla', 30, 40, 'close'],
        ]);
    });

    it('report a leg that began before the app saw the chat with an unknown start', () => {
        // The app was enabled while A had the chat: the first it saw was the transfer to B.
        const events = [transferred(A, B, 10), assigned(B, 10)];
        expect(minutesOf(legsOfChat(events, closedBy(B, 10, 30)))).toEqual([
            ['ana', null, 10, 'transfer'],
            ['bruno', 10, 30, 'close'],
        ]);
        expect(minutesOf(legsOfChat([unassigned(A, 6), assigned(B, 9)], closedBy(B, 9, 30)))).toEqual([
            ['ana', null, 6, 'queue'],
            ['bruno', 9, 30, 'close'],
        ]);
    });

    it('keep the on-hold time in the agent’s leg, as the core does (a hold fires no event)', () => {
        // A takes the chat, places it on hold at 10, resumes at 50, closes at 60: one leg, as servedBy.ts never moved.
        expect(minutesOf(legsOfChat([assigned(A, 0)], closedBy(A, 0, 60)))).toEqual([['ana', 0, 60, 'close']]);
    });

    it('cut an earlier leg that the events end after the last one began', () => {
        // A's Unassigned was handled long after the core had given the chat to B.
        const events = [assigned(A, 0), unassigned(A, 14), assigned(B, 15)];
        expect(minutesOf(legsOfChat(events, closedBy(B, 10, 30)))).toEqual([
            ['ana', 0, 10, 'queue'],
            ['bruno', 10, 30, 'close'],
        ]);
    });
});

describe('the time of an event', () => {
    const handled = at(10);
    it('is the room’s last write, which Rocket.Chat makes with the assignment', () => {
        expect(eventTime(at(9), at(0), handled)).toBe(at(9));
    });
    it('is the handling time when the room’s time is missing, in the future or before the chat began', () => {
        expect(eventTime(undefined, at(0), handled)).toBe(handled);
        expect(eventTime(at(11), at(0), handled)).toBe(handled);
        expect(eventTime(at(-1), at(0), handled)).toBe(handled);
    });
});

describe('a chat bounced between agents thousands of times', () => {
    it('keeps at most a thousand legs, plus one per agent, with every agent’s time, chat and transfers as they were', () => {
        const agents = [A, B, C];
        const events: LegEvent[] = [];
        for (let i = 0; i < 5_000; i++) {
            events.push(assigned(agents[i % 3], i));
        }
        const close = closedBy(agents[4_999 % 3], 4_999, 5_010);
        const bounded = legsOfChat(events, close);
        expect(bounded.length).toBeLessThanOrEqual(MAX_KEPT_LEGS + agents.length);
        // The same chat without the bound: every leg as it was.
        const unbounded = legsOfChat(events.slice(0, 500), closedBy(agents[499 % 3], 499, 5_010));
        expect(unbounded.length).toBe(500);
        const record = {
            v: 1 as const,
            roomId: 'bounced',
            agentId: close.agentId,
            username: close.username,
            createdAt: BASE,
            closedAt: close.closedAt,
            durationMs: close.serviceTimeMs,
        };
        const credits = (legs: Leg[]) =>
            creditsOf({ ...record, legs }, { attribution: 'legs' }).map(({ agentId, durationMs, chats, transfers }) => ({
                agentId,
                durationMs,
                chats,
                transfers,
            }));
        const raw: Leg[] = events.map((event, i) => ({
            ...agents[i % 3],
            startedAt: event.at,
            endedAt: i === 4_999 ? close.closedAt : events[i + 1].at,
            endedBy: i === 4_999 ? 'close' : 'transfer',
        }));
        expect(credits(bounded)).toEqual(credits(raw));
        expect(credits(bounded)[0]).toMatchObject({ transfers: 1_667 });
        expect(JSON.stringify(bounded).length).toBeLessThan(150_000);
        expect(readStoredRecord({ ...record, legs: bounded })?.legs).toEqual(bounded);
    });

    it('leaves a chat of up to a thousand legs as it is', () => {
        const legs: Leg[] = Array.from({ length: MAX_KEPT_LEGS }, (_, i) => ({
            ...A,
            startedAt: at(i),
            endedAt: at(i + 1),
            endedBy: 'transfer',
        }));
        expect(boundLegs(legs)).toBe(legs);
    });
});
