import type { ServiceRecord } from '../chats/serviceRecord';
import type { ChatCredit } from '../reports/attribution';
import type { AgentStats } from '../reports/agentStats';
import { AgentStatsAccumulator } from '../reports/agentStats';
import type { AgentTotals } from '../reports/agentTotals';
import { AgentTotalsAccumulator } from '../reports/agentTotals';
import type { ReportScope } from '../reports/scope';
import { creditsInScope, needsRecords } from '../reports/scope';
import { childStarts, periodEnd, periodStart, periodTag } from '../time/periods';
import type { DateRange } from '../time/range';
import { clipRange, isEmptyRange } from '../time/range';
import type { DirtyMarker } from './buckets/dirtyMarker';
import { dirtySlots } from './buckets/dirtyMarker';
import type { AssembledBuckets, BucketColumns, TotalsColumns } from './buckets/periodBucket';
import { entriesOf, forEachRow } from './buckets/periodBucket';
import type { ReadStep } from './buckets/readPlan';
import { monthsMet, planTotalsReads, recordPeriodsOfSlots } from './buckets/readPlan';
import type { StoredDocuments } from './documents';
import type { BucketKind, BucketView } from './layout';
import { ALL_DEPARTMENTS_VIEW, departmentView, utcYear } from './layout';

/** What a report's reads start from. */
export interface ReadContext {
    /** Years with records: the year markers' and those of pending writes. */
    years: number[];
    markers: DirtyMarker[];
    ready: boolean;
}

/** What every read of a report starts from: the years with records, the pending writes, and whether buckets are ready. */
export async function readContext(documents: StoredDocuments): Promise<ReadContext> {
    const [years, markers, ready] = await Promise.all([documents.yearsWithRecords(), documents.dirtyMarkers(), documents.bucketsReady()]);
    return { years: [...years, ...markers.map((marker) => utcYear(periodStart(marker.slot)))], markers, ready };
}

/**
 * The reads of a scope (`buckets/readPlan.ts`): buckets where they can be trusted, records elsewhere;
 * records only for a scope the buckets do not add up (`needsRecords`) or a reader that wants the chats themselves.
 */
export function planReads(scope: ReportScope, context: ReadContext, recordsOnly = needsRecords(scope)): ReadStep[] {
    return planTotalsReads({
        range: scope.range,
        yearsWithRecords: context.years,
        dirtySlots: dirtySlots(context.markers),
        bucketsReady: context.ready && !recordsOnly,
        views: viewsOf(scope),
    });
}

/** The bucket views a scope reads: every department's, or each named department's. */
export function viewsOf(scope: ReportScope): BucketView[] {
    return scope.departmentIds ? scope.departmentIds.map(departmentView) : [ALL_DEPARTMENTS_VIEW];
}

type StepResult = ServiceRecord[] | AssembledBuckets<TotalsColumns>;
type StepReader = (step: ReadStep, ready: boolean) => Promise<StepResult>;

/**
 * Where a plan's reads go: records (filtered by the sink's scope) and bucket views (of one department,
 * or all), as totals parts, or as stats parts for a reader of stats.
 */
interface ReadSink {
    addRecords(records: ServiceRecord[]): void;
    addBucketView(parts: TotalsColumns[], departmentId: string | undefined): void;
}

/**
 * The reports' reads of buckets and records. A report reads the markers first and trusts no bucket of
 * a dirty slot or of its hour, day, month or year: it reads those periods' children, and the dirty
 * slots' records. Buckets and records it combines cover disjoint periods, and within a period each
 * room counts once. A bucket caught half-rewritten (its parts of two builds) is read from its records.
 */
export class BucketReportReads {
    constructor(private readonly documents: StoredDocuments) {}

    public async totals(scope: ReportScope): Promise<AgentTotals[]> {
        const accumulator = new AgentTotalsAccumulator(scope);
        await this.accumulate(scope, await readContext(this.documents), this.stepReader('totals'), totalsSink(accumulator));
        return accumulator.sorted();
    }

    /** Per-agent stats of the records in the scope (sketches included), sorted as the reports list agents. */
    public async stats(scope: ReportScope): Promise<AgentStats[]> {
        const accumulator = new AgentStatsAccumulator(scope);
        await this.accumulate(scope, await readContext(this.documents), this.stepReader('stats'), {
            addRecords: (records) => accumulator.addRecords(records),
            // A reader of stats reads stats parts: every column is there.
            addBucketView: (parts, departmentId) =>
                entriesOf(parts as BucketColumns[]).forEach((entry) => accumulator.addStored(entry, departmentId)),
        });
        return accumulator.sorted();
    }

    /**
     * Every credit of the chats in the scope (`reports/attribution.ts`), each room once: what the chats
     * list shows. With agents named, once the buckets are ready, at least every credit of those agents,
     * read from their chat index (`indexedCredits`); otherwise from the records of the months the range
     * meets, as a report by legs reads them.
     */
    public async credits(scope: ReportScope, agentIds?: readonly string[]): Promise<ChatCredit[]> {
        const context = await readContext(this.documents);
        if (context.ready && agentIds && agentIds.length > 0) {
            return this.indexedCredits(scope, agentIds, context);
        }
        const credits: ChatCredit[] = [];
        const countedRooms = new Set<string>();
        const recordsOnly = planReads(scope, context, true);
        await this.accumulate(
            scope,
            context,
            this.stepReader('totals'),
            {
                addRecords: (records) => {
                    for (const credit of creditsInScope(records, scope, countedRooms)) {
                        credits.push(credit);
                    }
                },
                addBucketView: () => {
                    throw new Error('a chats list reads records only');
                },
            },
            recordsOnly,
        );
        return credits;
    }

