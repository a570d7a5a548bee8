import type { ValidateFunction } from 'ajv';
// `import = require`: negotiator is a CommonJS function, and rc-apps compiles without esModuleInterop.
import Negotiator = require('negotiator');

import { invalidBusinessHours, noTimesForBusinessHours } from './answers';
import type { Checked } from './guard';
import { parseBusinessHours } from '../hours/businessHours';
import type { Attribution } from '../reports/choices';
import type { HoursChoice } from '../reports/choices';
import { RecordWithoutTimes } from '../reports/attribution';
import type { QueryName } from './queryValidators';
import { queryValidator } from './queryValidators';
import type { ReportScope } from '../reports/scope';
import type { DateRange } from '../time/range';

/** The query once the schema has passed; AJV has coerced `count` and `offset` to numbers. */
export interface ReportQuery {
    start: string;
    end: string;
    count?: number;
    offset?: number;
    sort?: string;
    /** The app's own: one id, several comma-separated, or the parameter repeated. */
    departmentId?: string | string[];
    /** The app's own: `csv` for the same rows as CSV (as `Accept: text/csv` asks). */
    format?: 'json' | 'csv';
    /** The app's own: `legs` credits each agent their own part of a chat; `last` (the default) is the core's. */
    attribution?: Attribution;
    /** The app's own: `business` counts only time within business hours (the app setting); `all`, the default, all of it. */
    hours?: HoursChoice;
}

/**
 * What a report counts, from its checked query: the range, the departments named, the attribution
 * and, for `hours=business`, the business hours of the app setting (a 400 naming its problems when
 * it does not read).
 */
export async function reportScope(
    query: Pick<ReportQuery, 'departmentId' | 'attribution' | 'hours'>,
    range: DateRange,
    businessHoursSetting: () => Promise<string>,
): Promise<Checked<ReportScope>> {
    const scope: ReportScope = {
        range,
        departmentIds: parseDepartmentFilter(query.departmentId),
        ...(query.attribution && { attribution: query.attribution }),
    };
    if (query.hours !== 'business') {
        return { ok: true, value: scope };
    }
    const hours = parseBusinessHours(await businessHoursSetting());
    return hours.ok
        ? { ok: true, value: { ...scope, businessHours: hours.value } }
        : { ok: false, answer: invalidBusinessHours(hours.problems) };
}

/**
 * What a report reads (its rows, its page), or the 400 that says rooms in its range were recorded
 * without the times business hours need (`RecordWithoutTimes`).
 */
export async function answerUnlessNoTimes<T>(read: () => Promise<T>): Promise<Checked<T>> {
    try {
        return { ok: true, value: await read() };
    } catch (error) {
        if (error instanceof RecordWithoutTimes) {
            return { ok: false, answer: noTimesForBusinessHours(error.record.roomId, error.record.createdAt, error.why) };
        }
        throw error;
    }
}

export type QueryCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A checker of a query against one of the app's schemas (`queryValidators.ts`), compiled on first
 * use: rc-apps loads the app class in a sandbox where npm packages are absent. The message is AJV's
 * messages joined as the core joins them.
 */
export function queryChecker<T>(name: QueryName): (rawQuery: unknown) => QueryCheck<T> {
    let validate: ValidateFunction | undefined;
    return (rawQuery) => {
        const query: unknown = isPlainObject(rawQuery) ? { ...rawQuery } : (rawQuery ?? {});
        validate ??= queryValidator(name);
        if (validate(query)) {
            return { ok: true, value: query as T };
        }
        return { ok: false, message: (validate.errors ?? []).map((error) => error.message).join('\n ') };
    };
}

/**
 * Checks (and, as the core does, coerces) a copy of the request's query. The core's coercion changed
 * with its validator: 7.10 to 8.5 compile the schema with `new Ajv({coerceTypes: true})`, 8.6 and later
 * with Ajv 2020 and `coerceTypes: 'array'` (`ajvQuery` in Rocket.Chat's packages/rest-typings/src/v1/Ajv.ts),
 * which also takes a one-element array (`?count[]=2`) as its value. An app cannot learn the workspace's
 * version, so the app answers as the newest core does.
 *
 * The schema is the core's for the agents reports (`isLivechatAnalyticsAgentsAverageServiceTimeProps`)
 * with `minimum: 0` on `count` and `offset` and the app's own parameters (`parameters.ts`).
 */
export const checkReportQuery = queryChecker<ReportQuery>('report');

/** Reads `start` and `end` exactly as `new Date(value)` does; `end` before `start` is a valid, empty range. */
export function parseReportRange(
    query: Pick<ReportQuery, 'start' | 'end'>,
): { ok: true; value: DateRange } | { ok: false; invalid: 'start' | 'end' } {
    const start = new Date(query.start).getTime();
    if (Number.isNaN(start)) {
        return { ok: false, invalid: 'start' };
    }
    const end = new Date(query.end).getTime();
    if (Number.isNaN(end)) {
        return { ok: false, invalid: 'end' };
    }
    return { ok: true, value: { start, end } };
}

/**
 * The departments a report is limited to, or undefined for all: `departmentId` may name several,
 * comma-separated or repeated; blank entries are ignored. The series' `agentId` reads the same way.
 */
export function parseDepartmentFilter(value: string | string[] | undefined): string[] | undefined {
    if (value === undefined) {
        return undefined;
    }
    const ids = (Array.isArray(value) ? value : [value])
        .flatMap((entry) => entry.split(','))
        .map((id) => id.trim())
        .filter((id) => id.length > 0);
    return ids.length > 0 ? [...new Set(ids)] : undefined;
}

/**
 * CSV when the query says `format=csv`, else when the caller's `Accept` prefers `text/csv` to
 * `application/json` by HTTP's content negotiation (quality values, `text/*`; JSON wins ties and `*\/*`).
 */
export function wantsCsv(format: ReportQuery['format'], accept: string | undefined): boolean {
    if (format) {
        return format === 'csv';
    }
    return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/csv']) === 'text/csv';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
