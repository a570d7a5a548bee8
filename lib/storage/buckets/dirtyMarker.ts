/**
 * A dirty marker says "this slot's buckets, and its hour's, day's and month's, are not to be
 * trusted": a save or a removal writes one before it touches the record, so whatever part of it
 * lands, the slot is read from its records until the bucket builder has seen the write land.
 */
export interface DirtyMarker {
    token: string;
    /** The `slot:…` tag of the record's creation time. */
    slot: string;
    /** The room whose write put the marker there. */
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
        return 'settled'; // nothing to wait for
    }
    const stored = storedFingerprints(marker.roomId);
    const landed = marker.expect === null ? stored.length === 0 : stored.includes(marker.expect as string);
    if (landed) {
        return 'settled';
    }
    return now - (marker.writtenAt ?? 0) > MARKER_PATIENCE_MS ? 'abandoned' : 'pending';
}

/** The slots the markers name. */
export function dirtySlots(markers: readonly DirtyMarker[]): Set<string> {
    return new Set(markers.map((marker) => marker.slot));
}
