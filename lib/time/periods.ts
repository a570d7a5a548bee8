import { DAY_MS, HOUR_MS, SLOT_MS } from './units';

/**
 * The calendar the store aggregates over, all in UTC: 5-minute slots, hours, days, months, years.
 * A period is named by its tag (`slot:2025-01-31T23:55`, `hour:2025-01-31T23`, `day:2025-01-31`,
 * `month:2025-01`, `year:2025`), which is also how records and buckets are found in persistence.
 *
 * Why 5-minute slots: the bucket builder rebuilds a dirty slot from its records every run, so its
 * reads per closed room are about half a slot's rooms divided by the rooms closed per run; at 20
 * closes/s and a 10 s run, 5 minutes keeps that near 15 documents (an hour would be about 180). Every
 * timezone offset in use today is a multiple of 15 minutes, so whole slots also tile any local day.
 */
export type Level = 'slot' | 'hour' | 'day' | 'month' | 'year';

const LEVELS: readonly Level[] = ['year', 'month', 'day', 'hour', 'slot'];

/** The one parent of every year: year buckets are read together, as a group. */
export const ALL_YEARS = 'years';

/**
 * The first instant of a UTC month (`month` from 0; one past 11 is the next year's January). Not
 * `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999: rooms of those years would be tagged
 * in one century and looked for in another.
 */
export function utcMonthStart(year: number, month: number): number {
    const date = new Date(0);
    date.setUTCFullYear(year, month, 1);
    return date.getTime();
}

/** The next finer level, or undefined below slots (the records). */
export function childLevel(level: Level): Level | undefined {
    return LEVELS[LEVELS.indexOf(level) + 1];
}

/** The tag of the period of a level that holds an instant. */
export function periodTag(level: Level, epochMs: number): string {
    const iso = new Date(epochMs).toISOString();
    switch (level) {
        case 'year':
            return `year:${iso.slice(0, 4)}`;
        case 'month':
            return `month:${iso.slice(0, 7)}`;
        case 'day':
            return `day:${iso.slice(0, 10)}`;
        case 'hour':
            return `hour:${iso.slice(0, 13)}`;
        case 'slot':
            return `slot:${new Date(Math.floor(epochMs / SLOT_MS) * SLOT_MS).toISOString().slice(0, 16)}`;
    }
}

/** Where a period starts, in ms since the epoch, from its tag. */
export function periodStart(tag: string): number {
    const body = tag.slice(tag.indexOf(':') + 1);
    if (tag.startsWith('year:')) {
        return utcMonthStart(Number(body), 0);
    }
    if (tag.startsWith('month:')) {
        return utcMonthStart(Number(body.slice(0, 4)), Number(body.slice(5, 7)) - 1);
    }
    if (tag.startsWith('hour:')) {
        return Date.parse(`${body}:00:00.000Z`);
    }
    if (tag.startsWith('slot:')) {
        return Date.parse(`${body}:00.000Z`);
    }
    return Date.parse(`${body}T00:00:00.000Z`);
}

/** The last millisecond of the period that starts at `start`. */
export function periodEnd(level: Level, start: number): number {
    const date = new Date(start);
    switch (level) {
        case 'year':
            return utcMonthStart(date.getUTCFullYear() + 1, 0) - 1;
        case 'month':
            return utcMonthStart(date.getUTCFullYear(), date.getUTCMonth() + 1) - 1;
        case 'day':
            return start + DAY_MS - 1;
        case 'hour':
            return start + HOUR_MS - 1;
        case 'slot':
            return start + SLOT_MS - 1;
    }
}

/** The tag of the period one level up that holds a period (a slot's hour, an hour's day, …, a year's ALL_YEARS). */
export function parentTag(level: Level, tag: string): string {
    if (level === 'year') {
        return ALL_YEARS;
    }
    const parent: Record<Exclude<Level, 'year'>, Level> = { slot: 'hour', hour: 'day', day: 'month', month: 'year' };
    return periodTag(parent[level], periodStart(tag));
}

/** The start of every child period of a period (the days of a month, the hours of a day, …). */
export function* childStarts(level: Level, start: number): Generator<number> {
    const end = periodEnd(level, start);
    if (level === 'year' || level === 'month') {
        const child: Level = level === 'year' ? 'month' : 'day';
        for (let at = start; at <= end; at = periodEnd(child, at) + 1) {
            yield at;
        }
        return;
    }
    const step = level === 'day' ? HOUR_MS : SLOT_MS;
    for (let at = start; at <= end; at += step) {
        yield at;
    }
}

/** The tags a record carries: its place at each level below the year. */
export function periodTagsOf(epochMs: number): Record<Exclude<Level, 'year'>, string> {
    return {
        slot: periodTag('slot', epochMs),
        hour: periodTag('hour', epochMs),
        day: periodTag('day', epochMs),
        month: periodTag('month', epochMs),
    };
}

/** The slots of a day: 288 of 5 minutes (UTC days have no DST). */
export const SLOTS_PER_DAY = DAY_MS / SLOT_MS;

/** Which slot of its UTC day an instant falls in, from 0. */
export function slotIndexInDay(epochMs: number): number {
    return Math.floor((epochMs - Math.floor(epochMs / DAY_MS) * DAY_MS) / SLOT_MS);
}

/** The start of the slot after the one holding an instant. */
export function nextSlotStart(epochMs: number): number {
    return (Math.floor(epochMs / SLOT_MS) + 1) * SLOT_MS;
}
