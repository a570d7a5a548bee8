import type { ServiceRecord } from '../../chats/serviceRecord';
import { fingerprintsOf } from '../../chats/serviceRecord';
import type { Level } from '../../time/periods';
import { parentTag, periodStart, periodTag } from '../../time/periods';
import type { DirtyMarker } from '../buckets/dirtyMarker';
import { dirtySlots } from '../buckets/dirtyMarker';
import type { PeriodViews } from '../buckets/periodBucket';
import { dirtyByLevel } from '../buckets/readPlan';
import type { SlotTotals } from '../buckets/timeline';
import { dayOfSlot } from '../buckets/timeline';
import type { BucketView } from '../layout';

/** How long a builder run takes on more work: well inside the 30 s Rocket.Chat waits for a job. */
export const BUILDER_RUN_BUDGET_MS = 20_000;

export interface RebuildSummary {
    /** Markers read; of them, those whose write has not landed yet stay (`pending`). */
    markers: number;
    pending: number;
    /** Rooms whose write never landed within the builder's patience: their saves failed. */
    abandoned: string[];
    /** Bucket views written (a view whose totals did not change is not rewritten). */
    viewsWritten: number;
    /** Records moved from layout 1 (app 1.0.x) this run. */
    migrated: number;
    fullRebuild: boolean;
    /** False when the run stopped at its time budget with work left: the next run goes on from there. */
    complete: boolean;
    /** Months that could not be rebuilt, with why; their markers stay, and the next run tries again. */
    failures: Array<{ month: string; error: string }>;
}

/** What one builder run carries from period to period. */
export interface BuildRun {
    summary: RebuildSummary;
    /** The slots the run's markers name. */
    markedSlots: ReadonlySet<string>;
    /** The records the run read of the marked slots: what each marker is checked against. */
    recordsBySlot: Map<string, ServiceRecord[]>;
    /** For each year, month, day and hour holding a marked slot, its children that hold one. */
    dirtyChildren: Map<string, Set<string>>;
    /** Months whose buckets this run brought up to date: only their markers can be settled. */
    builtMonths: Set<string>;
    /** When the run stops taking on more months (ms since the epoch, by the real clock). */
    deadline: number;
    /** The totals of every slot the run wrote, by day and view, for the day timelines. */
    slotTotals: Map<string, Map<BucketView, Map<string, SlotTotals>>>;
    /** Marked slots the run rebuilt from their records. */
    slotsRebuilt: number;
    /** Marked slots left for the next run at the deadline: their markers stay, so they and their parents stay dirty. */
    skippedSlots: Set<string>;
}

/** A builder run's state at its start, from the markers it read. */
export function startRun(markers: readonly DirtyMarker[], fullRebuild: boolean, deadline: number): BuildRun {
    const markedSlots = dirtySlots(markers);
    return {
        summary: {
            markers: markers.length,
            pending: 0,
            abandoned: [],
            viewsWritten: 0,
            migrated: 0,
            fullRebuild,
            complete: true,
            failures: [],
        },
        markedSlots,
        recordsBySlot: new Map(),
        dirtyChildren: childrenByParent(markedSlots),
        builtMonths: new Set(),
        deadline,
        slotTotals: new Map(),
        slotsRebuilt: 0,
        skippedSlots: new Set(),
    };
}

/**
 * Whether the run is past its deadline, having rebuilt at least one marked slot (so that every run
 * makes progress, whatever the backlog). Checked before each marked period a rebuild goes down into.
 */
export function outOfTime(run: BuildRun): boolean {
    return run.slotsRebuilt > 0 && Date.now() >= run.deadline;
}

/** Leaves every marked slot under a period to the next run (`skippedSlots`). */
export function skipMarkedSlotsUnder(run: BuildRun, level: Level, period: string): void {
    for (const slot of run.markedSlots) {
        if (periodTag(level, periodStart(slot)) === period) {
            run.skippedSlots.add(slot);
        }
    }
    run.summary.complete = false;
}

/** A slot's totals per view as written (a view it no longer has: zero), for its day's timeline. */
export function noteSlotTotals(run: BuildRun, slot: string, views: PeriodViews, viewsBefore: Iterable<BucketView>): void {
    const day = dayOfSlot(periodStart(slot));
    let byView = run.slotTotals.get(day);
    if (!byView) {
        byView = new Map();
        run.slotTotals.set(day, byView);
    }
    for (const view of new Set([...views.keys(), ...viewsBefore])) {
        const totals: SlotTotals = { chats: 0, sumMs: 0 };
        for (const entry of views.get(view) ?? []) {
            totals.chats += entry.chats;
            totals.sumMs += entry.sumMs;
        }
        let slots = byView.get(view);
        if (!slots) {
            slots = new Map();
            byView.set(view, slots);
        }
        slots.set(slot, totals);
    }
}

/** The periods above some slots, by parent: the years (under ALL_YEARS), their months, the months' days, the days' hours, the hours' slots. */
export function childrenByParent(slots: ReadonlySet<string>): Map<string, Set<string>> {
    const dirty = dirtyByLevel(slots);
    const byParent = new Map<string, Set<string>>();
    for (const level of ['year', 'month', 'day', 'hour', 'slot'] as const) {
        for (const period of dirty[level]) {
            const parent = parentTag(level, period);
            byParent.set(parent, (byParent.get(parent) ?? new Set()).add(period));
        }
    }
    return byParent;
}

export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        pushInto(groups, keyOf(item), item);
    }
    return groups;
}

export function pushInto<T>(groups: Map<string, T[]>, key: string, item: T): void {
    const group = groups.get(key);
    if (group) {
        group.push(item);
    } else {
        groups.set(key, [item]);
    }
}

/**
 * The fingerprints of a room's records in a slot, from the records a builder run read: indexed by
 * room on first use of a slot, so that settling a slot's markers costs one pass over its records.
 */
export function fingerprintIndex(recordsBySlot: ReadonlyMap<string, ServiceRecord[]>): (slot: string, roomId: string) => readonly string[] {
    const index = new Map<string, Map<string, string[]>>();
    return (slot, roomId) => {
        let byRoom = index.get(slot);
        if (!byRoom) {
            byRoom = new Map();
            for (const record of recordsBySlot.get(slot) ?? []) {
                for (const fingerprint of fingerprintsOf(record)) {
                    pushInto(byRoom, record.roomId, fingerprint);
                }
            }
            index.set(slot, byRoom);
        }
        return byRoom.get(roomId) ?? [];
    };
}
