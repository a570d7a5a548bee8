import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { DirtyMarker } from './buckets/dirtyMarker';
import { dirtySlots, markerOutcome } from './buckets/dirtyMarker';
import type { AssembledBuckets, BucketColumns, PeriodViews, TotalsColumns } from './buckets/periodBucket';
import {
    assembleParts,
    BUCKET_PART_VERSION,
    entriesOf,
    forEachRow,
    mergeStoredViews,
    mergeViews,
    sameEntries,
    splitIntoParts,
    totalsOf,
    viewsFromRecords,
    viewsOfParts,
} from './buckets/periodBucket';
import type { Level } from '../time/periods';
import { ALL_YEARS, childLevel, childStarts, nextSlotStart, parentTag, periodStart, periodTag } from '../time/periods';
import type { ReadStep } from './buckets/readPlan';
import { dirtyByLevel, planTotalsReads, recordPeriodsOfSlots } from './buckets/readPlan';
import type { SlotTotals } from './buckets/timeline';
import { dayOfSlot, decodeTimeline, emptyTimeline, encodeTimeline, setSlots } from './buckets/timeline';
import type { LegStore } from '../chats/chatStore';
import type { LegEvent } from '../legs/legs';
import type { ChatStore } from '../chats/chatStore';
import type { ReportReader } from '../reports/reportReader';
import type { ServiceRecord } from '../chats/serviceRecord';
import { eachRoomOnce, EARLIEST_CREATED_AT, LATEST_CREATED_AT, readStoredRecord, recordFingerprint } from '../chats/serviceRecord';
import type { AgentTotals } from '../reports/agentTotals';
import { AgentTotalsAccumulator } from '../reports/agentTotals';
import type { ReportScope } from '../reports/scope';
import type { DateRange } from '../time/range';
import { isInScope, needsRecords } from '../reports/scope';
import { isEmptyRange } from '../time/range';
import type { AgentStats } from '../reports/agentStats';
import { AgentStatsAccumulator } from '../reports/agentStats';
import type { BucketKind, BucketView } from './layout';
import {
    ALL_DEPARTMENTS_VIEW,
    bucketAssociations,
    bucketGroupQuery,
    bucketPartQuery,
    bucketsOfMonthQuery,
    departmentView,
    DIRTY_TAG,
    dirtyMarkerAssociations,
    LEGACY,
    legacyMonthRecordsQuery,
    legacyRoomRecordsQuery,
    legEventAssociations,
    monthLegEventsQuery,
    monthTag,
    periodRecordsQuery,
    PRUNED_TAG,
    READY_TAG,
    REBUILD_PROGRESS_TAG,
    recordAssociations,
    roomLegEventsQuery,
    roomRecordsQuery,
    SUPERSEDED_TAGS,
    tag,
    timelineAssociations,
    timelineDayQuery,
    timelineMonthQuery,
    utcYear,
    YEAR_MARKER_TAG,
    yearMarkerAssociations,
    yearTag,
} from './layout';
import { messageOf } from '../util/messageOf';
import { uniqueToken } from '../util/uniqueToken';

const DAY_MS = 86_400_000;

/** How long a builder run takes on more work: well inside the 30 s Rocket.Chat waits for a job. */
export const BUILDER_RUN_BUDGET_MS = 20_000;

const FIRST_TAGGED_YEAR = utcYear(EARLIEST_CREATED_AT);
const LAST_TAGGED_YEAR = utcYear(LATEST_CREATED_AT);

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

/**
 * The record store in the app's persistence, laid out as `storage/layout.ts` says; on top of the
 * records sit pre-aggregated buckets per UTC 5-minute slot, hour, day, month and year, read as
 * `buckets/readPlan.ts` plans.
 *
 * Why no interleaving of writes, and no write that fails or stalls half-way, can lose or
 * double-count a room, without increments or transactions:
 * - Buckets are never updated in place by ingest. A save writes its year marker, then a new dirty
 *   marker (a document of its own, with a unique token) naming the record's slot and the fingerprint
 *   the record must have, and only then the record (an idempotent upsert). A removal writes a marker
 *   that expects no record, then removes it. Whatever prefix of these writes lands, the slot is
 *   marked before its record changes.
 * - One writer rebuilds buckets (the `bucket-builder` job; Agenda runs a job on one instance at a
 *   time): it reads the markers, then rebuilds each marked slot from that slot's records, and each
 *   hour, day, month and year above it from its children's buckets. It deletes a marker only once the
 *   records it read show the marker's write landed; a marker whose write has not landed stays, so its
 *   slot stays dirty, until it lands or (after `MARKER_PATIENCE_MS`) is taken as failed, when the
 *   buckets already match the records.
 * - A report reads the markers first and trusts no bucket of a dirty slot or of its hour, day, month
 *   or year: it reads those periods' children, and the dirty slots' records. Buckets and records it
 *   combines cover disjoint periods, and within a period each room counts once (a room stored twice by
 *   racing upserts included). A bucket caught half-rewritten (its parts of two builds) is read from
 *   its records instead.
 * - Until the builder has built buckets from every record once (`READY_TAG`, written after a full
 *   rebuild), reports read records only, of both layouts; so records stored by app 1.0.x, which the
 *   first run moves to this layout, are never missed.
 */
