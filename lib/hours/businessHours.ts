import { isTimeZone } from '../time/calendar';

/**
 * Business hours, as an admin writes them in the app setting "Business hours" (JSON): a default
 * schedule and, optionally, one per department (by id). A schedule is an IANA timezone, the opening
 * hours of each weekday in local time, and holidays (local dates, closed all day):
 *
 * ```json
 * {
 *   "default": { "timezone": "America/Sao_Paulo", "week": { "mon": ["09:00-18:00"], "sat": ["09:00-13:00"] }, "holidays": ["2026-12-25"] },
 *   "departments": { "<departmentId>": { "timezone": "Europe/Berlin", "week": { "mon": ["08:00-12:00", "13:00-17:00"] } } }
 * }
 * ```
 * A weekday left out is closed; `24:00` ends a day. Rocket.Chat's own business hours only switch
 * agents' availability and are not readable by apps (`ILivechatRead` has no accessor), so the app keeps its own.
 */
export interface Schedule {
    timeZone: string;
    /** Opening intervals per weekday (0 Sunday to 6 Saturday), minutes from local midnight, sorted, disjoint. */
    week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
    /** Local dates `YYYY-MM-DD` closed all day. */
    holidays: ReadonlySet<string>;
}

export interface BusinessHours {
    default: Schedule;
    departments: ReadonlyMap<string, Schedule>;
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** What an app without the setting filled in uses: Monday to Friday, 09:00 to 18:00, UTC. */
export const DEFAULT_BUSINESS_HOURS_SETTING = JSON.stringify(
    {
        default: {
            timezone: 'UTC',
            week: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'] },
            holidays: [],
        },
        departments: {},
    },
    null,
    2,
);

/** The setting's value as the reports read it: an empty setting is the default schedule. */
export function businessHoursText(value: unknown): string {
    return typeof value === 'string' && value.trim() !== '' ? value : DEFAULT_BUSINESS_HOURS_SETTING;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The setting's text, read and checked: every problem is named with where it is, in plain words. */
export function parseBusinessHours(text: string): Parsed<BusinessHours> {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        return { ok: false, problems: [`it is not JSON (${error instanceof Error ? error.message : String(error)})`] };
    }
    const problems: string[] = [];
    if (!isObject(raw)) {
        return { ok: false, problems: ['it must be an object with "default" and, optionally, "departments"'] };
    }
    for (const key of Object.keys(raw)) {
        if (key !== 'default' && key !== 'departments') {
            problems.push(`"${key}" is not known: use "default" and "departments"`);
        }
    }
    const fallback = parseSchedule(raw.default, 'default', problems);
    const departments = new Map<string, Schedule>();
    if (raw.departments !== undefined) {
        if (!isObject(raw.departments)) {
            problems.push('"departments" must be an object: department id to schedule');
        } else {
            for (const [id, schedule] of Object.entries(raw.departments)) {
                // Rocket.Chat makes no such id, and an answer carrying it as a key stalls the engine's decoder.
                if (id === '__proto__' || id.trim() === '') {
                    problems.push(`departments: "${id}" is not a department id (use the department's _id)`);
                    continue;
                }
                const parsed = parseSchedule(schedule, `departments.${id}`, problems);
                if (parsed) {
                    departments.set(id, parsed);
                }
            }
        }
    }
    if (problems.length > 0 || !fallback) {
        return { ok: false, problems };
    }
    return { ok: true, value: { default: fallback, departments } };
}

/** The schedule of a department: its own, else the default. */
export function scheduleOf(hours: BusinessHours, departmentId: string | undefined): Schedule {
    return (departmentId !== undefined && hours.departments.get(departmentId)) || hours.default;
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseSchedule(raw: unknown, where: string, problems: string[]): Schedule | undefined {
    if (!isObject(raw)) {
        problems.push(`${where} must be an object with "timezone", "week" and, optionally, "holidays"`);
        return undefined;
    }
    const before = problems.length;
    for (const key of Object.keys(raw)) {
        if (!['timezone', 'week', 'holidays'].includes(key)) {
            problems.push(`${where}: "${key}" is not known: use "timezone", "week" and "holidays"`);
        }
    }
    const timeZone = raw.timezone;
    if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
        problems.push(`${where}.timezone: ${JSON.stringify(timeZone)} is not a timezone (an IANA name such as "America/Sao_Paulo")`);
    }
    const week: Array<Array<[number, number]>> = WEEKDAYS.map(() => []);
    if (!isObject(raw.week)) {
        problems.push(`${where}.week must be an object: "mon" to "sun", each a list such as ["09:00-18:00"]`);
    } else {
        for (const [day, intervals] of Object.entries(raw.week)) {
            const index = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]);
            if (index < 0) {
                problems.push(`${where}.week: "${day}" is not a weekday (use ${WEEKDAYS.join(', ')})`);
                continue;
            }
            if (!Array.isArray(intervals)) {
                problems.push(`${where}.week.${day} must be a list such as ["09:00-12:00", "13:00-18:00"]`);
                continue;
            }
            week[index] = parseIntervals(intervals, `${where}.week.${day}`, problems);
        }
    }
    const holidays = new Set<string>();
    if (raw.holidays !== undefined) {
        if (!Array.isArray(raw.holidays)) {
            problems.push(`${where}.holidays must be a list of dates such as ["2026-12-25"]`);
        } else {
            raw.holidays.forEach((date, i) => {
                if (typeof date === 'string' && isDate(date)) {
                    holidays.add(date);
                } else {
                    problems.push(`${where}.holidays[${i}]: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
                }
            });
        }
    }
    return problems.length === before ? { timeZone: timeZone as string, week, holidays } : undefined;
}

function parseIntervals(raw: unknown[], where: string, problems: string[]): Array<[number, number]> {
    const intervals: Array<[number, number]> = [];
    raw.forEach((interval, i) => {
        const [from, to] = typeof interval === 'string' ? interval.split('-') : [];
        const start = from === undefined ? undefined : minutesOf(from);
        const end = to === undefined ? undefined : minutesOf(to);
        if (start === undefined || end === undefined || start >= 24 * 60) {
            problems.push(`${where}[${i}]: ${JSON.stringify(interval)} is not HH:MM-HH:MM (such as "09:00-18:00")`);
        } else if (end <= start) {
            problems.push(
                `${where}[${i}]: "${interval as string}" ends before it starts (a night shift is two intervals: "22:00-24:00" and the next day's "00:00-06:00")`,
            );
        } else {
            intervals.push([start, end]);
        }
    });
    intervals.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < intervals.length; i++) {
        if (intervals[i][0] < intervals[i - 1][1]) {
            problems.push(`${where}: intervals overlap`);
            break;
        }
    }
    return intervals;
}

function minutesOf(time: string): number | undefined {
    const match = TIME.exec(time.trim());
    if (!match) {
        return undefined;
    }
    const minutes = Number(match[1]) * 60 + Number(match[2]);
    return minutes <= 24 * 60 ? minutes : undefined;
}

function isDate(text: string): boolean {
    const match = DATE.exec(text);
    if (!match) {
        return false;
    }
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === text;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
