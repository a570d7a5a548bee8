import { compareAgents } from '../../reports/agentGroups';
import type { StoredAgentStats } from '../../reports/agentStats';
import { AgentStatsTable, toStoredStats } from '../../reports/agentStats';
import type { ServiceRecord } from '../../chats/serviceRecord';
import { eachRoomOnce } from '../../chats/serviceRecord';
import type { BucketKind, BucketView } from '../layout';
import { ALL_DEPARTMENTS_VIEW, departmentView } from '../layout';
import type { StoredSketch } from '../../reports/quantileSketch';
import type { Level } from '../../time/periods';
import { BUCKET_PART_VERSION } from '../versions';
import type { StatsSum, StatsSums } from '../../reports/statsSums';
import { sameSums, STATS_SUMS, SUMS_SINCE_1_9 } from '../../reports/statsSums';

/**
 * Pre-aggregated stats of one period, by view: `all`, per agent (`_id` and `username`) over every
 * department, and one `dept:<id>` per department with rooms in the period, per agent. Each room once.
 * A view's entries are in one order (`canonical`), so that two builds of the same stats compare equal.
 */
export type PeriodViews = Map<BucketView, StoredAgentStats[]>;

/**
 * A view's entries as stored: one column per field, so that a document holds no repeated key names
 * (about half the bytes of one object per entry) and is cheap to decode, in MongoDB and across the
 * engine's bridge alike. Row `i` is one agent: `agentIds[i]`, `names[i]` (the username), `chats[i]`, `sumMs[i]`.
 *
 * The column is not called "usernames": Apps-Engine's Deno runtime rewrites any app whose code reads a
 * property of that name (`sanitizeDeprecatedUsage` in its deno-runtime/lib, meant for the deprecated
 * room getter), making the functions that touch it async; this store's sums then silently came out
 * empty. `tests/e2e/packagedCode.e2e.test.ts` keeps such text out of the zip.
 */
export interface TotalsColumns {
    agentIds: string[];
    names: string[];
    chats: number[];
    sumMs: number[];
}

/** Since layout 3 (app 1.2): what the stats report adds (`reports/agentStats.ts`), one column per sum of `reports/statsSums.ts`. */
export type BucketColumns = TotalsColumns & Record<StatsSum, number[]> & { sketches: StoredSketch[] };

const TOTALS_COLUMNS = ['agentIds', 'names', 'chats', 'sumMs'] as const;
/** The columns every stats part has; a sum added later may be missing from a part written before it (`SUMS_SINCE_1_9`). */
const REQUIRED_COLUMNS = [...TOTALS_COLUMNS, ...STATS_SUMS.filter((name) => !SUMS_SINCE_1_9.has(name)), 'sketches'] as const;
const COLUMN_COUNT = TOTALS_COLUMNS.length + STATS_SUMS.length + 1;

/** The totals of a stats part's rows: what is stored under the same part number for reports. */
export function totalsOf(columns: BucketColumns): TotalsColumns {
    return { agentIds: columns.agentIds, names: columns.names, chats: columns.chats, sumMs: columns.sumMs };
}

/**
 * One stored part of one view of a period's bucket. A view too large for one document is split into
 * parts of at most MAX_BUCKET_PART_BYTES; all parts of a write share its `build`, so a reader that
 * catches a rewrite half-way sees parts of two builds and reads that period's records instead.
 */
export interface BucketPart extends BucketColumns {
    v: typeof BUCKET_PART_VERSION;
    kind: BucketKind;
    level: Level;
    period: string;
    view: BucketView;
    part: number;
    parts: number;
    build: string;
}

/**
 * MongoDB refuses documents over 16 MiB; a part stays under 512 KiB of entries (about 12,000 agents
 * with 20-character ids and usernames), so a bucket document never passes 1 MiB whatever the agents
 * and departments.
 */
export const MAX_BUCKET_PART_BYTES = 512 * 1024;

/** Stats being added up, by view and by agent. */
class ViewsAccumulator {
    private readonly byView = new Map<BucketView, AgentStatsTable>();

    public table(view: BucketView): AgentStatsTable {
        let table = this.byView.get(view);
        if (!table) {
            table = new AgentStatsTable();
            this.byView.set(view, table);
        }
        return table;
    }