export class PersistenceRecordStore implements ChatStore, LegStore, ReportReader {
    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {}

    public async save(record: ServiceRecord): Promise<void> {
        // Two writes per room: the year marker is the builder's (see `markYears`).
        await this.markDirty(record.roomId, record.createdAt, recordFingerprint(record));
        await this.requireWriter().updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
    }

    /** Each event its own document: two events of one chat handled at once cannot overwrite each other. */
    public async addLegEvent(roomId: string, roomCreatedAt: number, event: LegEvent): Promise<void> {
        await this.requireWriter().createWithAssociations(event, legEventAssociations(roomId, roomCreatedAt));
    }

    public async legEvents(roomId: string): Promise<LegEvent[]> {
        return (await this.reader.readByAssociations(roomLegEventsQuery(roomId))).filter(isLegEvent);
    }

    public async record(roomId: string): Promise<ServiceRecord | undefined> {
        return (await this.roomRecords(roomId))[0];
    }

    /** Whether the room has a record, in this layout or (not yet migrated) in layout 1. */
    public async has(roomId: string): Promise<boolean> {
        return (await this.roomRecords(roomId)).length > 0 || (await this.legacyRoomRecords(roomId)).length > 0;
    }

    /** Removes the room's record and its leg events; answers whether there was a record. */
    public async remove(roomId: string): Promise<boolean> {
        await this.requireWriter().removeByAssociations(roomLegEventsQuery(roomId));
        const [current, legacy] = [await this.roomRecords(roomId), await this.legacyRoomRecords(roomId)];
        if (current.length === 0 && legacy.length === 0) {
            return false;
        }
        for (const createdAt of new Set([...current, ...legacy].map((record) => record.createdAt))) {
            await this.markDirty(roomId, createdAt, null);
        }
        if (current.length > 0) {
            await this.requireWriter().removeByAssociations(roomRecordsQuery(roomId));
        }
        if (legacy.length > 0) {
            await this.requireWriter().removeByAssociations(legacyRoomRecordsQuery(roomId));
        }
        return true;
    }

    /**
     * Writes the year marker of every year the markers name that has none yet. The builder does it
     * before it deletes any marker, so a record's year is always named by a year marker or by a
     * pending dirty marker: reports and rebuilds take the union (`yearsWithRecords`).
     */
    private async markYears(markers: readonly DirtyMarker[]): Promise<void> {
        const known = new Set(await this.yearsWithRecords());
        for (const year of new Set(markers.map((marker) => utcYear(periodStart(marker.slot))))) {
            if (!known.has(year)) {
                await this.requireWriter().updateByAssociations(yearMarkerAssociations(year), { year }, true);
            }
        }
    }

    private async markDirty(roomId: string, createdAt: number, expect: string | null): Promise<void> {
        const token = uniqueToken();
        const marker: DirtyMarker = { token, slot: periodTag('slot', createdAt), roomId, expect, writtenAt: Date.now() };
        await this.requireWriter().createWithAssociations(marker, dirtyMarkerAssociations(token));
    }

    public async totals(scope: ReportScope): Promise<AgentTotals[]> {
        const accumulator = new AgentTotalsAccumulator(scope);
        await this.accumulate(scope, await this.readContext(), this.stepReader('totals'), {
            addRecords: (records) => accumulator.add(records),
            addBucketView: (parts, departmentId) =>
                forEachRow(parts, (agentId, username, chats, sumMs) =>
                    accumulator.addTotals(agentId, username, chats, sumMs, departmentId),
                ),
        });
        return accumulator.sorted();
    }

    /** Per-agent stats of the records in the scope (sketches included), sorted as the reports list agents. */
    public async stats(scope: ReportScope): Promise<AgentStats[]> {
        const accumulator = new AgentStatsAccumulator(scope);
        await this.accumulate(scope, await this.readContext(), this.stepReader('stats'), {
            addRecords: (records) => accumulator.addRecords(records),
            // A reader of stats reads stats parts: every column is there.
            addBucketView: (parts, departmentId) =>
                entriesOf(parts as BucketColumns[]).forEach((entry) => accumulator.addStored(entry, departmentId)),
        });
        return accumulator.sorted();
    }

    /**
     * Per-agent totals of each of some disjoint ranges (a series' buckets), in the scope's
     * departments: each range read as a report reads it, with every read shared between ranges made
     * once (a local day that spans two UTC days reads each day's hours once for the whole series).
     */
    public async totalsPerRange(scope: ReportScope, ranges: readonly DateRange[]): Promise<AgentTotals[][]> {
        const context = await this.readContext();
        const reader = this.stepReader('totals');
        return Promise.all(
            ranges.map(async (range) => {
                const rangeScope: ReportScope = { ...scope, range: clipRange(range, scope.range) };
                const accumulator = new AgentTotalsAccumulator(rangeScope);
                if (!isEmptyRange(rangeScope.range)) {
                    await this.accumulate(rangeScope, context, reader, {
                        addRecords: (records) => accumulator.add(records),
                        addBucketView: (parts, departmentId) =>
                            forEachRow(parts, (agentId, username, chats, sumMs) =>
                                accumulator.addTotals(agentId, username, chats, sumMs, departmentId),
                            ),
                    });
                }
                return accumulator.sorted();
            }),
        );
    }

