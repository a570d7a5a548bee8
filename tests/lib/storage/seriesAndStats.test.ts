import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import type { Score } from '../../../lib/chats/survey';
import type { ReportScope } from '../../../lib/reports/scope';
import type { DateRange } from '../../../lib/time/range';
import { isInScope } from '../../../lib/reports/scope';
import { seriesBuckets } from '../../../lib/time/calendar';
import { SKETCH_RELATIVE_ACCURACY } from '../../../lib/reports/quantileSketch';
import { InMemoryAccessors } from '../../helpers/accessors';
import { exactPercentile } from '../../../dev/oracles/percentile';

/** A deterministic spread of rooms over 2024 and early 2025: three agents, two departments, some without the new times. */
function rooms(count: number): ServiceRecord[] {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    return Array.from({ length: count }, (_, i) => {
        const createdAt = Date.UTC(2024, 0, 1) + Math.floor(random() * 420 * 86_400_000);
        const durationMs = Math.max(1, Math.round(1000 * Math.exp(random() * 9)));
        const agent = ['ana', 'bea', 'caio'][i % 3];
        const record: ServiceRecord = { v: 1, roomId: `room-${i}`, agentId: `id-${agent}`, username: agent, createdAt, durationMs };
        if (i % 4 !== 0) {
            record.departmentId = i % 4 === 1 ? 'sales' : 'support';
        }
        if (i % 5 !== 0) {
            record.closedAt = createdAt + durationMs + 1000;
            record.chatDurationMs = durationMs + 1000;
            if (i % 7 !== 0) {
                record.firstResponseMs = 500 + (i % 13) * 1000;
            }
        }
        if (i % 6 < 4) {
            const score = (1 + (i % 5)) as Score;
            record.survey = i % 6 === 3 ? { agentFriendliness: score } : { satisfaction: score, agentKnowledge: (6 - score) as Score };
        }
        return record;
    });
}

function expectedSeries(all: ServiceRecord[], scope: ReportScope, buckets: DateRange[]) {
    return buckets.map((bucket) => {
        const inBucket = all.filter(
            (record) => isInScope(record, scope) && record.createdAt >= bucket.start && record.createdAt <= bucket.end,
        );
        return { chats: inBucket.length, sumMs: inBucket.reduce((sum, record) => sum + record.durationMs, 0) };
    });
}

async function storeWith(all: ServiceRecord[], build: boolean) {
    const accessors = new InMemoryAccessors();
    const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
    for (const record of all) {
        await store.save(record);
    }
    if (build) {
        expect((await store.rebuildBuckets(Date.now(), Infinity)).complete).toBe(true);
    }
    return store;
}

const year2024 = { start: Date.UTC(2023, 11, 31, 3), end: Date.UTC(2025, 0, 1, 2, 59, 59, 999) };

