import type { DateRange, ServiceRecord } from './serviceRecord';
import { SERVICE_RECORD_VERSION } from './serviceRecord';

/**
 * How service records sit in app persistence. Every record carries the tags
 * `service-record`, its room, `month:YYYY-MM` and `day:YYYY-MM-DD` of its creation (UTC); all
 * of them follow from the room alone, so the same room always maps to the same exact tag array
 * (which is what Rocket.Chat's upsert matches on). A range is read as whole months where it
 * covers them and single days at its ragged edges; `$all` on [service-record, tag] finds them.
 * A small marker per year with records (`service-record-year`, `year:YYYY`) bounds the months
 * worth reading, so a range of centuries costs one read per year that has data.
 */
export const RECORD_TAG = 'service-record';
export const YEAR_MARKER_TAG = 'service-record-year';

export function monthTag(epochMs: number): string {
    return `month:${new Date(epochMs).toISOString().slice(0, 7)}`;
}

export function dayTag(epochMs: number): string {
    return `day:${new Date(epochMs).toISOString().slice(0, 10)}`;
}

export function yearTag(year: number): string {
    return `year:${year}`;
}

/** The period tags of a record, in the fixed order its associations use. */
export function recordPeriodTags(record: Pick<ServiceRecord, 'createdAt'>): [string, string] {
    return [monthTag(record.createdAt), dayTag(record.createdAt)];
}

export function creationYear(record: Pick<ServiceRecord, 'createdAt'>): number {
    return new Date(record.createdAt).getUTCFullYear();
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The month and day tags whose records cover `range`, reading nothing from years without records. */
export function planRangeReads(range: DateRange, yearsWithRecords: Iterable<number>): string[] {
    if (range.end < range.start) {
        return [];
    }
    const firstYear = new Date(range.start).getUTCFullYear();
    const lastYear = new Date(range.end).getUTCFullYear();
    const years = [...new Set(yearsWithRecords)].filter((year) => year >= firstYear && year <= lastYear).sort((a, b) => a - b);
    const tags: string[] = [];
    for (const year of years) {
        for (let month = 0; month < 12; month++) {
            const monthStart = Date.UTC(year, month, 1);
            const monthEnd = Date.UTC(year, month + 1, 1) - 1;
            if (monthEnd < range.start || monthStart > range.end) {
                continue;
            }
            if (range.start <= monthStart && range.end >= monthEnd) {
                tags.push(monthTag(monthStart));
                continue;
            }
            const from = Math.max(range.start, monthStart);
            const to = Math.min(range.end, monthEnd);
            for (let day = Math.floor(from / DAY_MS) * DAY_MS; day <= to; day += DAY_MS) {
                tags.push(dayTag(day));
            }
        }
    }
    return tags;
}

/** A stored record, if it is one this version of the app can read. */
export function readStoredRecord(data: unknown): ServiceRecord | undefined {
    if (typeof data !== 'object' || data === null) {
        return undefined;
    }
    const candidate = data as Partial<ServiceRecord>;
    if (
        candidate.v !== SERVICE_RECORD_VERSION ||
        typeof candidate.roomId !== 'string' ||
        typeof candidate.agentId !== 'string' ||
        typeof candidate.username !== 'string' ||
        typeof candidate.createdAt !== 'number' ||
        typeof candidate.durationMs !== 'number'
    ) {
        return undefined;
    }
    return candidate as ServiceRecord;
}