    /**
     * All agents' totals of each of some disjoint, ascending ranges (a series' buckets) within the
     * scope, from the day timelines: one read per UTC month and view, plus the records of the slots
     * the timelines cannot answer (those a range's edge cuts, and those with writes pending).
     */
    public async totalsPerRangeFromTimelines(scope: ReportScope, ranges: readonly DateRange[]): Promise<SlotTotals[]> {
        const totals = ranges.map(() => ({ chats: 0, sumMs: 0 }));
        if (isEmptyRange(scope.range) || ranges.length === 0) {
            return totals;
        }
        const rangeAt = rangeFinder(ranges);
        const context = await this.readContext();
        const views = viewsOf(scope);
        let recordPeriods: string[];
        let slotNeeded = (_createdAt: number) => true;
        if (!context.ready) {
            recordPeriods = this.plan(scope, context).flatMap((step) => (step.kind === 'records' ? [step.period] : []));
        } else {
            const { range } = scope;
            const months = this.plan({ range, departmentIds: undefined }, { ...context, ready: false }).map((step) =>
                step.kind === 'records' ? step.period : '',
            );
            const stored = (
                await Promise.all(
                    months.flatMap((month) => views.map((view) => this.reader.readByAssociations(timelineMonthQuery(month, view)))),
                )
            ).flat();
            const dirty = dirtySlots(context.markers);
            // Dirty slots by start, so that the loop over every slot of the range makes no tag.
            const dirtyStarts = new Set([...dirty].map(periodStart));
            const dirtyDays = new Set([...dirty].map((slot) => periodStart(periodTag('day', periodStart(slot)))));
            const needRecords = new Set<string>();
            for (const timeline of stored.map(decodeTimeline)) {
                if (!timeline) {
                    continue;
                }
                // Slots come in order: the bucket holding the previous slot is the first one to try.
                let index = -1;
                let start = periodStart(timeline.day);
                // A clean day inside the range (most of them) needs no check of range or markers per slot.
                const wholeAndClean = start >= range.start && start + DAY_MS - 1 <= range.end && !dirtyDays.has(start);
                for (let slot = 0; slot < timeline.chats.length; slot++) {
                    const next = nextSlotStart(start);
                    const end = next - 1;
                    if (
                        timeline.chats[slot] !== 0 &&
                        (wholeAndClean || (end >= range.start && start <= range.end && !dirtyStarts.has(start)))
                    ) {
                        if (index < 0 || start < ranges[index].start || start > ranges[index].end) {
                            index = rangeAt(start);
                        }
                        if (start >= range.start && end <= range.end && index >= 0 && end <= ranges[index].end) {
                            totals[index].chats += timeline.chats[slot];
                            totals[index].sumMs += timeline.sumMs[slot];
                        } else {
                            needRecords.add(periodTag('slot', start));
                        }
                    }
                    start = next;
                }
            }
            for (const slot of dirty) {
                const start = periodStart(slot);
                if (start <= range.end && nextSlotStart(start) - 1 >= range.start) {
                    needRecords.add(slot);
                }
            }
            recordPeriods = recordPeriodsOfSlots(needRecords);
            // An hour read whole holds slots the timelines have already counted: only the slots needed count.
            slotNeeded = (createdAt) => needRecords.has(periodTag('slot', createdAt));
        }
        const reads = await Promise.all(recordPeriods.map((period) => this.reportRecords(period, context.ready)));
        for (const record of eachRoomOnce(reads.flat())) {
            const index = rangeAt(record.createdAt);
            if (index >= 0 && isInScope(record, scope) && slotNeeded(record.createdAt)) {
                totals[index].chats += 1;
                totals[index].sumMs += record.durationMs;
            }
        }
        return totals;
    }

    /** What every read of a report starts from: the years with records, the pending writes, and whether buckets are ready. */
    private async readContext(): Promise<ReadContext> {
        const [years, markers, ready] = await Promise.all([this.yearsWithRecords(), this.dirtyMarkers(), this.bucketsReady()]);
        return { years: [...years, ...markers.map((marker) => utcYear(periodStart(marker.slot)))], markers, ready };
    }

    private plan(scope: ReportScope, context: ReadContext): ReadStep[] {
        return planTotalsReads({
            range: scope.range,
            yearsWithRecords: context.years,
            dirtySlots: dirtySlots(context.markers),
            bucketsReady: context.ready && !needsRecords(scope),
            views: viewsOf(scope),
        });
    }

