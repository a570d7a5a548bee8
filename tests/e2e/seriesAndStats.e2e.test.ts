import type { LivechatRoomDocument } from '../../dev/workspace/workspace';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import type { EngineFixture } from './engineFixture';
import { AGENT, startEngineWithApp } from './engineFixture';
import { storedTag } from '../../lib/storage/layout';
import { READY_TAG } from '../../lib/storage/versions';

const SERIES_PATH = 'livechat/analytics/agents/service-time-series';
const STATS_PATH = 'livechat/analytics/agents/service-time-stats';
const AGENTS = [
    ['s-ana', 'ana.souza'],
    ['s-bea', 'bea'],
    ['s-evil', '<img src=x onerror=alert(1)>'],
];
// 2025-03-20 to 2025-04-09: across Berlin's change to summer time (30 March).
const START = '2025-03-20T00:00:00.000Z';
const END = '2025-04-09T23:59:59.999Z';

let engine: EngineFixture;

beforeAll(async () => {
    engine = await startEngineWithApp();
    const { workspace } = engine.host;
    for (const [id, username] of AGENTS) {
        workspace.addUser({ _id: id, username, name: username, roles: ['livechat-agent'] });
    }
    for (let i = 0; i < 90; i++) {
        const id = `series-room-${i}`;
        // Every 5 h 40 min 13 s from 19 March: rooms at every hour of the local day, and some outside the range.
        const ts = new Date(Date.UTC(2025, 2, 19, 1) + i * 20_413_000);
        workspace.openRoom({ _id: id, ts, departmentId: i % 4 === 0 ? 'sales' : undefined });
        const servedAt = new Date(ts.getTime() + 20_000);
        workspace.serveRoom(id, AGENTS[i % 3][0], servedAt);
        if (i % 5 !== 0) {
            workspace.replyAsAgent(id, new Date(servedAt.getTime() + 3_000 + (i % 7) * 1_000));
        }
        // Service times from 2 s to about 3 h, heavy-tailed.
        await engine.host.closeRoom(id, new Date(servedAt.getTime() + Math.round(2_000 * Math.pow(1.09, i))));
    }
});

afterAll(async () => {
    await engine?.host.stop();
});

function roomsInRange(departmentIds?: string[]): LivechatRoomDocument[] {
    return [...engine.host.workspace.rooms.values()].filter(
        (room) =>
            room.servedBy &&
            room.metrics?.serviceTimeDuration &&
            room.ts >= new Date(START) &&
            room.ts <= new Date(END) &&
            (!departmentIds || (room.departmentId !== undefined && departmentIds.includes(room.departmentId))),
    );
}

const ms = (room: LivechatRoomDocument) => Math.round((room.metrics?.serviceTimeDuration ?? 0) * 1000);
const ceilDiv = (a: number, b: number) => Number((BigInt(a) + BigInt(b) - BigInt(1)) / BigInt(b));

/** The local calendar day of each room, by Intl (not the app's calendar), with its figures. */
function expectedDays(timeZone: string, departmentIds?: string[]) {
    const day = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone });
    const days = new Map<string, { chats: number; sumMs: number }>();
    for (let at = Date.parse(START); at <= Date.parse(END) + 86_400_000; at += 3_600_000) {
        if (at <= Date.parse(END)) {
            days.set(day(new Date(at)), { chats: 0, sumMs: 0 });
        }
    }
    for (const room of roomsInRange(departmentIds)) {
        const totals = days.get(day(room.ts));
        if (!totals) {
            throw new Error(`no day for ${room.ts.toISOString()}`);
        }
        totals.chats += 1;
        totals.sumMs += ms(room);
    }
    return [...days].map(([date, { chats, sumMs }]) => ({
        date,
        chats,
        serviceTimeDuration: ceilDiv(sumMs, 1000),
        averageServiceTimeInSeconds: chats ? ceilDiv(sumMs, 1000 * chats) : 0,
    }));
}

type SeriesBody = {
    timezone: string;
    buckets: Array<{
        start: string;
        chats: number;
        serviceTimeDuration: number;
        averageServiceTimeInSeconds: number;
        agents?: Array<{ username: string; chats: number }>;
    }>;
};

async function series(query: Record<string, string | string[]>) {
    const answer = await engine.get(SERIES_PATH, { start: START, end: END, ...query });
    expect(answer.status).toBe(200);
    return answer.body as SeriesBody;
}

