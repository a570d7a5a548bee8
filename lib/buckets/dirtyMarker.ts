/**
 * A dirty marker says "this day's buckets are not to be trusted": a save or a removal writes one
 * before it touches the record, so whatever part of it lands, the day is read from its records
 * until the bucket builder has seen the write land.
 */
export interface DirtyMarker {
    token: string;
    month: string;
    day: string;
    /** The room whose write put the marker there (absent on markers of app version 1.0). */
    roomId?: string;
    /** The fingerprint the room's record must have once the write has landed; null for a removal. */
    expect?: string | null;
    /** When the marker was written (ms since the epoch). */
    writtenAt?: number;
}

/** How long the builder waits for a write to land before it takes the write as failed. */
export const MARKER_PATIENCE_MS = 10 * 60 * 1000;

export type MarkerOutcome = 'settled' | 'pending' | 'abandoned';

/**
 * What the builder does with a marker, given the fingerprints of the marker's room's records in the
 * day's records it read after reading the marker: settled (the write landed; drop the marker),
 * pending (keep it: the day stays dirty), or abandoned (the write never landed: drop the marker; the
 * buckets already match the records).
 */
export function markerOutcome(marker: DirtyMarker, storedFingerprints: (roomId: string) => readonly string[], now: number): MarkerOutcome {
    if (marker.roomId === undefined) {
        return 'settled'; // 1.0 wrote its marker after the record
    }
    const stored = storedFingerprints(marker.roomId);
    const landed = marker.expect === null ? stored.length === 0 : stored.includes(marker.expect as string);
    if (landed) {
        return 'settled';
    }
    return now - (marker.writtenAt ?? 0) > MARKER_PATIENCE_MS ? 'abandoned' : 'pending';
}

export function dirtyDaysByMonth(markers: readonly DirtyMarker[]): Map<string, Set<string>> {
    const byMonth = new Map<string, Set<string>>();
    for (const marker of markers) {
        const days = byMonth.get(marker.month) ?? new Set<string>();
        days.add(marker.day);
        byMonth.set(marker.month, days);
    }
    return byMonth;
}