    public views(): PeriodViews {
        return new Map([...this.byView].map(([view, table]) => [view, canonical(table.values().map(toStoredStats))]));
    }
}

/** A period's views from its records, each room once (a room stored twice by racing upserts included). */
export function viewsFromRecords(records: Iterable<ServiceRecord>): PeriodViews {
    const views = new ViewsAccumulator();
    for (const record of eachRoomOnce(records)) {
        views.table(ALL_DEPARTMENTS_VIEW).addRecord(record);
        if (record.departmentId) {
            views.table(departmentView(record.departmentId)).addRecord(record);
        }
    }
    return views.views();
}

/** A period's views from its children's (a day's from its hours'): entries of the same view and agent add up. */
export function mergeViews(children: Iterable<PeriodViews>): PeriodViews {
    const views = new ViewsAccumulator();
    for (const child of children) {
        for (const [view, entries] of child) {
            const table = views.table(view);
            entries.forEach((entry) => table.addStored(entry));
        }
    }
    return views.views();
}

function canonical(entries: StoredAgentStats[]): StoredAgentStats[] {
    return entries.sort(compareAgents);
}

export function sameEntries(a: readonly StoredAgentStats[], b: readonly StoredAgentStats[]): boolean {
    return (
        a.length === b.length &&
        a.every(
            (entry, i) =>
                entry.agentId === b[i].agentId &&
                entry.username === b[i].username &&
                entry.chats === b[i].chats &&
                entry.sumMs === b[i].sumMs &&
                sameSums(entry, b[i]) &&
                entry.sketch.length === b[i].sketch.length &&
                entry.sketch.every((value, k) => value === b[i].sketch[k]),
        )
    );
}

/** A view's entries cut into parts of at most `maxBytes` of stored JSON each (an empty view has no part). */
export function splitIntoParts(entries: readonly StoredAgentStats[], maxBytes = MAX_BUCKET_PART_BYTES): BucketColumns[] {
    const parts: BucketColumns[] = [];
    let current = emptyColumns();
    let bytes = 0;
    for (const entry of entries) {
        // Two quoted strings (escapes counted), the numbers, the sketch's array and a comma per column, in UTF-8 as MongoDB counts.
        let numbers = String(entry.chats).length + String(entry.sumMs).length;
        for (const name of STATS_SUMS) {
            numbers += String(entry[name]).length;
        }
        const size =
            utf8Bytes(JSON.stringify(entry.agentId)) +
            utf8Bytes(JSON.stringify(entry.username)) +
            numbers +
            JSON.stringify(entry.sketch).length +
            COLUMN_COUNT;
        if (current.agentIds.length > 0 && bytes + size > maxBytes) {
            parts.push(current);
            current = emptyColumns();
            bytes = 0;
        }
        current.agentIds.push(entry.agentId);
        current.names.push(entry.username);
        current.chats.push(entry.chats);
        current.sumMs.push(entry.sumMs);
        for (const name of STATS_SUMS) {
            current[name].push(entry[name]);
        }
        current.sketches.push(entry.sketch);
        bytes += size;
    }
    if (current.agentIds.length > 0) {
        parts.push(current);
    }
    return parts;
}

/** A string's length in UTF-8 (no Buffer in the app's Deno runtime). */
function utf8Bytes(text: string): number {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        // A surrogate half is half of a 4-byte character.
        bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
    }
    return bytes;
}

function emptyColumns(): BucketColumns {
    const columns = { agentIds: [], names: [], chats: [], sumMs: [], sketches: [] } as unknown as BucketColumns;
    for (const name of STATS_SUMS) {
        columns[name] = [];
    }
    return columns;
}

/** Calls `add` with every row of a view's parts, creating no object per row (reports add up many). */
export function forEachRow(
    parts: readonly TotalsColumns[],
    add: (agentId: string, username: string, chats: number, sumMs: number) => void,
): void {
    for (const part of parts) {
        for (let i = 0; i < part.agentIds.length; i++) {
            add(part.agentIds[i], part.names[i], part.chats[i], part.sumMs[i]);
        }
    }
}

