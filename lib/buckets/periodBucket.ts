import type { AgentTotals } from '../report/agentTotals';
import { addInto, groupKey } from '../report/agentTotals';
import type { ServiceRecord } from '../records/serviceRecord';
import { eachRoomOnce } from '../records/serviceRecord';

/**
 * Pre-aggregated totals of one UTC day or month: per agent (`_id` and `username`) and department,
 * the chats and summed milliseconds of the records created in it, each room once.
 */
export interface PeriodBucket {
    v: 1;
    /** `day:YYYY-MM-DD` or `month:YYYY-MM`, as the records' tags. */
    period: string;
    entries: BucketEntry[];
}

export interface BucketEntry extends AgentTotals {
    departmentId?: string;
}

/** A day's or month's bucket from its records, each room once (a room stored twice by racing upserts included). */
export function bucketFromRecords(period: string, records: Iterable<ServiceRecord>): PeriodBucket {
    const entries: BucketEntry[] = [];
    for (const { agentId, username, durationMs, departmentId } of eachRoomOnce(records)) {
        entries.push({ agentId, username, chats: 1, sumMs: durationMs, ...(departmentId && { departmentId }) });
    }
    return mergeBuckets(period, [{ v: 1, period, entries }]);
}

/** A bucket from smaller ones (a month's from its days'): entries of the same agent and department add up. */
export function mergeBuckets(period: string, buckets: Iterable<PeriodBucket>): PeriodBucket {
    const merged = new Map<string, BucketEntry>();
    for (const bucket of buckets) {
        for (const entry of bucket.entries) {
            addInto(merged, groupKey(entry, entry.departmentId ?? null), entry);
        }
    }
    return { v: 1, period, entries: [...merged.values()] };
}
