import type { LivechatRouting } from '../../dev/host/livechatRouting';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import type { EngineFixture } from './engineFixture';
import { startEngineWithApp, TOTAL_PATH } from './engineFixture';

const STATS_PATH = 'livechat/analytics/agents/service-time-stats';

const ANA = { _id: 'leg-ana', username: 'ana' };
const BRUNO = { _id: 'leg-bruno', username: 'bruno' };
const CARLA = { _id: 'leg-carla', username: 'carla' };

let engine: EngineFixture;

/** A minute of a scenario's day: each scenario has its own day of March 2026, so each is its own report. */
const at = (day: number, hhmm: string) => new Date(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00.000Z`);
const dayRange = (day: number) => ({
    start: at(day, '00:00').toISOString(),
    end: new Date(at(day, '00:00').getTime() + 86_400_000 - 1).toISOString(),
});

type TotalRow = { _id: string; username: string; chats: number; serviceTimeDuration: number };

/** `username: [chats, seconds]` of the total report for a scenario's day. */
async function totals(day: number, attribution: 'last' | 'legs'): Promise<Record<string, [number, number]>> {
    const { status, body } = await engine.get(TOTAL_PATH, { ...dayRange(day), attribution });
    expect(status).toBe(200);
    const rows = (body as { agents: TotalRow[] }).agents;
    return Object.fromEntries(rows.map((row) => [row.username, [row.chats, row.serviceTimeDuration]]));
}

async function stats(day: number): Promise<Record<string, ServiceTimeStatsItem>> {
    const { body } = await engine.get(STATS_PATH, { ...dayRange(day), attribution: 'legs' });
    return Object.fromEntries((body as { agents: ServiceTimeStatsItem[] }).agents.map((row) => [row.username, row]));
}

/** The core's own figure for the day: each closed room's serviceTimeDuration, credited to servedBy at the close. */
function coreTotals(day: number): Record<string, [number, number]> {
    const result: Record<string, [number, number]> = {};
    for (const room of engine.host.workspace.rooms.values()) {
        const { start, end } = dayRange(day);
        if (room.ts < new Date(start) || room.ts > new Date(end) || !room.servedBy || !room.metrics?.serviceTimeDuration) {
            continue;
        }
        const [chats, seconds] = result[room.servedBy.username] ?? [0, 0];
        result[room.servedBy.username] = [chats + 1, seconds + room.metrics.serviceTimeDuration];
    }
    return Object.fromEntries(Object.entries(result).map(([name, [chats, seconds]]) => [name, [chats, Math.ceil(seconds)]]));
}

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const agent of [ANA, BRUNO, CARLA]) {
        engine.host.workspace.addUser({ ...agent, name: agent.username, roles: ['livechat-agent'] });
    }
    engine.host.workspace.addDepartment({ _id: 'support', name: 'Support' });
});

/** One moment of a scenario's timeline: at `HH:MM`, what happens (the events it fires are handled before the next). */
type Step = [string, (routing: LivechatRouting, at: Date) => void | Promise<void>];

/**
 * Plays a chat's timeline on its own day: opened at the first step's time, each step in turn, closed
 * at `closedAt` (by its agent, or the visitor). Then the first check of every scenario: with `last`,
 * the report is still the core's own figures.
 */
async function playChat(id: string, day: number, steps: Step[], closedAt: string, closer: 'user' | 'visitor' = 'user'): Promise<void> {
    engine.host.workspace.openRoom({ _id: id, ts: at(day, steps[0][0]) });
    for (const [time, step] of steps) {
        await step(engine.host.routing, at(day, time));
        await engine.host.routing.settle();
    }
    await engine.host.closeRoom(id, at(day, closedAt), closer);
    expect(await totals(day, 'last')).toEqual(coreTotals(day));
}

const disableApp = async () => engine.host.disable(engine.appId);
const enableApp = async () => engine.host.enable(engine.appId);

afterAll(async () => {
    await engine?.host.stop();
});

describe('attribution by legs, through the real engine', () => {
    it('credits A, B and C their own part of a chat that went A to B to C; last still equals the core', async () => {
        await playChat(
            'abc',
            2,
            [
                ['09:01', (routing, time) => routing.take('abc', ANA._id, time)],
                ['09:11', (routing, time) => routing.transferToAgent('abc', BRUNO._id, time)],
                ['09:26', (routing, time) => routing.transferToAgent('abc', CARLA._id, time)],
            ],
            '09:41',
        );
        expect(await totals(2, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 900], carla: [1, 900] });
        expect(await totals(2, 'last')).toEqual({ carla: [1, 900] });
        const byAgent = await stats(2);
        expect([byAgent.ana.transfers, byAgent.bruno.transfers, byAgent.carla.transfers]).toEqual([1, 1, 0]);
    });

    it('credits no one for the time in the queue (A to the queue to B), and the visitor may close', async () => {
        await playChat(
            'queue',
            3,
            [
                ['10:01', (routing, time) => routing.take('queue', ANA._id, time)],
                ['10:06', (routing, time) => routing.returnToQueue('queue', time)],
                ['10:10', (routing, time) => routing.take('queue', BRUNO._id, time)],
            ],
            '10:30',
            'visitor',
        );
        expect(await totals(3, 'legs')).toEqual({ ana: [1, 300], bruno: [1, 1200] });
        expect((await stats(3)).ana.transfers).toBe(1);
    });

    it('follows a transfer to a department, to the agent who takes it there', async () => {
        await playChat(
            'dept',
            4,
            [
                ['11:02', (routing, time) => routing.take('dept', ANA._id, time)],
                ['11:12', (routing, time) => routing.transferToDepartment('dept', 'support', BRUNO._id, time)],
            ],
            '11:20',
        );
        expect(await totals(4, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 480] });
    });

    it('keeps the time on hold in the agent’s leg, as the core does', async () => {
        await playChat(
            'hold',
            5,
            [
                ['12:00', (routing, time) => routing.take('hold', ANA._id, time)],
                ['12:10', (routing, time) => routing.placeOnHold('hold', time)],
                ['12:40', (routing, time) => routing.resumeOnHold('hold', time)],
            ],
            '12:50',
        );
        expect(await totals(5, 'legs')).toEqual({ ana: [1, 3000] });
    });

    it('measures how loaded each agent was over overlapping chats, a transfer and a return to the queue, as by hand', async () => {
        const { workspace, routing } = engine.host;
        for (const id of ['load-x', 'load-y', 'load-z']) {
            workspace.openRoom({ _id: id, ts: at(20, '09:00') });
        }
        const timeline: Array<[string, () => void | Promise<void>]> = [
            ['09:00', () => routing.take('load-x', ANA._id, at(20, '09:00'))],
            ['09:10', () => routing.take('load-y', ANA._id, at(20, '09:10'))],
            ['09:15', () => routing.take('load-z', ANA._id, at(20, '09:15'))],
            ['09:20', () => routing.returnToQueue('load-y', at(20, '09:20'))],
            ['09:25', () => routing.take('load-y', BRUNO._id, at(20, '09:25'))],
            ['09:30', () => routing.transferToAgent('load-x', BRUNO._id, at(20, '09:30'))],
            ['09:35', () => engine.host.closeRoom('load-y', at(20, '09:35'))],
            ['09:40', () => engine.host.closeRoom('load-z', at(20, '09:40'))],
            ['09:50', () => engine.host.closeRoom('load-x', at(20, '09:50'))],
        ];
        for (const [, step] of timeline) {
            await step();
            await routing.settle();
        }
        const load = Object.entries(await stats(20)).map(([name, row]) => [
            name,
            row.occupiedSeconds,
            row.averageConcurrentChats,
            row.peakConcurrentChats,
            row.sharedChatTimePct,
        ]);
        // ana holds 1 (09:00-10), 2 (-15), 3 (-20), 2 (-30), 1 (-40): 40 min, 65 min of chats, 45 of them shared.
        // bruno holds 1 (09:25-30), 2 (-35), 1 (-50): 25 min, 30 min of chats, 10 shared.
        expect(load).toEqual([
            ['ana', 2400, 1.63, 3, 69.2],
            ['bruno', 1500, 1.2, 2, 33.3],
        ]);
    });

    it('counts A’s two legs of a chat that went A to B and back to A as one chat', async () => {
        await playChat(
            'aba',
            6,
            [
                ['13:00', (routing, time) => routing.take('aba', ANA._id, time)],
                ['13:05', (routing, time) => routing.transferToAgent('aba', BRUNO._id, time)],
                ['13:15', (routing, time) => routing.transferToAgent('aba', ANA._id, time)],
            ],
            '13:20',
        );
        expect(await totals(6, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 600] });
    });

    it('counts nothing twice when every event is delivered twice, before and after the close', async () => {
        await playChat(
            'twice',
            9,
            [
                ['14:00', (routing, time) => routing.take('twice', ANA._id, time)],
                ['14:10', (routing, time) => routing.transferToAgent('twice', BRUNO._id, time)],
                ['14:10', (routing) => routing.deliverAgain('twice')],
            ],
            '14:30',
        );
        engine.host.routing.deliverAgain('twice');
        await engine.host.routing.settle();
        expect(await totals(9, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 1200] });
        expect(await totals(9, 'last')).toEqual(coreTotals(9));
    });

    it('credits the closing agent from the core when the app was disabled during the transfer to them', async () => {
        await playChat(
            'disabled',
            10,
            [
                ['15:00', (routing, time) => routing.take('disabled', ANA._id, time)],
                ['15:10', disableApp],
                ['15:20', (routing, time) => routing.transferToAgent('disabled', BRUNO._id, time)],
                ['15:30', enableApp],
            ],
            '15:45',
        );
        // A's end is B's start, which the core knows: servedBy.ts.
        expect(await totals(10, 'legs')).toEqual({ ana: [1, 1200], bruno: [1, 1500] });
    });

    it('reports a leg that began before the app saw the chat as such, and credits no time for it', async () => {
        await playChat(
            'unseen',
            11,
            [
                ['16:00', disableApp],
                ['16:00', (routing, time) => routing.take('unseen', ANA._id, time)],
                ['16:05', enableApp],
                ['16:10', (routing, time) => routing.transferToAgent('unseen', BRUNO._id, time)],
            ],
            '16:30',
        );
        expect(await totals(11, 'legs')).toEqual({ bruno: [1, 1200] });
        // Ana's only leg began unseen: she is not listed (no chat of hers has a known time).
        expect(Object.keys(await stats(11))).toEqual(['bruno']);
    });

    it('rebuilds the legs when an event arrives after the close', async () => {
        await playChat(
            'late',
            12,
            [
                ['17:00', disableApp],
                ['17:00', (routing, time) => routing.take('late', ANA._id, time)],
                ['17:05', (routing, time) => routing.transferToAgent('late', BRUNO._id, time)],
                ['17:10', enableApp],
            ],
            '17:25',
        );
        expect(await totals(12, 'legs')).toEqual({ bruno: [1, 1200] });

        // The app's first sight of Ana's take, delivered late (a retried delivery).
        engine.host.routing.deliverAgain('late');
        await engine.host.routing.settle();
        expect(await totals(12, 'legs')).toEqual({ ana: [1, 300], bruno: [1, 1200] });
    });
});
