/**
 * The calendar in a timezone comes from date-fns and @date-fns/tz (bundled into the app's code by
 * `npm run package`): `TZDate` keeps a date's fields in its timezone, so date-fns's `startOfDay` and
 * `addDays` follow that zone's daylight-saving rules. Loaded with `require` and typed here because
 * the packager's TypeScript resolves neither package's `.cjs` entry types.
 */
export type TZDate = Date;
export interface DateFnsTz {
    TZDate: {
        new (epochMs: number, timeZone: string): TZDate;
        /** A local time's fields in the zone (month from 0). */
        new (year: number, month: number, date: number, hours: number, minutes: number, seconds: number, timeZone: string): TZDate;
    };
    /** The zone's offset from UTC at an instant, in minutes (-180 in São Paulo). */
    tzOffset(timeZone: string, date: Date): number;
}
export interface DateFns {
    startOfDay<T extends Date>(date: T): T;
    endOfDay<T extends Date>(date: T): T;
    subDays<T extends Date>(date: T, amount: number): T;
    startOfISOWeek<T extends Date>(date: T): T;
    startOfMonth<T extends Date>(date: T): T;
    addDays<T extends Date>(date: T, amount: number): T;
    addWeeks<T extends Date>(date: T, amount: number): T;
    addMonths<T extends Date>(date: T, amount: number): T;
}

/** Loaded on first use (the calendar's and the named ranges'): rc-apps loads the app class in a sandbox where npm packages are absent. */
let libraries: { tz: DateFnsTz; fns: DateFns } | undefined;
export function calendarLibraries(): { tz: DateFnsTz; fns: DateFns } {
    // One module per function: `require('date-fns')` would bundle all of date-fns (700 KB) into the app.
    /* eslint-disable @typescript-eslint/no-require-imports */
    libraries ??= {
        tz: require('@date-fns/tz') as DateFnsTz,
        fns: {
            ...(require('date-fns/startOfDay') as Pick<DateFns, 'startOfDay'>),
            ...(require('date-fns/endOfDay') as Pick<DateFns, 'endOfDay'>),
            ...(require('date-fns/subDays') as Pick<DateFns, 'subDays'>),
            ...(require('date-fns/startOfISOWeek') as Pick<DateFns, 'startOfISOWeek'>),
            ...(require('date-fns/startOfMonth') as Pick<DateFns, 'startOfMonth'>),
            ...(require('date-fns/addDays') as Pick<DateFns, 'addDays'>),
            ...(require('date-fns/addWeeks') as Pick<DateFns, 'addWeeks'>),
            ...(require('date-fns/addMonths') as Pick<DateFns, 'addMonths'>),
        },
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return libraries;
}