describe('the series over HTTP, in the real engine', () => {
    const ZONES = ['Europe/Berlin', 'Asia/Kolkata', 'America/Sao_Paulo'];

    // Every zone with the buckets not (yet) trusted, the builder held, then every zone from the buckets.
    it.each(ZONES)(
        'lists every local day in %s with the exact sums and rounded-up averages of a full scan, before the buckets',
        async (timeZone) => {
            await engine.host.whileJobsPaused(async () => {
                // As right after an install or a layout change: no bucket is trusted, reports read records.
                await engine.host.workspace.persistence.removeByAssociations(engine.appId, [storedTag(READY_TAG)]);
                expect(await engine.host.workspace.persistence.readByAssociations(engine.appId, [storedTag(READY_TAG)])).toEqual([]);
                const body = await series({ interval: 'day', timezone: timeZone });
                expect(body.timezone).toBe(timeZone);
                expect(body.buckets.map(({ start, ...figures }) => ({ date: start.slice(0, 10), ...figures }))).toEqual(
                    expectedDays(timeZone),
                );
            });
        },
    );

    it.each(ZONES)(
        'lists every local day in %s with the exact sums and rounded-up averages of a full scan, from the buckets',
        async (timeZone) => {
            await engine.host.runRecurringJobsNow(engine.appId);
            expect(await engine.host.workspace.persistence.readByAssociations(engine.appId, [storedTag(READY_TAG)])).toHaveLength(1);
            const body = await series({ interval: 'day', timezone: timeZone });
            expect(body.timezone).toBe(timeZone);
            expect(body.buckets.map(({ start, ...figures }) => ({ date: start.slice(0, 10), ...figures }))).toEqual(expectedDays(timeZone));
        },
    );

    it('gives 23-hour and 25-hour days their own offsets, and the same totals per agent with byAgent', async () => {
        const body = await series({ interval: 'day', timezone: 'Europe/Berlin', byAgent: 'true', departmentId: 'sales' });
        expect(body.buckets.find((bucket) => bucket.start.startsWith('2025-03-30'))?.start).toBe('2025-03-30T00:00:00.000+01:00');
        expect(body.buckets.find((bucket) => bucket.start.startsWith('2025-03-31'))?.start).toBe('2025-03-31T00:00:00.000+02:00');
        const expected = expectedDays('Europe/Berlin', ['sales']);
        expect(body.buckets.map((bucket) => bucket.chats)).toEqual(expected.map((day) => day.chats));
        for (const bucket of body.buckets) {
            expect((bucket.agents ?? []).reduce((sum, agent) => sum + agent.chats, 0)).toBe(bucket.chats);
        }
        // The hostile username is data: it comes back as the same text.
        expect(body.buckets.flatMap((bucket) => bucket.agents ?? []).map((agent) => agent.username)).toContain(
            '<img src=x onerror=alert(1)>',
        );
    });

    it('limits the series to the agents named, and gives weeks from Monday and months', async () => {
        const ana = await series({ interval: 'week', timezone: 'UTC', agentId: 's-ana' });
        const anaRooms = roomsInRange().filter((room) => room.servedBy?._id === 's-ana');
        expect(ana.buckets.map((bucket) => bucket.start)).toEqual([
            '2025-03-17T00:00:00.000+00:00',
            '2025-03-24T00:00:00.000+00:00',
            '2025-03-31T00:00:00.000+00:00',
            '2025-04-07T00:00:00.000+00:00',
        ]);
        expect(ana.buckets.reduce((sum, bucket) => sum + bucket.chats, 0)).toBe(anaRooms.length);
        const months = await series({ interval: 'month', timezone: 'UTC' });
        expect(months.buckets.map((bucket) => [bucket.start, bucket.chats])).toEqual([
            ['2025-03-01T00:00:00.000+00:00', roomsInRange().filter((room) => room.ts.getUTCMonth() === 2).length],
            ['2025-04-01T00:00:00.000+00:00', roomsInRange().filter((room) => room.ts.getUTCMonth() === 3).length],
        ]);
    });

    it("uses the workspace's reporting timezone when the query names none", async () => {
        expect((await series({ interval: 'day' })).timezone).toBe('UTC');
        engine.host.workspace.serverSettings.set('Default_Timezone_For_Reporting', 'custom');
        engine.host.workspace.serverSettings.set('Default_Custom_Timezone', 'America/Sao_Paulo');
        try {
            const body = await series({ interval: 'day' });
            expect(body.timezone).toBe('America/Sao_Paulo');
            expect(body.buckets[0].start).toBe('2025-03-19T00:00:00.000-03:00');
        } finally {
            engine.host.workspace.serverSettings.delete('Default_Timezone_For_Reporting');
        }
    });

    it('answers bad input with a clear 400, a caller without a report role with 403, and no caller with 401', async () => {
        expect(await engine.get(SERIES_PATH, { start: START, end: END, interval: 'day', timezone: 'Mars/Olympus_Mons' })).toMatchObject({
            status: 400,
            body: { success: false, errorType: 'invalid-timezone', error: expect.stringContaining('Unknown timezone "Mars/Olympus_Mons"') },
        });
        expect(await engine.get(SERIES_PATH, { start: '2020-01-01', end: END, interval: 'day' })).toMatchObject({
            status: 400,
            body: { errorType: 'too-many-buckets' },
        });
        expect(await engine.get(SERIES_PATH, { start: START, end: END })).toMatchObject({
            status: 400,
            body: { error: "must have required property 'interval' [invalid-params]" },
        });
        expect(await engine.get(SERIES_PATH, { start: 'soon', end: END, interval: 'day' })).toMatchObject({
            status: 400,
            body: { error: 'The "start" query parameter must be a valid date.' },
        });
        expect((await engine.get(SERIES_PATH, { start: START, end: END, interval: 'day' }, AGENT)).status).toBe(403);
        expect((await engine.get(SERIES_PATH, { start: START, end: END, interval: 'day' }, null)).status).toBe(401);
    });

    it('answers CSV, one row per bucket', async () => {
        const answer = await engine.get(SERIES_PATH, { start: START, end: END, interval: 'day', timezone: 'UTC', format: 'csv' });
        const lines = String(answer.body).trim().split('\r\n');
        expect(lines[0]).toBe('start,chats,serviceTimeDuration,averageServiceTimeInSeconds');
        expect(
            lines
                .slice(1)
                .map((line) => line.split(',')[1])
                .map(Number),
        ).toEqual(expectedDays('UTC').map((day) => day.chats));
    });
});

