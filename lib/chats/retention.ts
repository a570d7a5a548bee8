import { utcMonthStart } from '../time/periods';

/**
 * The retention setting as a cut-off: rooms created before it are not kept. `months` whole months
 * before the current UTC month are kept, with the current one (12 in November 2026 keeps rooms
 * created from 1 November 2025 on). 0, or anything that is not a whole number above 0: keep all.
 */
export function retentionCutoff(months: unknown, now: Date): number | undefined {
    if (typeof months !== 'number' || !Number.isInteger(months) || months <= 0) {
        return undefined;
    }
    return utcMonthStart(now.getUTCFullYear(), now.getUTCMonth() - months);
}

/** Whether a room created at `createdAt` is older than the retention keeps. */
export function isBeyondRetention(createdAt: number, cutoff: number | undefined): boolean {
    return cutoff !== undefined && createdAt < cutoff;
}
