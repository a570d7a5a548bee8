import type { DateRange } from '../../time/range';
import { isEmptyRange } from '../../time/range';
import type { BucketView } from '../layout';
import type { Level } from '../../time/periods';
import { childLevel, childStarts, parentTag, periodEnd, periodStart, periodTag, utcMonthStart } from '../../time/periods';

/** One read a report makes, and what it takes from the answer. */
export type ReadStep =
    /**
     * The buckets of one level under one parent, of which these periods are used, in these views: one
     * read whatever the views (of the one view, or of every view when a report names several).
     */
    | { kind: 'buckets'; level: Level; parent: string; views: BucketView[]; periods: string[] }
    /** The records of a slot, an hour or (before the buckets are ready) a month, filtered by the scope. */
    | { kind: 'records'; period: string };

export interface PlanInputs {
    range: DateRange;
    yearsWithRecords: Iterable<number>;
    /** Slots (`slot:…` tags) holding a write the builder has not seen land: their buckets, and their parents', are not trusted. */
    dirtySlots: ReadonlySet<string>;
    /** False until the buckets have been built from every record (after install, or an update from layout 1). */
    bucketsReady: boolean;
    /** `all` for a report over every department; one `dept:<id>` per department a filtered report names. */
    views: readonly BucketView[];
}

/** An hour with more dirty slots than this is read as one read of its records. */
const MAX_DIRTY_SLOTS_READ_ONE_BY_ONE = 3;

/**
 * How a report reads a range, from the coarsest buckets that are whole and clean:
 * - a year, month, day, hour or slot the range covers whole and no pending write touches: its
 *   bucket, read with its siblings in one read (every year, a year's months, a month's days, a day's
 *   hours, an hour's slots), the `all` view for an unfiltered report, the named department's view for
 *   a filtered one, and every view for one that names several (so that the reads do not grow with them);
 * - one covered in part, or touched by a pending write: its children, the same way;
 * - a slot covered in part or dirty: its records, so the edges of any range cost at most two slots'
 *   records; an hour with more than a few dirty slots: its records, so pending writes never make a
 *   report read more than the hours they name;
 * - before the buckets are ready, every month's records.
 * The periods read never overlap, so adding up what each step yields counts every room once. A range
 * costs about 4 reads per edge, 1 for its whole years, and up to 5 per dirty hour, whatever the room count.
 */
export function planTotalsReads(inputs: PlanInputs): ReadStep[] {
    const { range } = inputs;
    if (isEmptyRange(range)) {
        return [];
    }
    const firstYear = new Date(range.start).getUTCFullYear();
    const lastYear = new Date(range.end).getUTCFullYear();
    const years = [...new Set(inputs.yearsWithRecords)].filter((year) => year >= firstYear && year <= lastYear).sort((a, b) => a - b);
    const steps: ReadStep[] = [];
    if (!inputs.bucketsReady) {
        return monthsMet(range, years).map((period): ReadStep => ({ kind: 'records', period }));
    }
    const dirty = dirtyByLevel(inputs.dirtySlots);
    const groups = new Map<string, { level: Level; parent: string; periods: string[] }>();
    const useBucket = (level: Level, period: string) => {
        const parent = parentTag(level, period);
        const key = `${level}|${parent}`;
        const group = groups.get(key) ?? { level, parent, periods: [] };
        group.periods.push(period);
        groups.set(key, group);
    };
    const visit = (level: Level, start: number): void => {
        const end = periodEnd(level, start);
        if (!overlaps(range, start, end)) {
            return;
        }
        const period = periodTag(level, start);
        const isDirty = dirty[level].has(period);
        if (!isDirty && range.start <= start && range.end >= end) {
            useBucket(level, period);
            return;
        }
        const finer = childLevel(level);
        if (!finer || (level === 'hour' && (dirty.slotsPerHour.get(period) ?? 0) > MAX_DIRTY_SLOTS_READ_ONE_BY_ONE)) {
            steps.push({ kind: 'records', period });
            return;
        }
        for (const childStart of childStarts(level, start)) {
            visit(finer, childStart);
        }
    };
    for (const year of years) {
        visit('year', utcMonthStart(year, 0));
    }
    const views = [...new Set(inputs.views)];
    const bucketSteps = [...groups.values()].map((group): ReadStep => ({ kind: 'buckets', ...group, views }));
    return [...bucketSteps, ...steps];
}

/** The months (`month:YYYY-MM`) a range meets, in the years given (those that hold records), oldest first. */
export function monthsMet(range: DateRange, years: Iterable<number>): string[] {
    const months: string[] = [];
    for (const year of [...new Set(years)].sort((a, b) => a - b)) {
        for (const start of childStarts('year', utcMonthStart(year, 0))) {
            if (overlaps(range, start, periodEnd('month', start))) {
                months.push(periodTag('month', start));
            }
        }
    }
    return months;
}

function overlaps(range: DateRange, start: number, end: number): boolean {
    return end >= range.start && start <= range.end;
}

interface DirtyPeriods extends Record<Level, Set<string>> {
    slotsPerHour: Map<string, number>;
}

/** The periods at every level that hold a dirty slot. */
export function dirtyByLevel(dirtySlots: Iterable<string>): DirtyPeriods {
    const dirty: DirtyPeriods = {
        slot: new Set(),
        hour: new Set(),
        day: new Set(),
        month: new Set(),
        year: new Set(),
        slotsPerHour: new Map(),
    };
    for (const slot of dirtySlots) {
        if (dirty.slot.has(slot)) {
            continue;
        }
        const start = periodStart(slot);
        dirty.slot.add(slot);
        const hour = periodTag('hour', start);
        dirty.hour.add(hour);
        dirty.slotsPerHour.set(hour, (dirty.slotsPerHour.get(hour) ?? 0) + 1);
        dirty.day.add(periodTag('day', start));
        dirty.month.add(periodTag('month', start));
        dirty.year.add(periodTag('year', start));
    }
    return dirty;
}

/**
 * The record reads that cover some slots: each slot's records, or its hour's when the hour has more
 * than a few of them (the same rule as the plan's for dirty slots).
 */
export function recordPeriodsOfSlots(slots: Iterable<string>): string[] {
    const byHour = new Map<string, string[]>();
    for (const slot of new Set(slots)) {
        const hour = periodTag('hour', periodStart(slot));
        byHour.set(hour, [...(byHour.get(hour) ?? []), slot]);
    }
    return [...byHour].flatMap(([hour, inHour]) => (inHour.length > MAX_DIRTY_SLOTS_READ_ONE_BY_ONE ? [hour] : inHour));
}
