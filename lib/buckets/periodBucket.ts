import type { AgentTotals } from '../report/agentTotals';
import { addInto, groupKey } from '../report/agentTotals';
import { compareCodePoints } from '../report/codePointOrder';
import type { ServiceRecord } from '../records/serviceRecord';
import { eachRoomOnce } from '../records/serviceRecord';
import type { Level } from './periods';
import type { BucketView } from '../storage/layout';
import { ALL_DEPARTMENTS_VIEW, departmentView } from '../storage/layout';

export interface BucketEntry extends AgentTotals {
    departmentId?: string;
}

/**
 * Pre-aggregated totals of one period, by view: `all`, per agent (`_id` and `username`) over every
 * department, and one `dept:<id>` per department with rooms in the period, per agent. Each room once.
 * A view's entries are in one order (`canonical`), so that two builds of the same totals compare equal.
 */
export type PeriodViews = Map<BucketView, BucketEntry[]>;

/**
 * One stored part of one view of a period's bucket. A view too large for one document is split into
 * parts of at most MAX_BUCKET_PART_BYTES; all parts of a write share its `build`, so a reader that
 * catches a rewrite half-way sees parts of two builds and reads that period's records instead.
 */
export interface BucketPart {
    v: 2;
    level: Level;
    period: string;
    view: BucketView;
    part: number;
    parts: number;
    build: string;
    entries: BucketEntry[];
}

/**
 * MongoDB refuses documents over 16 MiB; a part stays under 512 KiB of entries (about 5,000 agents of
 * 100 bytes), so a bucket document never passes 1 MiB whatever the agents and departments.
 */
export const MAX_BUCKET_PART_BYTES = 512 * 1024;

/** Totals being added up, by view and by agent. */
class ViewsAccumulator {
    private readonly byView = new Map<BucketView, Map<string, BucketEntry>>();

    public add(view: BucketView, entry: BucketEntry): void {
        let entries = this.byView.get(view);
        if (!entries) {
            entries = new Map();
            this.byView.set(view, entries);
        }
        addInto(entries, groupKey(entry), entry);
    }

    public views(): PeriodViews {
        return new Map([...this.byView].map(([view, entries]) => [view, canonical(entries.values())]));
    }
}

/** A period's views from its records, each room once (a room stored twice by racing upserts included). */
export function viewsFromRecords(records: Iterable<ServiceRecord>): PeriodViews {
    const views = new ViewsAccumulator();
    for (const { agentId, username, durationMs, departmentId } of eachRoomOnce(records)) {
        views.add(ALL_DEPARTMENTS_VIEW, { agentId, username, chats: 1, sumMs: durationMs });
        if (departmentId) {
            views.add(departmentView(departmentId), { agentId, username, chats: 1, sumMs: durationMs, departmentId });
        }
    }
    return views.views();
}

/** A period's views from its children's (a day's from its hours'): entries of the same view and agent add up. */
export function mergeViews(children: Iterable<PeriodViews>): PeriodViews {
    const views = new ViewsAccumulator();
    for (const child of children) {
        for (const [view, entries] of child) {
            entries.forEach((entry) => views.add(view, entry));
        }
    }
    return views.views();
}

function canonical(entries: Iterable<BucketEntry>): BucketEntry[] {
    return [...entries].sort((a, b) => compareCodePoints(a.username, b.username) || compareCodePoints(a.agentId, b.agentId));
}

export function sameEntries(a: readonly BucketEntry[], b: readonly BucketEntry[]): boolean {
    return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** A view's entries cut into parts of at most `maxBytes` of JSON each (an empty view has no part). */
export function splitIntoParts(entries: readonly BucketEntry[], maxBytes = MAX_BUCKET_PART_BYTES): BucketEntry[][] {
    const parts: BucketEntry[][] = [];
    let current: BucketEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
        const size = JSON.stringify(entry).length + 1;
        if (current.length > 0 && bytes + size > maxBytes) {
            parts.push(current);
            current = [];
            bytes = 0;
        }
        current.push(entry);
        bytes += size;
    }
    if (current.length > 0) {
        parts.push(current);
    }
    return parts;
}

/** What a read of bucket parts holds: each period's views that were read whole, and the periods caught half-written. */
export interface AssembledBuckets {
    views: Map<string, PeriodViews>;
    torn: Set<string>;
    /** Parts read per period and view: what the builder removes when a view needs fewer parts. */
    partCounts: Map<string, Map<BucketView, number>>;
}

/** Puts read parts back together, per period and view; a view whose parts are not all of one build is torn. */
export function assembleParts(stored: Iterable<unknown>): AssembledBuckets {
    const byView = new Map<string, BucketPart[]>();
    for (const data of stored) {
        const part = data as Partial<BucketPart>;
        if (part.v !== 2 || typeof part.period !== 'string' || typeof part.view !== 'string' || !Array.isArray(part.entries)) {
            continue;
        }
        const key = JSON.stringify([part.period, part.view]);
        const parts = byView.get(key);
        if (parts) {
            parts.push(part as BucketPart);
        } else {
            byView.set(key, [part as BucketPart]);
        }
    }
    const assembled: AssembledBuckets = { views: new Map(), torn: new Set(), partCounts: new Map() };
    for (const parts of byView.values()) {
        const { period, view, build, parts: expected } = parts[0];
        const counts = assembled.partCounts.get(period) ?? new Map<BucketView, number>();
        counts.set(view, Math.max(...parts.map((part) => part.part + 1)));
        assembled.partCounts.set(period, counts);
        const whole =
            parts.length === expected &&
            parts.every((part) => part.build === build && part.parts === expected) &&
            new Set(parts.map((part) => part.part)).size === expected;
        if (!whole) {
            assembled.torn.add(period);
            continue;
        }
        const views = assembled.views.get(period) ?? new Map<BucketView, BucketEntry[]>();
        views.set(
            view,
            parts.sort((a, b) => a.part - b.part).flatMap((part) => part.entries),
        );
        assembled.views.set(period, views);
    }
    return assembled;
}
