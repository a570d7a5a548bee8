/** A range of instants, in ms since the epoch, both ends inclusive: a report's room creation times, or a series bucket. */
export interface DateRange {
    start: number;
    end: number;
}

/** `end` before `start` is no error in the core: the report is just empty. */
export function isEmptyRange(range: DateRange): boolean {
    return range.end < range.start;
}

/** Inclusive at both ends, to the millisecond, as the core's `$gte`/`$lte` on `ts`. */
export function isCreatedWithin(createdAt: number, range: DateRange): boolean {
    return createdAt >= range.start && createdAt <= range.end;
}

/** The part of a range inside another (empty when they do not meet). */
export function clipRange(range: DateRange, within: DateRange): DateRange {
    return { start: Math.max(range.start, within.start), end: Math.min(range.end, within.end) };
}