    /**
     * The credits of the chats some agents took part in, from the chat index: one read per agent and
     * month the range meets (at most 31 documents each), the entries of the slots a pending write
     * touches left out and those slots' records read instead, and an agent's day too big for one
     * document read from its records. Credits of other agents' chats in those records come too: the
     * caller keeps the agents it named.
     */
    private async indexedCredits(scope: ReportScope, agentIds: readonly string[], context: ReadContext): Promise<ChatCredit[]> {
        const { range } = scope;
        const dirty = dirtySlots(context.markers);
        const months = monthsMet(range, context.years);
        const days = await Promise.all(agentIds.flatMap((agentId) => months.map((month) => this.documents.agentMonth(agentId, month))));
        const records: ServiceRecord[] = [];
        const recordPeriods = new Set<string>();
        for (const day of days.flat()) {
            const start = periodStart(day.day);
            if (periodEnd('day', start) < range.start || start > range.end) {
                continue;
            }
            if (day.tooBig) {
                recordPeriods.add(day.day);
                continue;
            }
            for (const record of day.records ?? []) {
                if (!dirty.has(periodTag('slot', record.createdAt))) {
                    records.push(record);
                }
            }
        }
        const dirtyInRange = [...dirty].filter(
            (slot) => periodEnd('slot', periodStart(slot)) >= range.start && periodStart(slot) <= range.end,
        );
        for (const period of recordPeriodsOfSlots(dirtyInRange)) {
            recordPeriods.add(period);
        }
        for (const read of await Promise.all([...recordPeriods].map((period) => this.documents.records(period)))) {
            records.push(...read);
        }
        return [...creditsInScope(records, scope, new Set())];
    }

    /**
     * Per-agent totals of each of some disjoint ranges (a series' buckets), in the scope's
     * departments: each range read as a report reads it, with every read shared between ranges made
     * once (a local day that spans two UTC days reads each day's hours once for the whole series).
     */
    public async totalsPerRange(scope: ReportScope, ranges: readonly DateRange[]): Promise<AgentTotals[][]> {
        const context = await readContext(this.documents);
        const reader = this.stepReader('totals');
        return Promise.all(
            ranges.map(async (range) => {
                const rangeScope: ReportScope = { ...scope, range: clipRange(range, scope.range) };
                const accumulator = new AgentTotalsAccumulator(rangeScope);
                if (!isEmptyRange(rangeScope.range)) {
                    await this.accumulate(rangeScope, context, reader, totalsSink(accumulator));
                }
                return accumulator.sorted();
            }),
        );
    }

    /** A reader of plan steps, of totals or of stats buckets, that makes each distinct read once, however many plans name it. */
    private stepReader(kind: BucketKind): StepReader {
        const reads = new Map<string, Promise<StepResult>>();
        return (step, ready) => {
            const key =
                step.kind === 'buckets'
                    ? `buckets|${step.level}|${step.parent}|${viewOfRead(step.views) ?? '*'}`
                    : `records|${step.period}`;
            let read = reads.get(key);
            if (!read) {
                read = this.read(step, ready, kind);
                reads.set(key, read);
            }
            return read;
        };
    }

    private read(step: ReadStep, ready: boolean, kind: BucketKind): Promise<StepResult> {
        if (step.kind === 'records') {
            return this.documents.reportRecords(step.period, ready);
        }
        const view = viewOfRead(step.views);
        return kind === 'totals'
            ? this.documents.bucketGroup(step.level, step.parent, view, 'totals')
            : this.documents.bucketGroup(step.level, step.parent, view);
    }

    /** Reads a scope as planned and hands every record and bucket view to the sink; each room counts once. */
    private async accumulate(
        scope: ReportScope,
        context: ReadContext,
        read: StepReader,
        sink: ReadSink,
        plan = planReads(scope, context),
    ): Promise<void> {
        const results = await Promise.all(plan.map((step) => read(step, context.ready)));
        const torn: string[] = [];
        results.forEach((result, index) => {
            const step = plan[index];
            if (step.kind === 'records') {
                sink.addRecords(result as ServiceRecord[]);
                return;
            }
            const buckets = result as AssembledBuckets<TotalsColumns>;
            for (const period of step.periods) {
                if (buckets.torn.has(period)) {
                    torn.push(period);
                    continue;
                }
                for (const view of step.views) {
                    const departmentId = view === ALL_DEPARTMENTS_VIEW ? undefined : view.slice('dept:'.length);
                    sink.addBucketView(buckets.views.get(period)?.get(view) ?? [], departmentId);
                }
            }
        });
        // A bucket the builder was rewriting when it was read: its records instead (rare, and never a rebuild's own dirty periods).
        // Records carry no year tag: a torn year is read month by month.
        const periods = torn.flatMap((period) =>
            period.startsWith('year:') ? [...childStarts('year', periodStart(period))].map((start) => periodTag('month', start)) : [period],
        );
        for (const records of await Promise.all(periods.map((period) => this.documents.records(period)))) {
            sink.addRecords(records);
        }
    }
}

/** The one view a bucket read asks for, or undefined (every view) for a report naming several. */
function viewOfRead(views: readonly BucketView[]): BucketView | undefined {
    return views.length === 1 ? views[0] : undefined;
}

function totalsSink(accumulator: AgentTotalsAccumulator): ReadSink {
    return {
        addRecords: (records) => accumulator.add(records),
        addBucketView: (parts, departmentId) =>
            forEachRow(parts, (agentId, username, chats, sumMs) => accumulator.addTotals(agentId, username, chats, sumMs, departmentId)),
    };
}
