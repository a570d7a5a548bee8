import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import fc from 'fast-check';

import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import { LEASE_GRACE_MS, LEASE_MS, LeaseLostError } from '../../../lib/storage/builder/builderLease';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import type { DateRange } from '../../../lib/time/range';
import { DAY_MS, HOUR_MS } from '../../../lib/time/units';
import { InMemoryAccessors } from '../../helpers/accessors';
import { delayed, turnsFrom } from '../../helpers/interleaving';

/**
 * Builder runs that overlap (Rocket.Chat stops waiting for a job at 30 s and starts the next beside
 * it) must leave the series as exact as the reports: issue, after a 50,000-close burst the day
 * series summed 2,262 chats where a full scan had 2,190.
 */
const MARCH = Date.UTC(2025, 2, 1);
const SCOPE: ReportScope = { range: { start: MARCH, end: MARCH + 4 * DAY_MS - 1 } };
const DAYS: DateRange[] = Array.from({ length: 4 }, (_, day) => ({ start: MARCH + day * DAY_MS, end: MARCH + (day + 1) * DAY_MS - 1 }));
/** São Paulo's days (UTC-3): each cuts two UTC days, so the series reads both timelines and the slots' records at the edges. */
const LOCAL_DAYS: DateRange[] = DAYS.slice(0, 3).map((day) => ({ start: day.start + 3 * HOUR_MS, end: day.end + 3 * HOUR_MS }));

const room = (id: number, durationMs: number): ServiceRecord => ({
    v: 1,
    roomId: `room-${id}`,
    agentId: `id-${id % 3}`,
    username: `agent${id % 3}`,
    // 12 rooms a day, in 6 slots of 4 hours apart: slots shared by several rooms.
    createdAt: MARCH + Math.floor(id / 12) * DAY_MS + (id % 6) * 4 * HOUR_MS + (id % 2) * 60_000,
    durationMs,
});

/** A change between or during builder runs: a new or rewritten record, or a deleted room. */
interface Change {
    id: number;
    durationMs: number;
    remove: boolean;
}
const change = fc.record({ id: fc.nat(47), durationMs: fc.integer({ min: 1_000, max: 900_000 }), remove: fc.boolean() });