    /** A reader of plan steps, of totals or of stats buckets, that makes each distinct read once, however many plans name it. */
    private stepReader(kind: BucketKind): StepReader {
        const reads = new Map<string, Promise<ServiceRecord[] | AssembledBuckets<TotalsColumns>>>();
        return (step, ready) => {
            const key = step.kind === 'buckets' ? `buckets|${step.level}|${step.parent}|${step.view}` : `records|${step.period}`;
            let read = reads.get(key);
            if (!read) {
                read = this.read(step, ready, kind);
                reads.set(key, read);
            }
            return read;
        };
    }

    /** Reads a scope as planned and hands every record and bucket view to the sink; each room counts once. */
    private async accumulate(scope: ReportScope, context: ReadContext, read: StepReader, sink: ReadSink): Promise<void> {
        const plan = this.plan(scope, context);
        const results = await Promise.all(plan.map((step) => read(step, context.ready)));
        const torn: string[] = [];
        results.forEach((result, index) => {
            const step = plan[index];
            if (step.kind === 'records') {
                sink.addRecords(result as ServiceRecord[]);
                return;
            }
            const buckets = result as AssembledBuckets<TotalsColumns>;
            const departmentId = step.view === ALL_DEPARTMENTS_VIEW ? undefined : step.view.slice('dept:'.length);
            for (const period of step.periods) {
                if (buckets.torn.has(period)) {
                    torn.push(period);
                } else {
                    sink.addBucketView(buckets.views.get(period)?.get(step.view) ?? [], departmentId);
                }
            }
        });
        // A bucket the builder was rewriting when it was read: its records instead (rare, and never a rebuild's own dirty periods).
        // Records carry no year tag: a torn year is read month by month.
        const periods = torn.flatMap((period) =>
            period.startsWith('year:') ? [...childStarts('year', periodStart(period))].map((start) => periodTag('month', start)) : [period],
        );
        for (const records of await Promise.all(periods.map((period) => this.records(period)))) {
            sink.addRecords(records);
        }
    }

    /**
     * The builder's run: brings every bucket up to date with the records written before it started,
     * or, past `budgetMs` (checked after each month, so that every run makes progress), stops and
     * leaves the rest to the next run. `now` is the time markers are judged by.
     */
    public async rebuildBuckets(now = Date.now(), budgetMs = BUILDER_RUN_BUDGET_MS): Promise<RebuildSummary> {
        const deadline = Date.now() + budgetMs;
        const [markers, ready] = await Promise.all([this.dirtyMarkers(), this.bucketsReady()]);
        await this.markYears(markers);
        const run = startRun(markers, !ready, deadline);
        if (!ready) {
            await this.fullRebuild(run, now);
        } else {
            await this.incrementalRebuild(run, () => true);
        }
        await this.settleMarkers(markers, run, now);
        return run.summary;
    }

    /**
     * After install or an update: moves layout 1's records, then builds every month from its records
     * (one read per month, linear in its rooms), oldest first, and marks the buckets ready once every
     * month is built. A run saves how far it got after each month; the next one rebuilds the marked
     * slots of the months already built, then goes on from there. Rocket.Chat gives a job 30 s before
     * it stops waiting for it (`getRuntimeTimeout` in the Apps-Engine's Deno runtime), and Agenda would
     * then start the next run beside one still going: hence the budget.
     */
    private async fullRebuild(run: BuildRun, now: number): Promise<void> {
        const { summary } = run;
        const writer = this.requireWriter();
        try {
            const migration = await this.migrateLayout1(run.deadline);
            summary.migrated = migration.moved;
            if (!migration.finished) {
                summary.complete = false;
                return;
            }
        } catch (error) {
            summary.failures.push({ month: 'layout 1 records', error: messageOf(error) });
            return;
        }
        const [progress] = (await this.reader.readByAssociation(tag(REBUILD_PROGRESS_TAG))) as Array<{ through?: string }>;
        const builtThrough = progress?.through;
        if (builtThrough !== undefined) {
            await this.incrementalRebuild(run, (month) => month <= builtThrough);
        }
        const years = [...new Set(await this.yearsWithRecords())].sort((a, b) => a - b);
        for (const year of years) {
            for (const monthStart of childStarts('year', Date.UTC(year, 0, 1))) {
                const month = periodTag('month', monthStart);
                if (builtThrough !== undefined && month <= builtThrough) {
                    continue;
                }
                let recordsRead = 0;
                const built = await this.guardMonth(run, month, async () => {
                    const records = await this.records(month);
                    recordsRead = records.length;
                    await writer.removeByAssociations(bucketsOfMonthQuery(month));
                    for (const record of records) {
                        const slot = periodTag('slot', record.createdAt);
                        if (run.markedSlots.has(slot)) {
                            pushInto(run.recordsBySlot, slot, record);
                        }
                    }
                    if (records.length > 0) {
                        const recordsBySlot = groupBy(records, (record) => periodTag('slot', record.createdAt));
                        const tree = { recordsBySlot, children: childrenByParent(new Set(recordsBySlot.keys())) };
                        const views = await this.writeTree('month', month, tree, run);
                        await this.writeViews('month', yearTag(year), month, views, undefined, run);
                        await this.writeTimelines(run, month, true);
                    }
                    await writer.updateByAssociation(tag(REBUILD_PROGRESS_TAG), { v: BUCKET_PART_VERSION, through: month }, true);
                });
                if (!built) {
                    return; // the months after it wait: progress is saved in order
                }
                if (recordsRead > 0 && Date.now() >= run.deadline) {
                    summary.complete = false;
                    return;
                }
            }
        }
        // Year buckets of an older layout would be taken for this one's parts: gone before the years are written.
        for (const year of years) {
            await writer.removeByAssociations(bucketsOfMonthQuery(yearTag(year)));
        }
        const storedYears = await this.yearBuckets();
        for (const year of years) {
            const yearTagged = yearTag(year);
            await this.writeYear(
                yearTagged,
                storedYears,
                run,
                [...run.builtMonths].filter((month) => month.startsWith(`month:${year}-`)),
            );
            if (run.summary.failures.length > 0) {
                return;
            }
        }
        await writer.updateByAssociation(tag(READY_TAG), { v: BUCKET_PART_VERSION, builtAt: new Date(now).toISOString() }, true);
        await writer.removeByAssociation(tag(REBUILD_PROGRESS_TAG));
        for (const superseded of SUPERSEDED_TAGS) {
            await writer.removeByAssociation(tag(superseded));
        }
    }

