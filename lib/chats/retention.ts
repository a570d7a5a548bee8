import { utcMonthStart } from '../time/periods';

/**
 * The retention setting as a cut-off: rooms created before it are not kept. `months` whole months
 * before the current UTC month are kept, with the current one (12 in November 2026 keeps rooms
 * created from 1 November 2025 on). 0, or anything the setting does not take (`isRetentionMonths`;
 * the app refuses to save it, but an older version may have): keep all.
 */
export function retentionCutoff(months: unknown, now: Date): number | undefined {
    if (!isRetentionMonths(months) || months === 0) {
        return undefined;
    }
    return utcMonthStart(now.getUTCFullYear(), now.getUTCMonth() - months);
}

/** The most months the setting takes: a century (no record is older than its store's years, 0000 on, anyway). */
export const MAX_RETENTION_MONTHS = 1_200;

/** Whether a value is one the retention setting takes: a whole number of months from 0 (keep all) to `MAX_RETENTION_MONTHS`. */
export function isRetentionMonths(months: unknown): months is number {
    return typeof months === 'number' && Number.isInteger(months) && months >= 0 && months <= MAX_RETENTION_MONTHS;
}

/** Whether a room created at `createdAt` is older than the retention keeps. */
export function isBeyondRetention(createdAt: number, cutoff: number | undefined): boolean {
    return cutoff !== undefined && createdAt < cutoff;
}
