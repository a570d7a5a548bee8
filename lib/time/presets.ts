import type { DateFnsTz, TZDate } from './dateLibraries';
import { calendarLibraries } from './dateLibraries';

/**
 * The named ranges, one rule for every place that offers them (the dashboard's Range, `/service-time`):
 * whole local days of a timezone, today included. "The last 7 days" on a Tuesday in São Paulo is the
 * Wednesday before, 00:00 local, to Tuesday 23:59:59.999 local, wherever it is asked.
 */
export const PRESETS = ['today', 'last7', 'last30', 'last90', 'thisMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Range {
    start: Date;
    end: Date;
}

/** `YYYY-MM-DD`, as a date input holds it. */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The range a preset names, in whole local days of `timeZone` (an IANA name or an offset such as
 * `-03:00`, as the reports take it): "last 7 days" is today and the 6 days before it, "this month"
 * its first day to today; a custom range runs from the first instant of `from` to the last of `to`.
 * Undefined for a custom range whose days are missing, invalid, or in the wrong order.
 */
export function presetRange(preset: Preset, now: Date, timeZone: string, custom?: { from: string; to: string }): Range | undefined {
    const { tz, fns } = calendarLibraries();
    const { startOfDay, endOfDay, startOfMonth, subDays } = fns;
    const today = new tz.TZDate(now.getTime(), timeZone);
    const endOfToday = endOfDay(today);
    switch (preset) {
        case 'today':
            return { start: startOfDay(today), end: endOfToday };
        case 'last7':
            return { start: startOfDay(subDays(today, 6)), end: endOfToday };
        case 'last30':
            return { start: startOfDay(subDays(today, 29)), end: endOfToday };
        case 'last90':
            return { start: startOfDay(subDays(today, 89)), end: endOfToday };
        case 'thisMonth':
            return { start: startOfMonth(today), end: endOfToday };
        case 'custom': {
            const from = custom && localDay(tz, custom.from, timeZone);
            const to = custom && localDay(tz, custom.to, timeZone);
            if (!from || !to || to < from) {
                return undefined;
            }
            return { start: startOfDay(from), end: endOfDay(to) };
        }
    }
}

/** Noon of a `YYYY-MM-DD` day in the zone (noon: a day always has one, whatever its DST change). */
function localDay(tz: DateFnsTz, day: string, timeZone: string): TZDate | undefined {
    const parts = ISO_DAY.exec(day);
    if (!parts) {
        return undefined;
    }
    const [year, month, date] = [Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])];
    const noon = new tz.TZDate(year, month, date, 12, 0, 0, timeZone);
    return noon.getFullYear() === year && noon.getMonth() === month && noon.getDate() === date ? noon : undefined;
}

/** The local day of an instant in the zone, as a date input holds it. */
export function dayInZone(instant: Date, timeZone: string): string {
    const { tz } = calendarLibraries();
    const local = new tz.TZDate(instant.getTime(), timeZone);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}
