import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays } from 'date-fns';

import type { Range } from '../lib/time/presets';
import { dayInZone } from '../lib/time/presets';

export type Interval = 'day' | 'week' | 'month';

/** The interval a chart of the range reads best in: days up to two months, weeks up to a year, then months. */
export function suggestedInterval(range: Range, timeZone: string): Interval {
    const days = differenceInCalendarDays(new TZDate(range.end.getTime(), timeZone), new TZDate(range.start.getTime(), timeZone)) + 1;
    if (days <= 62) {
        return 'day';
    }
    return days <= 366 ? 'week' : 'month';
}

/** The custom range's days a preset starts from, so that switching to "custom" keeps what is on screen. */
export function customDays(range: Range, timeZone: string): { from: string; to: string } {
    return { from: dayInZone(range.start, timeZone), to: dayInZone(range.end, timeZone) };
}

/**
 * A chart bucket's part of the figures' range: from its start (the range's, for a first week or month
 * that began before it) to the millisecond before the next bucket's (the range's end, for the last),
 * and its days in the timezone as a heading names them (`2026-11-02`, or `2026-11-02 – 2026-11-08`).
 */
export function bucketRange(
    buckets: ReadonlyArray<{ start: string }>,
    index: number,
    range: Range,
    timeZone: string,
): { start: Date; end: Date; days: string } {
    const start = new Date(Math.max(Date.parse(buckets[index].start), range.start.getTime()));
    const next = buckets[index + 1];
    const end = new Date(next ? Math.min(Date.parse(next.start) - 1, range.end.getTime()) : range.end.getTime());
    const first = dayInZone(start, timeZone);
    const last = dayInZone(end, timeZone);
    return { start, end, days: first === last ? first : `${first} – ${last}` };
}