async function turnsPass(turns: number): Promise<void> {
    for (let turn = 0; turn < turns; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}

function seriesOf(records: Iterable<ServiceRecord>, ranges: DateRange[]) {
    return ranges.map((range) => {
        const agents = totalsFromRecords([...records], { range });
        return { chats: agents.reduce((sum, agent) => sum + agent.chats, 0), sumMs: agents.reduce((sum, agent) => sum + agent.sumMs, 0) };
    });
}

describe('builder runs that overlap', () => {
    it('leave every report and every series equal to a full scan, under any interleaving of runs and writes', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(change, { minLength: 1, maxLength: 12 }),
                fc.array(change, { maxLength: 12 }),
                fc.array(fc.nat(3), { minLength: 50, maxLength: 50 }),
                fc.array(fc.nat(60), { minLength: 2, maxLength: 3 }),
                fc.constantFrom(0, 20_000),
                async (before, during, turns, starts, budgetMs) => {
                    const accessors = new InMemoryAccessors();
                    const plain = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
                    const expected = new Map<string, ServiceRecord>();
                    const deleted = new Set<number>();
                    const apply = async (store: PersistenceRecordStore, { id, durationMs, remove }: Change) => {
                        if (remove) {
                            deleted.add(id);
                            expected.delete(`room-${id}`);
                            await store.forget(`room-${id}`);
                        } else if ((await store.save(room(id, durationMs))) === 'saved') {
                            expected.set(`room-${id}`, room(id, durationMs));
                        } else {
                            expect(deleted.has(id)).toBe(true); // a deleted room stays deleted
                        }
                    };
                    for (let id = 0; id < 48; id += 2) {
                        await apply(plain, { id, durationMs: 60_000 + id * 1_000, remove: false });
                    }
                    await plain.rebuildBuckets();
                    for (const next of before) {
                        await apply(plain, next);
                    }
                    // Each run and the writes beside it see the persistence with its own delays: their calls interleave.
                    const next = turnsFrom(turns);
                    const slowStore = () =>
                        new PersistenceRecordStore(
                            delayed<IPersistenceRead>(accessors.persistenceReader, next),
                            delayed<IPersistence>(accessors.persistence, next),
                        );
                    const writer = slowStore();
                    await Promise.all([
                        // Each run starts some turns after the first: another run's writes and reads fall anywhere inside it.
                        ...starts.map(async (start) => {
                            await turnsPass(start);
                            // A budget of 0 ms: the run stops inside the month after one slot.
                            return slowStore().underBuilderLease((leased) => leased.rebuildBuckets(Date.now(), budgetMs));
                        }),
                        (async () => {
                            for (const write of during) {
                                await apply(writer, write);
                            }
                        })(),
                    ]);
                    // Then the builder runs alone, as every 10 s, until it has settled every write.
                    for (let run = 0; run < 3; run++) {
                        await plain.underBuilderLease((leased) => leased.rebuildBuckets());
                    }
                    const records = [...expected.values()];
                    expect(await plain.totals(SCOPE)).toEqual(totalsFromRecords(records, SCOPE));
                    expect(await plain.totalsPerRangeFromTimelines(SCOPE, DAYS)).toEqual(seriesOf(records, DAYS));
                    const local: ReportScope = { range: { start: LOCAL_DAYS[0].start, end: LOCAL_DAYS[2].end } };
                    expect(await plain.totalsPerRangeFromTimelines(local, LOCAL_DAYS)).toEqual(seriesOf(records, LOCAL_DAYS));
                    expect((await plain.totalsPerRange(SCOPE, DAYS)).map((agents) => agents)).toEqual(
                        DAYS.map((range) => totalsFromRecords(records, { range })),
                    );
                },
            ),
            { numRuns: 120 },
        );
    });

    it('let one run write at a time: a run that finds the lease held does nothing', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        await store.save(room(1, 60_000));
        let second: unknown = 'not run';
        const first = await store.underBuilderLease(async (leased) => {
            second = await store.underBuilderLease((other) => other.rebuildBuckets());
            return leased.rebuildBuckets();
        });
        expect(second).toBeUndefined();
        expect(first).toMatchObject({ markers: 1, complete: true });
        // Given back at the end: the next run may go.
        await expect(store.underBuilderLease(async () => 'ran')).resolves.toBe('ran');
    });

    it('stop a run that stalled past its lease at its next write, once another run has taken over', async () => {
        const accessors = new InMemoryAccessors();
        let now = Date.UTC(2026, 11, 3, 12);
        const clock = () => now;
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        for (let id = 0; id < 24; id++) {
            await store.save(room(id, 60_000));
        }
        await store.rebuildBuckets();
        await store.save(room(3, 120_000));
        // The first run stalls in a read (its process paused) after taking the lease.
        let resume: () => void = () => {};
        const stalled = new Promise<void>((resolve) => (resume = resolve));
        let reads = 0;
        const reader = new Proxy(accessors.persistenceReader, {
            get(target, property) {
                const value = Reflect.get(target, property) as (...args: unknown[]) => Promise<unknown>;
                return async (...args: unknown[]) => {
                    if (++reads === 4) {
                        await stalled;
                    }
                    return value.apply(target, args);
                };
            },
        });
        const first = new PersistenceRecordStore(reader, accessors.persistence).underBuilderLease(
            (leased) => leased.rebuildBuckets(),
            clock,
        );
        await new Promise((resolve) => setImmediate(resolve));
        // Within the lease another run does nothing; past it and its grace, the next one takes over and settles the write.
        expect(await store.underBuilderLease((leased) => leased.rebuildBuckets(), clock)).toBeUndefined();
        now += LEASE_MS + LEASE_GRACE_MS;
        expect(await store.underBuilderLease((leased) => leased.rebuildBuckets(), clock)).toMatchObject({ markers: 1, pending: 0 });
        await store.save(room(5, 30_000));
        resume();
        // The stalled run writes nothing more: its first write after the stall is refused.
        const outcome = await first.catch((error: unknown) => error);
        expect(outcome instanceof LeaseLostError || (outcome as { failures?: Array<{ error: string }> }).failures?.[0]?.error).toBeTruthy();
        await store.underBuilderLease((leased) => leased.rebuildBuckets(), clock);
        const records = Array.from({ length: 24 }, (_, id) => room(id, id === 3 ? 120_000 : id === 5 ? 30_000 : 60_000));
        expect(await store.totals(SCOPE)).toEqual(totalsFromRecords(records, SCOPE));
        expect(await store.totalsPerRangeFromTimelines(SCOPE, DAYS)).toEqual(seriesOf(records, DAYS));
    });

    it('keep the lease of a long run alive while it writes, so that no later run takes it', async () => {
        const accessors = new InMemoryAccessors();
        let now = Date.UTC(2026, 11, 3, 12);
        const clock = () => now;
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        const outcome = await store.underBuilderLease(async (leased) => {
            for (let write = 0; write < 10; write++) {
                now += 20_000; // a slow run: 200 s in all, a write every 20 s
                await leased.save(room(write, 60_000));
                expect(await store.underBuilderLease(async () => 'second run', clock)).toBeUndefined();
            }
            return 'first run';
        }, clock);
        expect(outcome).toBe('first run');
        expect(await store.underBuilderLease(async () => 'next run', clock)).toBe('next run');
    });
});