    /** Writes the buckets of every period under `period` that holds records, and answers `period`'s views. */
    private async writeTree(level: Level, period: string, tree: RecordTree, run: BuildRun): Promise<PeriodViews> {
        const finer = childLevel(level);
        if (!finer) {
            return viewsFromRecords(tree.recordsBySlot.get(period) ?? []);
        }
        const children: PeriodViews[] = [];
        for (const child of [...(tree.children.get(period) ?? [])].sort()) {
            const views = await this.writeTree(finer, child, tree, run);
            await this.writeViews(finer, period, child, views, undefined, run);
            children.push(views);
        }
        return mergeViews(children);
    }

    /**
     * Rebuilds what the markers name in the months `inScope` accepts: each marked slot from its
     * records, then each hour, day, month and year above one from its children's buckets. Reads per run: the
     * markers, one read per touched year, month, day and hour, and one per marked slot; its work grows
     * with the rooms closed since the last run and the size of their slots, not with the rooms of the day.
     */
    private async incrementalRebuild(run: BuildRun, inScope: (month: string) => boolean): Promise<void> {
        const years = [...(run.dirtyChildren.get(ALL_YEARS) ?? [])].sort();
        const storedYears = years.length > 0 ? await this.yearBuckets() : undefined;
        for (const year of years) {
            const dirtyMonths = [...(run.dirtyChildren.get(year) ?? [])];
            const months = dirtyMonths.filter(inScope).sort();
            if (months.length === 0) {
                continue;
            }
            const stored = assembleParts(await this.reader.readByAssociations(bucketGroupQuery('month', year, undefined, 'stats')));
            let allBuilt = months.length === dirtyMonths.length;
            for (const month of months) {
                allBuilt =
                    (await this.guardMonth(run, month, async () => {
                        const views = await this.rebuiltViews('month', month, run);
                        await this.writeViews('month', year, month, views, stored, run);
                        await this.writeTimelines(run, month, false);
                    })) && allBuilt;
                if (Date.now() >= run.deadline && month !== months[months.length - 1]) {
                    run.summary.complete = false;
                    return; // this year's bucket waits for its months: their markers keep it dirty
                }
            }
            if (allBuilt) {
                await this.writeYear(year, storedYears, run, months);
            }
            if (Date.now() >= run.deadline && year !== years[years.length - 1]) {
                run.summary.complete = false;
                return;
            }
        }
    }

    /** The year buckets as stored (one read). */
    private async yearBuckets(): Promise<AssembledBuckets> {
        return assembleParts(await this.reader.readByAssociations(bucketGroupQuery('year', ALL_YEARS, undefined, 'stats')));
    }

    /**
     * Rebuilds a year's bucket from its month buckets as stored now (one read). If that fails, the
     * months named stay unsettled, so that their markers keep the year from being trusted.
     */
    private async writeYear(
        year: string,
        storedYears: AssembledBuckets | undefined,
        run: BuildRun,
        months: readonly string[],
    ): Promise<void> {
        try {
            const stored = assembleParts(await this.reader.readByAssociations(bucketGroupQuery('month', year, undefined, 'stats')));
            if (stored.torn.size > 0) {
                throw new Error(`the buckets of ${[...stored.torn].join(', ')} were being rewritten`);
            }
            await this.writeViews('year', ALL_YEARS, year, mergeStoredViews(stored.views.values()), storedYears, run);
        } catch (error) {
            run.summary.failures.push({ month: year, error: messageOf(error) });
            months.forEach((month) => run.builtMonths.delete(month));
        }
    }

