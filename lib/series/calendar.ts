import type { DateRange } from '../report/scope';

/**
 * The calendar in a timezone comes from date-fns and @date-fns/tz (bundled into the app's code by
 * `npm run package`): `TZDate` keeps a date's fields in its timezone, so date-fns's `startOfDay` and
 * `addDays` follow that zone's daylight-saving rules. Loaded with `require` and typed here because
 * the packager's TypeScript resolves neither package's `.cjs` entry types.
 */
type TZDate = Date;
interface DateFnsTz {
    TZDate: new (epochMs: number, timeZone: string) => TZDate;
}
interface DateFns {
    startOfDay<T extends Date>(date: T): T;
    startOfISOWeek<T extends Date>(date: T): T;
    startOfMonth<T extends Date>(date: T): T;
    addDays<T extends Date>(date: T, amount: number): T;
    addWeeks<T extends Date>(date: T, amount: number): T;
    addMonths<T extends Date>(date: T, amount: number): T;
}

/** Loaded on first use: rc-apps loads the app class in a sandbox where npm packages are absent. */
let libraries: { tz: DateFnsTz; fns: DateFns } | undefined;
function calendarLibraries(): { tz: DateFnsTz; fns: DateFns } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    libraries ??= { tz: require('@date-fns/tz') as DateFnsTz, fns: require('date-fns') as DateFns };
    return libraries;
}

export type SeriesInterval = 'day' | 'week' | 'month';

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
    const { tz, fns } = calendarLibraries();
    let cursor = startOf[interval](fns, new tz.TZDate(range.start, timeZone));
    while (cursor.getTime() <= range.end) {
        if (buckets.length === MAX_SERIES_BUCKETS) {
            return undefined;
        }
        const following = next[interval](fns, cursor);
        buckets.push({ start: cursor.getTime(), end: following.getTime() - 1, label: cursor.toISOString() });
        cursor = following;
    }
    return buckets;
}
