import type { DateRange } from './range';
import type { DateFns, TZDate } from './dateLibraries';
import { calendarLibraries } from './dateLibraries';
import { DAY_MS } from './units';

export const SERIES_INTERVALS = ['day', 'week', 'month'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];

/**
 * The most buckets a series answers: 1,000 days is two years and nine months of a daily chart, and
 * a series reads about one bucket group per UTC day when it lists agents, so the cap also bounds a
 * request's reads. Past it the answer is a 400 that asks for a coarser interval or a shorter range.
 */
export const MAX_SERIES_BUCKETS = 1000;

/** A fixed offset such as `+05:30` or `-03:00`, as the reporting timezone "user" gives (`utcOffset`). */
const FIXED_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/**
 * Whether a timezone name is one the series can use: an IANA name the runtime's ICU knows
 * (`America/Sao_Paulo`, `Asia/Kathmandu`, `UTC`), or a fixed offset (`+05:30`).
 */
export function isTimeZone(name: string): boolean {
    if (FIXED_OFFSET.test(name)) {
        return true;
    }
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: name });
        return true;
    } catch {
        return false;
    }
}

/** A fixed offset from Rocket.Chat's `utcOffset` (hours, possibly fractional: 5.5, -3, 5.75). */
export function offsetZone(utcOffsetHours: number): string | undefined {
    const minutes = Math.round(utcOffsetHours * 60);
    if (!Number.isFinite(minutes) || Math.abs(minutes) > 14 * 60) {
        return undefined;
    }
    const sign = minutes < 0 ? '-' : '+';
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** One bucket of a series: its period in the timezone, as instants, and its start as local ISO time. */
export interface SeriesBucket extends DateRange {
    /** `2026-11-01T00:00:00.000-03:00`: the period's first instant, with the timezone's offset then. */
    label: string;
}

const startOf: Record<SeriesInterval, (fns: DateFns, date: TZDate) => TZDate> = {
    day: (fns, date) => fns.startOfDay(date),
    week: (fns, date) => fns.startOfISOWeek(date),
    month: (fns, date) => fns.startOfMonth(date),
};

const next: Record<SeriesInterval, (fns: DateFns, date: TZDate) => TZDate> = {
    day: (fns, date) => fns.startOfDay(fns.addDays(date, 1)),
    week: (fns, date) => fns.startOfISOWeek(fns.addWeeks(date, 1)),
    month: (fns, date) => fns.startOfMonth(fns.addMonths(date, 1)),
};

/** Longer than any bucket of each interval can be (no local day lasts two days, nor a week eight, nor a month 32). */
const LONGEST_BUCKET_MS: Record<SeriesInterval, number> = { day: 2 * DAY_MS, week: 8 * DAY_MS, month: 32 * DAY_MS };
/**
 * Every day, ISO week (from Monday) or month in `timeZone` that the range touches, in order, from
 * the one holding `range.start` to the one holding `range.end`. Periods are cut where the local
 * calendar says, so a day across a daylight-saving change lasts 23 or 25 hours, and a day whose
 * midnight a change skips starts at the first instant it has. Undefined past `MAX_SERIES_BUCKETS`.
 */
export function seriesBuckets(range: DateRange, interval: SeriesInterval, timeZone: string): SeriesBucket[] | undefined {
    const buckets: SeriesBucket[] = [];
    if (range.end < range.start) {
        return buckets;
    }
    // Too many buckets however long they are: refused before any walk (the whole date range would walk to its NaN ends).
    if ((range.end - range.start) / LONGEST_BUCKET_MS[interval] > MAX_SERIES_BUCKETS) {
        return undefined;
    }
    const { tz, fns } = calendarLibraries();
    // At the ends of what a Date holds (±8.64e15 ms) the bucket around an edge starts or ends past
    // it (NaN): the range's own edge stands in, so the series is counted (or refused as too long), never empty.
    let start = startOf[interval](fns, new tz.TZDate(range.start, timeZone)).getTime();
    if (Number.isNaN(start)) {
        start = range.start;
    }
    let offset = tz.tzOffset(timeZone, new Date(start));
    while (start <= range.end) {
        if (buckets.length === MAX_SERIES_BUCKETS) {
            return undefined;
        }
        // A day that starts at local midnight is 24 hours when the offset is the same at both ends (one
        // offset lookup); else (a change, or a day that starts later because a change skipped its
        // midnight) date-fns walks the zone's rules. A year of days costs about 370 lookups.
        const fast = interval === 'day' && (start + offset * 60_000) % DAY_MS === 0;
        let following = fast ? start + DAY_MS : Number.NaN;
        let followingOffset = fast ? tz.tzOffset(timeZone, new Date(following)) : Number.NaN;
        if (followingOffset !== offset) {
            following = next[interval](fns, new tz.TZDate(start, timeZone)).getTime();
            followingOffset = tz.tzOffset(timeZone, new Date(following));
        }
        if (Number.isNaN(following)) {
            following = range.end + 1;
        }
        buckets.push({ start, end: following - 1, label: localIso(start, offset) });
        start = following;
        offset = followingOffset;
    }
    return buckets;
}

/** An instant as local ISO time with its offset (`2026-11-01T00:00:00.000-03:00`), as `TZDate.toISOString` writes it. */
function localIso(epochMs: number, offsetMinutes: number): string {
    const wallDate = new Date(epochMs + offsetMinutes * 60_000);
    if (Number.isNaN(wallDate.getTime())) {
        return new Date(epochMs).toISOString(); // a wall time past what a Date holds: the instant in UTC
    }
    const wall = wallDate.toISOString().slice(0, 23);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const minutes = Math.abs(offsetMinutes);
    return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The instant a local wall-clock time names in a timezone (`wallMs`: the wall time written as if it
 * were UTC). A wall time a daylight-saving change skips (02:30 on a spring-forward night) is taken
 * at the same offset as the hour before it, so it lands just after the change.
 */
export function wallTimeToInstant(wallMs: number, timeZone: string): number {
    const { tz } = calendarLibraries();
    const guess = wallMs - tz.tzOffset(timeZone, new Date(wallMs)) * 60_000;
    return wallMs - tz.tzOffset(timeZone, new Date(guess)) * 60_000;
}

/** The local days in `timeZone` that a span of instants touches, as the series cuts them (any length). */
export function localDaysOf(range: DateRange, timeZone: string): SeriesBucket[] {
    const days: SeriesBucket[] = [];
    let start = range.start;
    while (start <= range.end) {
        // The series' cap bounds one call; a longer span goes on from the last day found.
        const chunk = seriesBuckets({ start, end: Math.min(range.end, start + (MAX_SERIES_BUCKETS - 2) * DAY_MS) }, 'day', timeZone) ?? [];
        if (chunk.length === 0) {
            break;
        }
        days.push(...chunk.filter((day) => days.length === 0 || day.start > days[days.length - 1].start));
        start = chunk[chunk.length - 1].end + 1;
    }
    return days;
}