    /** A period's views, its dirty children rebuilt (and written) first. */
    private async rebuiltViews(level: Level, period: string, run: BuildRun): Promise<PeriodViews> {
        const finer = childLevel(level);
        if (!finer) {
            const records = await this.records(period);
            run.recordsBySlot.set(period, records);
            return viewsFromRecords(records);
        }
        const stored = assembleParts(await this.reader.readByAssociations(bucketGroupQuery(finer, period, undefined, 'stats')));
        const children = new Map<string, PeriodViews>();
        for (const [child, views] of stored.views) {
            children.set(child, viewsOfParts(views));
        }
        for (const child of new Set([...(run.dirtyChildren.get(period) ?? []), ...stored.torn])) {
            const views = await this.rebuiltViews(finer, child, run);
            await this.writeViews(finer, period, child, views, stored, run);
            children.set(child, views);
        }
        return mergeViews(children.values());
    }

    /** Writes the views of a period's bucket that changed; a view that needs fewer parts than before loses the rest. */
    private async writeViews(
        level: Level,
        parent: string,
        period: string,
        views: PeriodViews,
        stored: AssembledBuckets | undefined,
        run: BuildRun,
    ): Promise<void> {
        const writer = this.requireWriter();
        const owner = level === 'year' ? period : periodTag('month', periodStart(period));
        const before = stored?.torn.has(period) ? undefined : stored?.views.get(period);
        const partsBefore = stored?.partCounts.get(period) ?? new Map<BucketView, number>();
        if (level === 'slot') {
            noteSlotTotals(run, period, views, partsBefore.keys());
        }
        for (const view of new Set([...views.keys(), ...partsBefore.keys()])) {
            const entries = views.get(view) ?? [];
            const previous = partsBefore.get(view) ?? 0;
            const stillStored = before?.get(view);
            if (previous === 0 ? entries.length === 0 : stillStored !== undefined && sameEntries(entriesOf(stillStored), entries)) {
                continue;
            }
            const parts = splitIntoParts(entries);
            const build = uniqueToken();
            for (const [part, columns] of parts.entries()) {
                const header = { v: BUCKET_PART_VERSION, level, period, view, part, parts: parts.length, build };
                // Totals first, stats last: a view is skipped above when its stored stats already
                // hold these entries, so stats that landed must prove the totals of their build did.
                // (The other order left a totals part stale for good when only its write failed.)
                await writer.updateByAssociations(
                    bucketAssociations(level, parent, view, period, part, owner, 'totals'),
                    { ...header, kind: 'totals', ...totalsOf(columns) },
                    true,
                );
                await writer.updateByAssociations(
                    bucketAssociations(level, parent, view, period, part, owner, 'stats'),
                    { ...header, kind: 'stats', ...columns },
                    true,
                );
            }
            for (let part = parts.length; part < previous; part++) {
                // The same order: a stats part still there keeps the view unequal, so it is cleaned up next run.
                for (const kind of ['totals', 'stats'] as const) {
                    await writer.removeByAssociations(bucketPartQuery(level, parent, view, period, part, kind));
                }
            }
            run.summary.viewsWritten++;
        }
    }

    /**
     * Writes the day timelines of the slots a month's rebuild wrote: from scratch after a full
     * rebuild of the month (its timelines were removed with its buckets), else each touched day's
     * timeline read, patched and written back (one read and one write per day and view); a timeline
     * left without chats is removed.
     */
    private async writeTimelines(run: BuildRun, month: string, fromScratch: boolean): Promise<void> {
        const writer = this.requireWriter();
        for (const [day, byView] of run.slotTotals) {
            if (periodTag('month', periodStart(day)) !== month) {
                continue;
            }
            for (const [view, slots] of byView) {
                let timeline = emptyTimeline(day, view);
                if (!fromScratch) {
                    const [stored] = await this.reader.readByAssociations(timelineDayQuery(day, view));
                    timeline = decodeTimeline(stored) ?? timeline;
                }
                if (setSlots(timeline, slots, periodStart)) {
                    await writer.updateByAssociations(timelineAssociations(day, view), encodeTimeline(timeline), true);
                } else if (!fromScratch) {
                    await writer.removeByAssociations(timelineDayQuery(day, view));
                }
            }
            run.slotTotals.delete(day);
        }
    }

    /** Runs one month's rebuild, and answers whether it succeeded; a month that fails is reported and its markers stay. */
    private async guardMonth(run: BuildRun, month: string, build: () => Promise<void>): Promise<boolean> {
        try {
            await build();
            run.builtMonths.add(month);
            return true;
        } catch (error) {
            run.summary.failures.push({ month, error: messageOf(error) });
            return false;
        }
    }

    /** Deletes each marker whose write the run saw land (or that waited past its patience); keeps the rest. */
    private async settleMarkers(markers: readonly DirtyMarker[], run: BuildRun, now: number): Promise<void> {
        const { summary } = run;
        const landed = fingerprintIndex(run.recordsBySlot);
        for (const marker of markers) {
            // A marker of a month this run did not build (it failed, or waits for a later run) stays.
            const month = periodTag('month', periodStart(marker.slot));
            const outcome = run.builtMonths.has(month) ? markerOutcome(marker, (roomId) => landed(marker.slot, roomId), now) : 'pending';
            if (outcome === 'pending') {
                summary.pending++;
                continue;
            }
            if (outcome === 'abandoned' && marker.roomId) {
                summary.abandoned.push(marker.roomId);
            }
            await this.requireWriter().removeByAssociations(dirtyMarkerAssociations(marker.token));
        }
    }

