import type { ServiceRecord } from './serviceRecord';
import { SERVICE_RECORD_VERSION } from './serviceRecord';

/**
 * How service records sit in app persistence. Every record carries the tags
 * `service-record`, its room, `month:YYYY-MM` and `day:YYYY-MM-DD` of its creation (UTC); all
 * of them follow from the room alone, so the same room always maps to the same exact tag array
 * (which is what Rocket.Chat's upsert matches on); `$all` on [service-record, month or day tag]
 * finds a period's records. A small marker per year with records (`service-record-year`,
 * `year:YYYY`) bounds the months worth reading, so a range of centuries costs nothing for the years
 * without data. Buckets and their read plan: `bucketPlan.ts`.
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
