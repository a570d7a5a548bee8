import type { ServiceTimeStatsItem } from '../../lib/stats/statsShape';
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

afterAll(async () => {
    await engine?.host.stop();
});

describe('attribution by legs, through the real engine', () => {
    it('credits A, B and C their own part of a chat that went A to B to C; last still equals the core', async () => {
        const day = 2;
        engine.host.workspace.openRoom({ _id: 'abc', ts: at(day, '09:00') });
        engine.host.routing.take('abc', ANA._id, at(day, '09:01'));
        engine.host.routing.transferToAgent('abc', BRUNO._id, at(day, '09:11'));
        engine.host.routing.transferToAgent('abc', CARLA._id, at(day, '09:26'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('abc', at(day, '09:41'));

        expect(await totals(day, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 900], carla: [1, 900] });
        expect(await totals(day, 'last')).toEqual({ carla: [1, 900] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
        const byAgent = await stats(day);
        expect([byAgent.ana.transfers, byAgent.bruno.transfers, byAgent.carla.transfers]).toEqual([1, 1, 0]);
    });

    it('credits no one for the time in the queue (A to the queue to B), and the visitor may close', async () => {
        const day = 3;
        engine.host.workspace.openRoom({ _id: 'queue', ts: at(day, '10:00') });
        engine.host.routing.take('queue', ANA._id, at(day, '10:01'));
        engine.host.routing.returnToQueue('queue', at(day, '10:06'));
        engine.host.routing.take('queue', BRUNO._id, at(day, '10:10'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('queue', at(day, '10:30'), 'visitor');

        expect(await totals(day, 'legs')).toEqual({ ana: [1, 300], bruno: [1, 1200] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
        expect((await stats(day)).ana.transfers).toBe(1);
    });

    it('follows a transfer to a department, to the agent who takes it there', async () => {
        const day = 4;
        engine.host.workspace.openRoom({ _id: 'dept', ts: at(day, '11:00') });
        engine.host.routing.take('dept', ANA._id, at(day, '11:02'));
        engine.host.routing.transferToDepartment('dept', 'support', BRUNO._id, at(day, '11:12'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('dept', at(day, '11:20'));

        expect(await totals(day, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 480] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
    });

    it('keeps the time on hold in the agent’s leg, as the core does', async () => {
        const day = 5;
        engine.host.workspace.openRoom({ _id: 'hold', ts: at(day, '12:00') });
        engine.host.routing.take('hold', ANA._id, at(day, '12:00'));
        engine.host.routing.placeOnHold('hold', at(day, '12:10'));
        engine.host.routing.resumeOnHold('hold', at(day, '12:40'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('hold', at(day, '12:50'));

        expect(await totals(day, 'legs')).toEqual({ ana: [1, 3000] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
    });

    it('counts A’s two legs of a chat that went A to B and back to A as one chat', async () => {
        const day = 6;
        engine.host.workspace.openRoom({ _id: 'aba', ts: at(day, '13:00') });
        engine.host.routing.take('aba', ANA._id, at(day, '13:00'));
        engine.host.routing.transferToAgent('aba', BRUNO._id, at(day, '13:05'));
        engine.host.routing.transferToAgent('aba', ANA._id, at(day, '13:15'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('aba', at(day, '13:20'));

        expect(await totals(day, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 600] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
    });

    it('counts nothing twice when every event is delivered twice, before and after the close', async () => {
        const day = 9;
        engine.host.workspace.openRoom({ _id: 'twice', ts: at(day, '14:00') });
        engine.host.routing.take('twice', ANA._id, at(day, '14:00'));
        engine.host.routing.transferToAgent('twice', BRUNO._id, at(day, '14:10'));
        await engine.host.routing.settle();
        engine.host.routing.deliverAgain('twice');
        await engine.host.routing.settle();
        await engine.host.closeRoom('twice', at(day, '14:30'));
        engine.host.routing.deliverAgain('twice');
        await engine.host.routing.settle();

        expect(await totals(day, 'legs')).toEqual({ ana: [1, 600], bruno: [1, 1200] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
    });

    it('credits the closing agent from the core when the app was disabled during the transfer to them', async () => {
        const day = 10;
        engine.host.workspace.openRoom({ _id: 'disabled', ts: at(day, '15:00') });
        engine.host.routing.take('disabled', ANA._id, at(day, '15:00'));
        await engine.host.routing.settle();
        await engine.host.disable(engine.appId);
        engine.host.routing.transferToAgent('disabled', BRUNO._id, at(day, '15:20'));
        await engine.host.routing.settle();
        await engine.host.enable(engine.appId);
        await engine.host.closeRoom('disabled', at(day, '15:45'));

        // A's end is B's start, which the core knows: servedBy.ts.
        expect(await totals(day, 'legs')).toEqual({ ana: [1, 1200], bruno: [1, 1500] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
    });

    it('reports a leg that began before the app saw the chat as such, and credits no time for it', async () => {
        const day = 11;
        engine.host.workspace.openRoom({ _id: 'unseen', ts: at(day, '16:00') });
        await engine.host.disable(engine.appId);
        engine.host.routing.take('unseen', ANA._id, at(day, '16:00'));
        await engine.host.routing.settle();
        await engine.host.enable(engine.appId);
        engine.host.routing.transferToAgent('unseen', BRUNO._id, at(day, '16:10'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('unseen', at(day, '16:30'));

        expect(await totals(day, 'legs')).toEqual({ bruno: [1, 1200] });
        expect(await totals(day, 'last')).toEqual(coreTotals(day));
        // Ana's only leg began unseen: she is not listed (no chat of hers has a known time).
        expect(Object.keys(await stats(day))).toEqual(['bruno']);
    });

    it('rebuilds the legs when an event arrives after the close', async () => {
        const day = 12;
        engine.host.workspace.openRoom({ _id: 'late', ts: at(day, '17:00') });
        await engine.host.disable(engine.appId);
        engine.host.routing.take('late', ANA._id, at(day, '17:00'));
        engine.host.routing.transferToAgent('late', BRUNO._id, at(day, '17:05'));
        await engine.host.routing.settle();
        await engine.host.enable(engine.appId);
        await engine.host.closeRoom('late', at(day, '17:25'));
        expect(await totals(day, 'legs')).toEqual({ bruno: [1, 1200] });

        // The app's first sight of Ana's take, delivered late (a retried delivery).
        engine.host.routing.deliverAgain('late');
        await engine.host.routing.settle();
        expect(await totals(day, 'legs')).toEqual({ ana: [1, 300], bruno: [1, 1200] });
    });
});