    /**
     * Moves every record of layout 1 (app 1.0.x) to this layout: its association order was its
     * identity for upserts, so it cannot be rewritten in place. A room recorded again since the update
     * keeps its new record. Each move writes the new record before it removes the old one, so a run
     * that stops half-way loses nothing; reports read both layouts until the buckets are ready.
     */
    private async migrateLayout1(deadline: number): Promise<{ moved: number; finished: boolean }> {
        const writer = this.requireWriter();
        let moved = 0;
        for (const year of await this.yearsWithRecords()) {
            for (const monthStart of childStarts('year', Date.UTC(year, 0, 1))) {
                const legacy = readRecords(await this.reader.readByAssociations(legacyMonthRecordsQuery(periodTag('month', monthStart))));
                for (const record of eachRoomOnce(legacy)) {
                    if ((await this.roomRecords(record.roomId)).length === 0) {
                        await writer.updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
                    }
                    await writer.removeByAssociations(legacyRoomRecordsQuery(record.roomId));
                    moved++;
                }
                if (legacy.length > 0 && Date.now() >= deadline) {
                    return { moved, finished: false }; // the next run goes on: moved records are gone from layout 1
                }
            }
        }
        for (const legacyTag of [LEGACY.DIRTY_TAG, LEGACY.READY_TAG, ...LEGACY.BUCKET_TAGS]) {
            await writer.removeByAssociation(tag(legacyTag));
        }
        return { moved, finished: true };
    }

    /**
     * The retention: removes every record and bucket of the months before the cut-off (a month
     * boundary), and answers how many records went. Run by the builder's job, the one writer of
     * buckets, so that no rebuild runs beside it; a cut-off already pruned costs one read.
     */
    public async pruneBefore(cutoff: number): Promise<number> {
        const writer = this.requireWriter();
        const before = monthTag(cutoff);
        const [pruned] = (await this.reader.readByAssociation(tag(PRUNED_TAG))) as Array<{ before?: string }>;
        if (pruned?.before !== undefined && pruned.before >= before) {
            return 0;
        }
        let removed = 0;
        const prunedYears = new Set<string>();
        for (const year of await this.yearsWithRecords()) {
            for (const monthStart of childStarts('year', Date.UTC(year, 0, 1))) {
                const month = periodTag('month', monthStart);
                if (month >= before) {
                    break;
                }
                removed += (await writer.removeByAssociations(periodRecordsQuery(month)))?.length ?? 0;
                removed += (await writer.removeByAssociations(legacyMonthRecordsQuery(month)))?.length ?? 0;
                await writer.removeByAssociations(monthLegEventsQuery(month));
                await writer.removeByAssociations(bucketsOfMonthQuery(month));
                prunedYears.add(yearTag(year));
            }
        }
        // A year's bucket holds its months: rebuilt from those left (a year left empty loses its bucket).
        if (prunedYears.size > 0 && (await this.bucketsReady())) {
            const run = startRun([], false, Infinity);
            const storedYears = await this.yearBuckets();
            for (const year of prunedYears) {
                await this.writeYear(year, storedYears, run, []);
            }
            if (run.summary.failures.length > 0) {
                throw new Error(
                    `The retention could not rebuild ${run.summary.failures.map((failure) => `${failure.month} (${failure.error})`).join(', ')}`,
                );
            }
        }
        await writer.updateByAssociation(tag(PRUNED_TAG), { before }, true);
        return removed;
    }

    private async read(step: ReadStep, ready: boolean, kind: BucketKind): Promise<ServiceRecord[] | AssembledBuckets<TotalsColumns>> {
        if (step.kind === 'buckets') {
            const stored = await this.reader.readByAssociations(bucketGroupQuery(step.level, step.parent, step.view, kind));
            return kind === 'totals' ? assembleParts(stored, 'totals') : assembleParts(stored);
        }
        return this.reportRecords(step.period, ready);
    }

    /** A period's records as a report reads them: before the buckets are ready, of both layouts. */
    private async reportRecords(period: string, ready: boolean): Promise<ServiceRecord[]> {
        if (ready) {
            return this.records(period);
        }
        // Before the buckets are ready, layout 1's records may not all be moved yet: read both, this layout's first.
        const [current, legacy] = await Promise.all([
            this.records(period),
            this.reader.readByAssociations(legacyMonthRecordsQuery(period)),
        ]);
        return [...current, ...readRecords(legacy)];
    }

