import fc from 'fast-check';

import { appPersistence } from '../../../../dev/workspace/appPersistence';
import { PersistenceCollection } from '../../../../dev/workspace/persistenceCollection';
import { PersistenceRecordStore } from '../../../../lib/storage/persistenceRecordStore';
import { totalsFromRecords } from '../../../../lib/reports/agentTotals';
import type { PlanInputs, ReadStep } from '../../../../lib/storage/buckets/readPlan';
import { planTotalsReads } from '../../../../lib/storage/buckets/readPlan';
import { periodTag } from '../../../../lib/time/periods';
import type { ReportScope } from '../../../../lib/reports/scope';
import type { ServiceRecord } from '../../../../lib/chats/serviceRecord';

const at = (iso: string) => Date.parse(iso);
const clean = new Set<string>();
const plan = (inputs: Partial<PlanInputs> & Pick<PlanInputs, 'range'>) =>
    planTotalsReads({ yearsWithRecords: [2024], dirtySlots: clean, bucketsReady: true, views: ['all'], ...inputs });
const months = (year: number, ...list: string[]) => list.map((month) => `month:${year}-${month}`);

describe('the read plan', () => {
    it('reads a whole year from its year bucket, and a partial year’s whole months in one read', () => {
        expect(plan({ range: { start: at('2024-01-01'), end: at('2024-12-31T23:59:59.999Z') } })).toEqual([
            { kind: 'buckets', level: 'year', parent: 'years', views: ['all'], periods: ['year:2024'] },
        ]);
        expect(plan({ range: { start: at('2024-02-01'), end: at('2024-12-31T23:59:59.999Z') } })).toEqual([
            {
                kind: 'buckets',
                level: 'month',
                parent: 'year:2024',
                views: ['all'],
                periods: months(2024, '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'),
            },
        ]);
    });

    it('reads ragged edges through day, hour and slot buckets, and the records of the two edge slots only', () => {
        const steps = plan({ range: { start: at('2024-01-30T12:07:00.000Z'), end: at('2024-03-01T00:02:59.999Z') } });
        expect(steps).toContainEqual({ kind: 'records', period: 'slot:2024-01-30T12:05' });
        expect(steps).toContainEqual({ kind: 'records', period: 'slot:2024-03-01T00:00' });
        expect(steps.filter((step) => step.kind === 'records')).toHaveLength(2);
        expect(steps).toContainEqual({ kind: 'buckets', level: 'month', parent: 'year:2024', views: ['all'], periods: ['month:2024-02'] });
        expect(steps).toContainEqual({
            kind: 'buckets',
            level: 'day',
            parent: 'month:2024-01',
            views: ['all'],
            periods: ['day:2024-01-31'],
        });
        expect(steps).toContainEqual(
            expect.objectContaining({
                kind: 'buckets',
                level: 'slot',
                parent: 'hour:2024-01-30T12',
                periods: expect.arrayContaining(['slot:2024-01-30T12:55']),
            }),
        );
        expect(steps.length).toBeLessThanOrEqual(8);
    });

    it('reads a dirty slot’s records and trusts the clean buckets around it', () => {
        const steps = plan({
            range: { start: at('2024-02-01'), end: at('2024-02-29T23:59:59.999Z') },
            dirtySlots: new Set(['slot:2024-02-10T08:15']),
        });
        expect(steps).toContainEqual({ kind: 'records', period: 'slot:2024-02-10T08:15' });
        expect(steps.filter((step) => step.kind === 'records')).toHaveLength(1);
        expect(steps.map((step) => (step.kind === 'buckets' ? step.level : 'records')).sort()).toEqual(['day', 'hour', 'records', 'slot']);
    });

    it('reads an hour with many dirty slots as one read of its records, and the department view when filtered', () => {
        const dirtySlots = new Set(['00', '05', '10', '15'].map((minute) => `slot:2024-02-10T08:${minute}`));
        const steps = plan({ range: { start: at('2024-02-10'), end: at('2024-02-10T23:59:59.999Z') }, dirtySlots, views: ['dept:sales'] });
        expect(steps.filter((step) => step.kind === 'records')).toEqual([{ kind: 'records', period: 'hour:2024-02-10T08' }]);
        expect(steps.every((step) => step.kind === 'records' || step.views.join() === 'dept:sales')).toBe(true);
    });

    it('makes one read of each bucket group for a report naming several departments, however many', () => {
        const dirtySlots = new Set(['slot:2024-02-10T08:05', 'slot:2024-05-01T13:00']);
        const range = { start: at('2024-01-01'), end: at('2024-12-31T23:59:59.999Z') };
        const one = plan({ range, dirtySlots, views: ['dept:a'] });
        const many = plan({ range, dirtySlots, views: Array.from({ length: 500 }, (_, index) => `dept:${index}` as const) });
        expect(many).toHaveLength(one.length);
        const groups = many.flatMap((step) => (step.kind === 'buckets' ? [step] : []));
        expect(groups.every((step) => step.views.length === 500)).toBe(true);
    });

    it('reads every month’s records before the buckets are ready', () => {
        expect(plan({ range: { start: at('2024-02-01'), end: at('2024-03-31T23:59:59.999Z') }, bucketsReady: false })).toEqual([
            { kind: 'records', period: 'month:2024-02' },
            { kind: 'records', period: 'month:2024-03' },
        ]);
    });

    it('never reads records of more hours than the pending writes name, plus the two edge slots', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: at('2023-01-01'), max: at('2025-01-01') }),
                fc.integer({ min: 0, max: 2 * 365 * 86_400_000 }),
                fc.array(fc.integer({ min: 0, max: 3 * 365 * 288 }), { maxLength: 200 }),
                (start, length, dirtyOffsets) => {
                    const dirtySlots = new Set(dirtyOffsets.map((offset) => periodTag('slot', at('2023-01-01') + offset * 300_000)));
                    const dirtyHours = new Set([...dirtySlots].map((slot) => periodTag('hour', Date.parse(`${slot.slice(5)}:00Z`))));
                    const steps = planTotalsReads({
                        range: { start, end: start + length },
                        yearsWithRecords: [2023, 2024, 2025, 2026],
                        dirtySlots,
                        bucketsReady: true,
                        views: ['all'],
                    });
                    const recordReads = steps.filter((step): step is Extract<ReadStep, { kind: 'records' }> => step.kind === 'records');
                    expect(recordReads.length).toBeLessThanOrEqual(dirtySlots.size + 2);
                    for (const step of recordReads) {
                        const hour = step.period.startsWith('hour:')
                            ? step.period
                            : periodTag('hour', Date.parse(`${step.period.slice(5)}:00Z`));
                        expect(step.period.startsWith('slot:') || dirtyHours.has(hour)).toBe(true);
                    }
                    expect(steps.length).toBeLessThanOrEqual(4 * dirtyHours.size + 12);
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
        // Spread over four months, or packed into two days so that slots and hours hold several rooms.
        offsetMs: fc.oneof(fc.integer({ min: 0, max: 120 * DAY }), fc.integer({ min: 0, max: 2 * DAY })),
        agent: fc.constantFrom('ann', 'bob', 'Cid', 'dee'),
        renamed: fc.boolean(),
        durationMs: fc.integer({ min: 1, max: 5 * 3_600_000 }),
        department: fc.constantFrom(undefined, 'sales', 'support'),
        room: fc.integer({ min: 0, max: 400 }),
    });
    /** Ranges that start or end inside buckets, to the millisecond, or exactly on their edges. */
    const edge = fc.oneof(
        fc.integer({ min: -5 * DAY, max: 125 * DAY }),
        fc.integer({ min: 0, max: 2 * DAY }),
        fc.integer({ min: 0, max: 125 }).map((days) => days * DAY),
        fc.integer({ min: 1, max: 125 }).map((days) => days * DAY - 1),
    );

    it('answers every scope as the full scan does, whenever the builder last ran', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(recordArbitrary, { maxLength: 120 }),
                fc.array(fc.tuple(edge, edge, fc.constantFrom(undefined, ['sales'], ['support', 'sales'], ['sales', 'sales'], ['none'])), {
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
