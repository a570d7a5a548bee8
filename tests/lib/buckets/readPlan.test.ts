import fc from 'fast-check';

import { appPersistence } from '../../../dev/workspace/appPersistence';
import { PersistenceCollection } from '../../../dev/workspace/persistenceCollection';
import { PersistenceRecordStore } from '../../../lib/adapters/persistenceRecordStore';
import { totalsFromRecords } from '../../../lib/report/agentTotals';
import { MAX_PLANNED_READS, planTotalsReads } from '../../../lib/buckets/readPlan';
import type { ReportScope } from '../../../lib/report/scope';
import type { ServiceRecord } from '../../../lib/records/serviceRecord';
import { periodTags } from '../../../lib/storage/layout';

const at = (iso: string) => Date.parse(iso);
const noDirt = new Map<string, Set<string>>();

describe('the read plan', () => {
    it('reads a year’s whole months in one read of month buckets', () => {
        expect(
            planTotalsReads({
                range: { start: at('2024-01-01'), end: at('2024-12-31T23:59:59.999Z') },
                yearsWithRecords: [2024],
                dirtyDays: noDirt,
                bucketsReady: true,
            }),
        ).toEqual([
            {
                kind: 'monthBuckets',
                year: 2024,
                months: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `month:2024-${m}`),
            },
        ]);
    });

    it('reads ragged edges as day buckets plus the records of the edge days', () => {
        const plan = planTotalsReads({
            range: { start: at('2024-01-30T12:00:00.000Z'), end: at('2024-03-01T00:00:00.000Z') },
            yearsWithRecords: [2024],
            dirtyDays: noDirt,
            bucketsReady: true,
        });
        expect(plan).toEqual([
            { kind: 'dayBuckets', month: 'month:2024-01', days: ['day:2024-01-31'] },
            { kind: 'records', tag: 'day:2024-01-30' },
            { kind: 'records', tag: 'day:2024-03-01' },
            { kind: 'monthBuckets', year: 2024, months: ['month:2024-02'] },
        ]);
    });

    it('reads a month with a few dirty days through its clean day buckets and those days’ records', () => {
        const dirtyDays = new Map([['month:2024-02', new Set(['day:2024-02-10'])]]);
        const plan = planTotalsReads({
            range: { start: at('2024-02-01'), end: at('2024-02-29T23:59:59.999Z') },
            yearsWithRecords: [2024],
            dirtyDays,
            bucketsReady: true,
        });
        expect(plan).toContainEqual({ kind: 'records', tag: 'day:2024-02-10' });
        expect(plan.find((step) => step.kind === 'dayBuckets')).toMatchObject({ month: 'month:2024-02' });
        expect(plan).toHaveLength(2);
    });

    it('reads a month with many dirty days, or before buckets are ready, as one read of records', () => {
        const dirtyDays = new Map([['month:2024-02', new Set(['day:2024-02-01', 'day:2024-02-02', 'day:2024-02-03', 'day:2024-02-04'])]]);
        const range = { start: at('2024-02-01'), end: at('2024-02-29T23:59:59.999Z') };
        expect(planTotalsReads({ range, yearsWithRecords: [2024], dirtyDays, bucketsReady: true })).toEqual([
            { kind: 'records', tag: 'month:2024-02' },
        ]);
        expect(planTotalsReads({ range, yearsWithRecords: [2024], dirtyDays: noDirt, bucketsReady: false })).toEqual([
            { kind: 'records', tag: 'month:2024-02' },
        ]);
    });

    it('stays within its bound for any range up to two years, however dirty', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: at('2023-01-01'), max: at('2025-01-01') }),
                fc.integer({ min: 0, max: 2 * 365 * 86_400_000 }),
                fc.array(fc.integer({ min: 0, max: 3 * 365 }), { maxLength: 200 }),
                (start, length, dirtyOffsets) => {
                    const dirtyDays = new Map<string, Set<string>>();
                    for (const offset of dirtyOffsets) {
                        const { month, day } = periodTags(at('2023-01-01') + offset * 86_400_000);
                        const days = dirtyDays.get(month) ?? new Set<string>();
                        days.add(day);
                        dirtyDays.set(month, days);
                    }
                    const plan = planTotalsReads({
                        range: { start, end: start + length },
                        yearsWithRecords: [2023, 2024, 2025, 2026],
                        dirtyDays,
                        bucketsReady: true,
                    });
                    expect(plan.length).toBeLessThanOrEqual(MAX_PLANNED_READS);
                },
            ),
            { numRuns: 500 },
        );
    });
});

describe('buckets against the full scan (property)', () => {
    const DAY = 86_400_000;
    const BASE = at('2024-01-01');
    const recordArbitrary = fc.record({
        offsetMs: fc.integer({ min: 0, max: 120 * DAY }),
        agent: fc.constantFrom('ann', 'bob', 'Cid', 'dee'),
        renamed: fc.boolean(),
        durationMs: fc.integer({ min: 1, max: 5 * 3_600_000 }),
        department: fc.constantFrom(undefined, 'sales', 'support'),
        room: fc.integer({ min: 0, max: 400 }),
    });
    /** Ranges that start or end inside buckets, to the millisecond, or exactly on their edges. */
    const edge = fc.oneof(
        fc.integer({ min: -5 * DAY, max: 125 * DAY }),
        fc.integer({ min: 0, max: 125 }).map((days) => days * DAY),
        fc.integer({ min: 1, max: 125 }).map((days) => days * DAY - 1),
    );

    it('answers every scope as the full scan does, whenever the builder last ran', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(recordArbitrary, { maxLength: 120 }),
                fc.array(fc.tuple(edge, edge, fc.constantFrom(undefined, ['sales'], ['support', 'sales'], ['none'])), {
                    minLength: 1,
                    maxLength: 4,
                }),
                fc.integer({ min: 0, max: 120 }),
                fc.boolean(),
                async (generated, scopes, buildAfter, buildAtEnd) => {
                    const collection = new PersistenceCollection();
                    const { reader, writer } = appPersistence(collection, 'app');
                    const store = new PersistenceRecordStore(reader, writer);
                    const latest = new Map<string, ServiceRecord>();
                    for (const [i, one] of generated.entries()) {
                        // Rooms repeat: a later save of the same room replaces it, as a re-delivered or re-imported event.
                        const roomId = `room-${one.room}`;
                        const createdAt = latest.get(roomId)?.createdAt ?? BASE + one.offsetMs;
                        const record: ServiceRecord = {
                            v: 1,
                            roomId,
                            agentId: `id-${one.agent}`,
                            username: one.renamed ? `${one.agent}.new` : one.agent,
                            createdAt,
                            durationMs: one.durationMs,
                            ...(one.department && { departmentId: one.department }),
                        };
                        latest.set(roomId, record);
                        await store.save(record);
                        if (i === buildAfter) {
                            await store.rebuildBuckets();
                        }
                    }
                    if (buildAtEnd) {
                        await store.rebuildBuckets();
                    }
                    for (const [a, b, departmentIds] of scopes) {
                        const scope: ReportScope = { range: { start: BASE + Math.min(a, b), end: BASE + Math.max(a, b) }, departmentIds };
                        expect(await store.totals(scope)).toEqual(totalsFromRecords(latest.values(), scope));
                    }
                },
            ),
            { numRuns: 300 },
        );
    });
});