    private async records(period: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(periodRecordsQuery(period)));
    }

    private async roomRecords(roomId: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(roomRecordsQuery(roomId)));
    }

    private async legacyRoomRecords(roomId: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(legacyRoomRecordsQuery(roomId)));
    }

    /** Years 0000 to 9999 only: a marker of another year (app version 1.0 stored any) names no taggable month. */
    private async yearsWithRecords(): Promise<number[]> {
        const markers = await this.reader.readByAssociation(tag(YEAR_MARKER_TAG));
        return markers
            .map((marker) => (marker as { year?: unknown }).year)
            .filter((year): year is number => typeof year === 'number' && year >= FIRST_TAGGED_YEAR && year <= LAST_TAGGED_YEAR);
    }

    private async dirtyMarkers(): Promise<DirtyMarker[]> {
        const stored = (await this.reader.readByAssociation(tag(DIRTY_TAG))) as Array<Partial<DirtyMarker>>;
        return stored.filter((marker): marker is DirtyMarker => typeof marker.token === 'string' && typeof marker.slot === 'string');
    }

    private async bucketsReady(): Promise<boolean> {
        return (await this.reader.readByAssociation(tag(READY_TAG))).length > 0;
    }

    private requireWriter(): IPersistence {
        if (!this.writer) {
            throw new Error('This record store was opened read-only');
        }
        return this.writer;
    }
}

/** What one builder run carries from period to period. */
interface BuildRun {
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
}

/** A builder run's state at its start, from the markers it read. */
function startRun(markers: readonly DirtyMarker[], fullRebuild: boolean, deadline: number): BuildRun {
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
        // The records the run reads of the marked slots: what each marker is checked against.
        recordsBySlot: new Map(),
        dirtyChildren: childrenByParent(markedSlots),
        builtMonths: new Set(),
        deadline,
        slotTotals: new Map(),
    };
}

/** A slot's totals per view as written (a view it no longer has: zero), for its day's timeline. */
function noteSlotTotals(run: BuildRun, slot: string, views: PeriodViews, viewsBefore: Iterable<BucketView>): void {
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

/** What a report's reads start from. */
interface ReadContext {
    /** Years with records: the year markers' and those of pending writes. */
    years: number[];
    markers: DirtyMarker[];
    ready: boolean;
}

type StepReader = (step: ReadStep, ready: boolean) => Promise<ServiceRecord[] | AssembledBuckets<TotalsColumns>>;

/**
 * Where a plan's reads go: records (filtered by the sink's scope) and bucket views (of one department,
 * or all), as totals parts, or as stats parts for a reader of stats.
 */
interface ReadSink {
    addRecords(records: ServiceRecord[]): void;
    addBucketView(parts: TotalsColumns[], departmentId: string | undefined): void;
}

/** The bucket views a scope reads: every department's, or each named department's. */
function viewsOf(scope: ReportScope): BucketView[] {
    return scope.departmentIds ? scope.departmentIds.map(departmentView) : [ALL_DEPARTMENTS_VIEW];
}

/** The part of a range inside another (empty when they do not meet). */
function clipRange(range: DateRange, within: DateRange): DateRange {
    return { start: Math.max(range.start, within.start), end: Math.min(range.end, within.end) };
}

/** Which of some disjoint, ascending ranges holds an instant (-1 for none), by binary search. */
function rangeFinder(ranges: readonly DateRange[]): (at: number) => number {
    return (at) => {
        let low = 0;
        let high = ranges.length - 1;
        while (low <= high) {
            const middle = (low + high) >> 1;
            if (at < ranges[middle].start) {
                high = middle - 1;
            } else if (at > ranges[middle].end) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    };
}

/** A month's records by slot, and which hours, days and slots of it hold any. */
interface RecordTree {
    recordsBySlot: Map<string, ServiceRecord[]>;
    children: Map<string, Set<string>>;
}

/** The periods above some slots, by parent: the years (under ALL_YEARS), their months, the months' days, the days' hours, the hours' slots. */
function childrenByParent(slots: ReadonlySet<string>): Map<string, Set<string>> {
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

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        pushInto(groups, keyOf(item), item);
    }
    return groups;
}

function pushInto<T>(groups: Map<string, T[]>, key: string, item: T): void {
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
function fingerprintIndex(recordsBySlot: ReadonlyMap<string, ServiceRecord[]>): (slot: string, roomId: string) => readonly string[] {
    const index = new Map<string, Map<string, string[]>>();
    return (slot, roomId) => {
        let byRoom = index.get(slot);
        if (!byRoom) {
            byRoom = new Map();
            for (const record of recordsBySlot.get(slot) ?? []) {
                pushInto(byRoom, record.roomId, recordFingerprint(record));
            }
            index.set(slot, byRoom);
        }
        return byRoom.get(roomId) ?? [];
    };
}

/** The stored documents this version can read, as records; anything else is passed over. */
function readRecords(stored: Iterable<unknown>): ServiceRecord[] {
    const records: ServiceRecord[] = [];
    for (const data of stored) {
        const record = readStoredRecord(data);
        if (record) {
            records.push(record);
        }
    }
    return records;
}

const LEG_EVENT_KINDS: ReadonlyArray<LegEvent['kind']> = ['assigned', 'transferred', 'unassigned'];

function isLegEvent(data: unknown): data is LegEvent {
    const event = data as Partial<LegEvent> | null;
    return (
        typeof event === 'object' &&
        event !== null &&
        LEG_EVENT_KINDS.includes(event.kind as LegEvent['kind']) &&
        typeof event.agentId === 'string' &&
        typeof event.username === 'string' &&
        typeof event.at === 'number'
    );
}