/** A view's entries with their stats, from its parts: what the stats report and the builder add up. */
export function entriesOf(parts: readonly BucketColumns[]): StoredAgentStats[] {
    const entries: StoredAgentStats[] = [];
    for (const part of parts) {
        for (let i = 0; i < part.agentIds.length; i++) {
            const sums = {} as StatsSums;
            for (const name of STATS_SUMS) {
                // A sum the part was written without (before 1.9) is zero: see `SUMS_SINCE_1_9`.
                sums[name] = part[name]?.[i] ?? 0;
            }
            entries.push({
                agentId: part.agentIds[i],
                username: part.names[i],
                chats: part.chats[i],
                sumMs: part.sumMs[i],
                ...sums,
                sketch: part.sketches[i],
            });
        }
    }
    return entries;
}

/** The views of several periods as read back, merged (a year's from its months'). */
export function mergeStoredViews(periods: Iterable<ReadonlyMap<BucketView, BucketColumns[]>>): PeriodViews {
    const views = new ViewsAccumulator();
    for (const stored of periods) {
        stored.forEach((parts, view) => {
            const table = views.table(view);
            entriesOf(parts).forEach((entry) => table.addStored(entry));
        });
    }
    return views.views();
}

/** A period's views as read back, with each view's rows as entries: what the builder merges. */
export function viewsOfParts(stored: ReadonlyMap<BucketView, BucketColumns[]>): PeriodViews {
    const views: PeriodViews = new Map();
    stored.forEach((parts, view) => views.set(view, entriesOf(parts)));
    return views;
}

/** What a read of bucket parts holds: each period's views that were read whole, and the periods caught half-written. */
export interface AssembledBuckets<Columns extends TotalsColumns = BucketColumns> {
    /** By period, then view: the view's parts in order. */
    views: Map<string, Map<BucketView, Columns[]>>;
    torn: Set<string>;
    /** Parts read per period and view: what the builder removes when a view needs fewer parts. */
    partCounts: Map<string, Map<BucketView, number>>;
}

type StoredPart<Columns> = Columns & Pick<BucketPart, 'v' | 'kind' | 'level' | 'period' | 'view' | 'part' | 'parts' | 'build'>;

function isBucketPart(data: unknown, kind: BucketKind): data is StoredPart<TotalsColumns> {
    const part = data as Partial<BucketPart> | null;
    return (
        typeof part === 'object' &&
        part !== null &&
        part.v === BUCKET_PART_VERSION &&
        part.kind === kind &&
        typeof part.period === 'string' &&
        typeof part.view === 'string' &&
        (kind === 'totals' ? TOTALS_COLUMNS : REQUIRED_COLUMNS).every(
            (column) => Array.isArray(part[column]) && part[column]?.length === part.agentIds?.length,
        ) &&
        (kind === 'totals' ||
            [...SUMS_SINCE_1_9].every(
                (column) => part[column] === undefined || (Array.isArray(part[column]) && part[column]?.length === part.agentIds?.length),
            ))
    );
}

/** Puts read totals parts back together, per period and view; a view whose parts are not all of one build is torn. */
export function assembleParts(stored: Iterable<unknown>, kind: 'totals'): AssembledBuckets<TotalsColumns>;
/** The same for stats parts (every column). */
export function assembleParts(stored: Iterable<unknown>, kind?: 'stats'): AssembledBuckets<BucketColumns>;
export function assembleParts(stored: Iterable<unknown>, kind: BucketKind = 'stats'): AssembledBuckets<TotalsColumns> {
    const byView = new Map<string, Array<StoredPart<TotalsColumns>>>();
    for (const part of stored) {
        if (!isBucketPart(part, kind)) {
            continue;
        }
        const key = JSON.stringify([part.period, part.view]);
        const parts = byView.get(key);
        if (parts) {
            parts.push(part);
        } else {
            byView.set(key, [part]);
        }
    }
    const assembled: AssembledBuckets<TotalsColumns> = { views: new Map(), torn: new Set(), partCounts: new Map() };
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
        const views = assembled.views.get(period) ?? new Map<BucketView, TotalsColumns[]>();
        views.set(
            view,
            parts.sort((a, b) => a.part - b.part),
        );
        assembled.views.set(period, views);
    }
    return assembled;
}