type StatsItem = ServiceTimeStatsItem;

describe('the stats over HTTP, in the real engine', () => {
    it('gives each agent the exact chats and averages of a full scan, and percentiles within 1 % (plus rounding to the second)', async () => {
        const answer = await engine.get(STATS_PATH, { start: START, end: END });
        expect(answer.status).toBe(200);
        const { agents, total } = answer.body as { agents: StatsItem[]; total: number };
        expect(total).toBe(3);
        expect(agents.map((agent) => agent.username)).toEqual(['<img src=x onerror=alert(1)>', 'ana.souza', 'bea']);
        for (const agent of agents) {
            const own = roomsInRange().filter((room) => room.servedBy?._id === agent._id);
            const durations = own.map(ms).sort((a, b) => a - b);
            const sum = durations.reduce((a, b) => a + b, 0);
            expect(agent.chats).toBe(own.length);
            expect(agent.averageServiceTimeInSeconds).toBe(ceilDiv(sum, 1000 * own.length));
            for (const [field, percent] of [
                ['medianServiceTimeInSeconds', 50],
                ['p90ServiceTimeInSeconds', 90],
                ['p95ServiceTimeInSeconds', 95],
            ] as const) {
                const exact = durations[Math.ceil((percent * durations.length) / 100) - 1] / 1000;
                expect(Math.abs(agent[field] - exact)).toBeLessThanOrEqual(0.01 * exact + 0.5);
            }
            const responded = own.filter((room) => room.metrics?.response);
            const firstResponses = responded.map((room) => Math.round((room.metrics?.response?.ft ?? 0) * 1000));
            expect(agent.averageFirstResponseTimeInSeconds).toBe(
                responded.length
                    ? ceilDiv(
                          firstResponses.reduce((a, b) => a + b, 0),
                          1000 * responded.length,
                      )
                    : null,
            );
            const chatMs = own.map((room) => Math.round((room.metrics?.chatDuration ?? 0) * 1000));
            expect(agent.averageChatDurationInSeconds).toBe(
                ceilDiv(
                    chatMs.reduce((a, b) => a + b, 0),
                    1000 * own.length,
                ),
            );
        }
    });

    it('pages, filters by department and answers CSV as the reports do', async () => {
        const page = await engine.get(STATS_PATH, { start: START, end: END, count: '1', offset: '1', departmentId: 'sales' });
        expect(page.body).toMatchObject({ count: 1, offset: 1, success: true });
        const salesAgents = new Set(roomsInRange(['sales']).map((room) => room.servedBy?.username));
        expect((page.body as { total: number }).total).toBe(salesAgents.size);
        const csv = await engine.get(STATS_PATH, { start: START, end: END }, undefined, { accept: 'text/csv' });
        expect(String(csv.body).split('\r\n')[0]).toBe(
            '_id,username,chats,averageServiceTimeInSeconds,medianServiceTimeInSeconds,p90ServiceTimeInSeconds,p95ServiceTimeInSeconds,averageFirstResponseTimeInSeconds,averageChatDurationInSeconds,transfers,legsWithUnknownStart,ratedChats,ratedChatsPct,csatPct,averageSatisfaction,averageAgentKnowledge,averageAgentResponsiveness,averageAgentFriendliness,occupiedSeconds,averageConcurrentChats,peakConcurrentChats,sharedChatTimePct',
        );
        expect((await engine.get(STATS_PATH, { start: START, end: END }, AGENT)).status).toBe(403);
    });
});
