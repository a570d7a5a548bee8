import type { AgentTotals } from '../report/agentTotals';
import { addInto, groupKey } from '../report/agentTotals';
import { compareCodePoints } from '../report/codePointOrder';
import type { ServiceRecord } from '../records/serviceRecord';
import { eachRoomOnce } from '../records/serviceRecord';
import type { Level } from './periods';
import type { BucketView } from '../storage/layout';

export interface BucketEntry extends AgentTotals {
    departmentId?: string;
}

/**
 * Pre-aggregated totals of one period, in two views: `all`, per agent (`_id` and `username`) over
 * every department, and `dept`, per agent and department for the rooms that have one. Each room once.
 */
export interface PeriodViews {
    all: BucketEntry[];
    dept: BucketEntry[];
}

export const BUCKET_VIEWS: readonly BucketView[] = ['all', 'dept'];

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

export function emptyViews(): PeriodViews {
    return { all: [], dept: [] };
}

/** A period's views from its records, each room once (a room stored twice by racing upserts included). */
export function viewsFromRecords(records: Iterable<ServiceRecord>): PeriodViews {
    const all = new Map<string, BucketEntry>();
    const dept = new Map<string, BucketEntry>();
    for (const { agentId, username, durationMs, departmentId } of eachRoomOnce(records)) {
        addInto(all, groupKey({ agentId, username }), { agentId, username, chats: 1, sumMs: durationMs });
        if (departmentId) {
            addInto(dept, groupKey({ agentId, username }, departmentId), { agentId, username, chats: 1, sumMs: durationMs, departmentId });
        }
    }
    return { all: canonical(all.values()), dept: canonical(dept.values()) };
}

/** A period's views from its children's (a day's from its hours'): entries of the same agent and department add up. */
export function mergeViews(children: Iterable<PeriodViews>): PeriodViews {
    const all = new Map<string, BucketEntry>();
    const dept = new Map<string, BucketEntry>();
    for (const child of children) {
        child.all.forEach((entry) => addInto(all, groupKey(entry), entry));
        child.dept.forEach((entry) => addInto(dept, groupKey(entry, entry.departmentId ?? null), entry));
    }
    return { all: canonical(all.values()), dept: canonical(dept.values()) };
}

/** One order for a view's entries, so that two builds of the same totals compare equal. */
function canonical(entries: Iterable<BucketEntry>): BucketEntry[] {
    return [...entries].sort(
        (a, b) =>
            compareCodePoints(a.departmentId ?? '', b.departmentId ?? '') ||
            compareCodePoints(a.username, b.username) ||
            compareCodePoints(a.agentId, b.agentId),
    );
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
    views: Map<string, Partial<PeriodViews>>;
    torn: Set<string>;
    /** Parts read per period and view: what the builder removes when a view needs fewer parts. */
    partCounts: Map<string, number>;
}

/** Puts read parts back together, per period and view; a view whose parts are not all of one build is torn. */
export function assembleParts(stored: Iterable<unknown>): AssembledBuckets {
    const byView = new Map<string, BucketPart[]>();
    for (const data of stored) {
        const part = data as Partial<BucketPart>;
        if (
            part.v !== 2 ||
            typeof part.period !== 'string' ||
            (part.view !== 'all' && part.view !== 'dept') ||
            !Array.isArray(part.entries)
        ) {
            continue;
        }
        const key = `${part.period}|${part.view}`;
        byView.set(key, [...(byView.get(key) ?? []), part as BucketPart]);
    }
    const views = new Map<string, Partial<PeriodViews>>();
    const torn = new Set<string>();
    const partCounts = new Map<string, number>();
    for (const [key, parts] of byView) {
        const { period, view, build, parts: expected } = parts[0];
        partCounts.set(key, Math.max(...parts.map((part) => part.part + 1)));
        const whole =
            parts.length === expected &&
            parts.every((part) => part.build === build && part.parts === expected) &&
            new Set(parts.map((part) => part.part)).size === expected;
        if (!whole) {
            torn.add(period);
            continue;
        }
        const entries = parts.sort((a, b) => a.part - b.part).flatMap((part) => part.entries);
        views.set(period, { ...views.get(period), [view]: entries });
    }
    return { views, torn, partCounts };
}

export function partCountKey(period: string, view: BucketView): string {
    return `${period}|${view}`;
}