describe('series and stats from the store', () => {
    const all = rooms(3000);

    it.each([
        ['America/Sao_Paulo', 'day'],
        ['Asia/Kolkata', 'day'],
        ['Asia/Kathmandu', 'week'],
        ['Europe/Berlin', 'month'],
    ] as const)(
        'adds up each %s %s exactly as a scan does, before and after the buckets, with writes pending',
        async (timeZone, interval) => {
            const store = await storeWith(all, false);
            const range = { start: year2024.start + 1234, end: year2024.end - 98_765 };
            const buckets = seriesBuckets(range, interval, timeZone) ?? [];
            for (const departmentIds of [undefined, ['sales'], ['sales', 'support']]) {
                const scope = { range, departmentIds };
                expect(await store.totalsPerRangeFromTimelines(scope, buckets)).toEqual(expectedSeries(all, scope, buckets));
            }
            await store.rebuildBuckets(Date.now(), Infinity);
            const late = rooms(3050).slice(3000);
            for (const record of late) {
                await store.save(record);
            }
            const both = [...all, ...late];
            for (const departmentIds of [undefined, ['support']]) {
                const scope = { range, departmentIds };
                const expected = expectedSeries(both, scope, buckets);
                expect(await store.totalsPerRangeFromTimelines(scope, buckets)).toEqual(expected);
                const perAgent = await store.totalsPerRange(scope, buckets);
                expect(
                    perAgent.map((agents) =>
                        agents.reduce((sum, agent) => ({ chats: sum.chats + agent.chats, sumMs: sum.sumMs + agent.sumMs }), {
                            chats: 0,
                            sumMs: 0,
                        }),
                    ),
                ).toEqual(expected);
            }
            await store.rebuildBuckets(Date.now(), Infinity);
            expect(await store.totalsPerRangeFromTimelines({ range }, buckets)).toEqual(expectedSeries(both, { range }, buckets));
        },
    );

    it('counts each room once when an hour holds more pending writes than are read slot by slot', async () => {
        const hour = Date.UTC(2024, 5, 3, 14);
        const clean = [0, 7, 19, 33, 41, 52].map((minute, i) => ({ ...all[i], roomId: `clean-${i}`, createdAt: hour + minute * 60_000 }));
        const store = await storeWith([...all.slice(0, 200), ...clean], true);
        // Five writes in five slots of the same hour: the hour is read as its records.
        const pending = [1, 11, 21, 31, 46].map((minute, i) => ({ ...all[i], roomId: `pending-${i}`, createdAt: hour + minute * 60_000 }));
        for (const record of pending) {
            await store.save(record);
        }
        const range = { start: Date.UTC(2024, 5, 1), end: Date.UTC(2024, 5, 7) };
        const buckets = seriesBuckets(range, 'day', 'UTC') ?? [];
        expect(await store.totalsPerRangeFromTimelines({ range }, buckets)).toEqual(
            expectedSeries([...all.slice(0, 200), ...clean, ...pending], { range }, buckets),
        );
    });

    it('keeps each timeline equal to its records when rooms are removed and re-recorded', async () => {
        const store = await storeWith(all.slice(0, 400), true);
        const kept = all.slice(0, 400).filter((_, i) => i % 3 !== 0);
        for (const record of all.slice(0, 400).filter((_, i) => i % 3 === 0)) {
            await store.forget(record.roomId);
        }
        await store.rebuildBuckets(Date.now(), Infinity);
        const range = { start: Date.UTC(2024, 0, 1), end: Date.UTC(2025, 2, 1) };
        const buckets = seriesBuckets(range, 'day', 'UTC') ?? [];
        expect(await store.totalsPerRangeFromTimelines({ range }, buckets)).toEqual(expectedSeries(kept, { range }, buckets));
    });

    it('gives each agent exact averages and percentiles within the sketch bound, from buckets as from records', async () => {
        for (const built of [false, true]) {
            const store = await storeWith(all, built);
            for (const scope of [
                { range: year2024 },
                { range: { start: Date.UTC(2024, 2, 3, 7), end: Date.UTC(2024, 9, 9, 9) }, departmentIds: ['sales'] },
            ]) {
                const stats = await store.stats(scope);
                expect(stats.map((agent) => agent.username)).toEqual(['ana', 'bea', 'caio']);
                for (const agent of stats) {
                    const own = all.filter((record) => record.username === agent.username && isInScope(record, scope));
                    expect(agent.chats).toBe(own.length);
                    expect(agent.sumMs).toBe(own.reduce((sum, record) => sum + record.durationMs, 0));
                    const responded = own.filter((record) => record.firstResponseMs !== undefined);
                    expect([agent.firstResponseChats, agent.firstResponseMs]).toEqual([
                        responded.length,
                        responded.reduce((sum, record) => sum + (record.firstResponseMs ?? 0), 0),
                    ]);
                    expect(agent.chatDurationChats).toBe(own.filter((record) => record.chatDurationMs !== undefined).length);
                    const satisfaction = own.flatMap((record) => record.survey?.satisfaction ?? []);
                    expect([agent.ratedChats, agent.satisfactionChats, agent.satisfactionSum, agent.satisfiedChats]).toEqual([
                        own.filter((record) => record.survey).length,
                        satisfaction.length,
                        satisfaction.reduce((sum: number, score) => sum + score, 0),
                        satisfaction.filter((score) => score >= 4).length,
                    ]);
                    expect(agent.agentFriendlinessChats).toBe(own.filter((record) => record.survey?.agentFriendliness).length);
                    for (const percent of [50, 90, 95]) {
                        const exact =
                            exactPercentile(
                                own.map((record) => record.durationMs),
                                percent,
                            ) ?? NaN;
                        expect(Math.abs((agent.sketch.percentile(percent) ?? NaN) - exact) / exact).toBeLessThanOrEqual(
                            SKETCH_RELATIVE_ACCURACY * (1 + 1e-9),
                        );
                    }
                }
            }
        }
    });
});
