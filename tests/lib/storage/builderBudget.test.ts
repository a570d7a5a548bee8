import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import type { DateRange } from '../../../lib/time/range';
import { DAY_MS, HOUR_MS } from '../../../lib/time/units';
import { InMemoryAccessors } from '../../helpers/accessors';

/**
 * A builder run stops at its budget inside a month, not only between months (issue: a month with
 * every slot dirty took a run past the engine's 30 s), and the writes it did not reach wait for the
 * next run: every report and series stays exact after every run, and the runs together settle all.
 */
const MARCH = Date.UTC(2026, 2, 1);
const SCOPE: ReportScope = { range: { start: MARCH, end: MARCH + 3 * DAY_MS - 1 } };
const DAYS: DateRange[] = [0, 1, 2].map((day) => ({ start: MARCH + day * DAY_MS, end: MARCH + (day + 1) * DAY_MS - 1 }));

const record = (i: number, durationMs: number, departmentId?: string): ServiceRecord => ({
    v: 1,
    roomId: `room-${i}`,
    agentId: `id-${i % 5}`,
    username: `agent${i % 5}`,
    createdAt: MARCH + ((i * 7_919) % 72) * HOUR_MS + ((i * 13) % 60) * 60_000,
    durationMs,
    ...(departmentId && { departmentId }),
});

describe('a builder run past its budget inside a month', () => {
    it('rebuilds what it reached, leaves the rest marked, and keeps every report and series exact run after run', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        const expected = new Map<string, ServiceRecord>();
        for (let i = 0; i < 400; i++) {
            const saved = record(i, 60_000 + i, i % 3 === 0 ? 'sales' : undefined);
            expected.set(saved.roomId, saved);
            await store.save(saved);
        }
        await store.rebuildBuckets();
        for (let i = 0; i < 400; i += 2) {
            const changed = record(i, 5_000 + i * 3, 'support');
            expected.set(changed.roomId, changed);
            await store.save(changed);
        }
        const exact = async () => {
            const records = [...expected.values()];
            expect(await store.totals(SCOPE)).toEqual(totalsFromRecords(records, SCOPE));
            const support = { ...SCOPE, departmentIds: ['support'] };
            expect(await store.stats(support)).toHaveLength(totalsFromRecords(records, support).length);
            expect(await store.totalsPerRangeFromTimelines(SCOPE, DAYS)).toEqual(
                DAYS.map((range) => {
                    const agents = totalsFromRecords(records, { range });
                    return { chats: agents.reduce((sum, a) => sum + a.chats, 0), sumMs: agents.reduce((sum, a) => sum + a.sumMs, 0) };
                }),
            );
        };
        let runs = 0;
        let pending = Infinity;
        for (; runs < 400 && pending > 0; runs++) {
            // A budget of 0 ms: each run rebuilds one marked slot, then stops.
            const summary = await store.rebuildBuckets(Date.now(), 0);
            expect(summary.failures).toEqual([]);
            pending = summary.pending;
            await exact();
        }
        expect(runs).toBeGreaterThan(10); // it did stop inside the month, many times
        expect(pending).toBe(0);
        expect(await store.rebuildBuckets()).toMatchObject({ markers: 0, complete: true });
        await exact();
    });

    it('stops removing the markers it settled at the budget too, leaving the rest for the next run', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        await store.rebuildBuckets();
        // 50 writes in one slot: one slot to rebuild, 50 markers to remove (one persistence call each).
        const oneSlot = Array.from({ length: 50 }, (_, i) => ({ ...record(i, 1_000 + i), createdAt: MARCH + 60_000 }));
        for (const saved of oneSlot) {
            await store.save(saved);
        }
        const first = await store.rebuildBuckets(Date.now(), 0);
        expect(first).toMatchObject({ markers: 50, complete: false });
        expect(first.pending).toBeGreaterThan(0);
        expect(await store.totals(SCOPE)).toEqual(totalsFromRecords(oneSlot, SCOPE));
        expect(await store.rebuildBuckets()).toMatchObject({ markers: first.pending, pending: 0, complete: true });
        expect(await store.totals(SCOPE)).toEqual(totalsFromRecords(oneSlot, SCOPE));
    });
});
