import type { DateRange } from '../report/scope';
import { isEmptyRange } from '../report/scope';
import { dayTag, monthTag } from '../storage/layout';

/** One read a report makes, and what it takes from the answer. */
export type ReadStep =
    /** The month buckets of a year (one read), of which these months are used. */
    | { kind: 'monthBuckets'; year: number; months: string[] }
    /** The day buckets of a month (one read), of which these days are used. */
    | { kind: 'dayBuckets'; month: string; days: string[] }
    /** The records of a month or day (one read), filtered by the scope. */
    | { kind: 'records'; tag: string };

export interface PlanInputs {
    range: DateRange;
    yearsWithRecords: Iterable<number>;
    /**
     * Days holding a record written since their buckets were built, by month (`month:…` to
     * `day:…` tags): those days' buckets, and their months', are not trusted.
     */
    dirtyDays: ReadonlyMap<string, ReadonlySet<string>>;
    /** False until the buckets have been built from every record (after install, or an update from a version without them). */
    bucketsReady: boolean;
}

/** Reads a report may make at most, the fixed ones (year markers, dirty markers, readiness) aside. */
export const MAX_PLANNED_READS = 56;
/** A dirty month with more dirty days than this is read as one month of records. */
const MAX_DIRTY_DAYS_READ_ONE_BY_ONE = 3;

/**
 * How a report reads a range, in a bounded number of reads whatever the room count:
 * - a clean month the range covers whole: its month bucket (all such months of a year in one read);
 * - a month it covers in part, or a month with a few dirty days: its day buckets (one read) for the
 *   clean days it covers whole, and the records of each dirty day and of the (at most two) days it
 *   covers in part;
 * - a month with many dirty days, or any month before the buckets are ready: its records, in one read.
 * If that would take more than MAX_PLANNED_READS, dirty months are read as months of records, which
 * bounds a two-year range to about 25 + 6 reads. The periods read never overlap, so adding up what
 * each step yields counts every room once.
 */
export function planTotalsReads(inputs: PlanInputs): ReadStep[] {
    const plan = planWith(inputs, MAX_DIRTY_DAYS_READ_ONE_BY_ONE);
    return plan.length <= MAX_PLANNED_READS ? plan : planWith(inputs, 0);
}

function planWith(inputs: PlanInputs, maxDirtyDaysOneByOne: number): ReadStep[] {
    const { range } = inputs;
    if (isEmptyRange(range)) {
        return [];
    }
    const firstYear = new Date(range.start).getUTCFullYear();
    const lastYear = new Date(range.end).getUTCFullYear();
    const years = [...new Set(inputs.yearsWithRecords)].filter((year) => year >= firstYear && year <= lastYear).sort((a, b) => a - b);
    const steps: ReadStep[] = [];
    for (const year of years) {
        const wholeMonths: string[] = [];
        for (let month = 0; month < 12; month++) {
            const monthStart = Date.UTC(year, month, 1);
            const monthEnd = Date.UTC(year, month + 1, 1) - 1;
            if (monthEnd < range.start || monthStart > range.end) {
                continue;
            }
            const tag = monthTag(monthStart);
            const whole = range.start <= monthStart && range.end >= monthEnd;
            const dirtyDays = inputs.dirtyDays.get(tag) ?? new Set<string>();
            if (!inputs.bucketsReady || dirtyDays.size > maxDirtyDaysOneByOne) {
                steps.push({ kind: 'records', tag });
            } else if (whole && dirtyDays.size === 0) {
                wholeMonths.push(tag);
            } else {
                steps.push(...monthByDaySteps(range, monthStart, monthEnd, tag, dirtyDays));
            }
        }
        if (wholeMonths.length > 0) {
            steps.push({ kind: 'monthBuckets', year, months: wholeMonths });
        }
    }
    return steps;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function monthByDaySteps(
    range: DateRange,
    monthStart: number,
    monthEnd: number,
    month: string,
    dirtyDays: ReadonlySet<string>,
): ReadStep[] {
    const wholeDays: string[] = [];
    const recordDays: ReadStep[] = [];
    const from = Math.max(range.start, monthStart);
    const to = Math.min(range.end, monthEnd);
    for (let dayStart = Math.floor(from / DAY_MS) * DAY_MS; dayStart <= to; dayStart += DAY_MS) {
        const tag = dayTag(dayStart);
        const whole = range.start <= dayStart && range.end >= dayStart + DAY_MS - 1;
        if (whole && !dirtyDays.has(tag)) {
            wholeDays.push(tag);
        } else {
            recordDays.push({ kind: 'records', tag });
        }
    }
    return wholeDays.length > 0 ? [{ kind: 'dayBuckets', month, days: wholeDays }, ...recordDays] : recordDays;
}
