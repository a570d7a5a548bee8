import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { DirtyMarker } from '../buckets/dirtyMarker';
import { dirtySlots, markerOutcome } from '../buckets/dirtyMarker';
import type { AssembledBuckets, PeriodViews } from '../buckets/periodBucket';
import {
    assembleParts,
    entriesOf,
    forEachRow,
    mergeStoredViews,
    mergeViews,
    sameEntries,
    splitIntoParts,
    viewsFromRecords,
    viewsOfParts,
} from '../buckets/periodBucket';
import type { Level } from '../buckets/periods';
import { ALL_YEARS, childLevel, childStarts, parentTag, periodStart, periodTag } from '../buckets/periods';
import type { ReadStep } from '../buckets/readPlan';
import { dirtyByLevel, planTotalsReads } from '../buckets/readPlan';
import type { RecordStore } from '../records/recordStore';
import type { ServiceRecord } from '../records/serviceRecord';
import { eachRoomOnce, EARLIEST_CREATED_AT, LATEST_CREATED_AT, readStoredRecord, recordFingerprint } from '../records/serviceRecord';
import type { AgentTotals } from '../report/agentTotals';
import { AgentTotalsAccumulator } from '../report/agentTotals';
import type { ReportScope } from '../report/scope';
import type { BucketView } from '../storage/layout';
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
    monthTag,
    periodRecordsQuery,
    PRUNED_TAG,
    READY_TAG,
    REBUILD_PROGRESS_TAG,
    recordAssociations,
    roomRecordsQuery,
    tag,
    utcYear,
    YEAR_MARKER_TAG,
    yearMarkerAssociations,
    yearTag,
} from '../storage/layout';
import { messageOf } from '../util/messageOf';
import { uniqueToken } from '../util/uniqueToken';

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
export class PersistenceRecordStore implements RecordStore {
    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {}

    public async save(record: ServiceRecord): Promise<void> {
        // Two writes per room: the year marker is the builder's (see `markYears`).
        await this.markDirty(record.roomId, record.createdAt, recordFingerprint(record));
        await this.requireWriter().updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
    }

    /** Whether the room has a record, in this layout or (not yet migrated) in layout 1. */
    public async has(roomId: string): Promise<boolean> {
        return (await this.roomRecords(roomId)).length > 0 || (await this.legacyRoomRecords(roomId)).length > 0;
    }

    public async remove(roomId: string): Promise<boolean> {
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
        const [years, markers, ready] = await Promise.all([this.yearsWithRecords(), this.dirtyMarkers(), this.bucketsReady()]);
        const plan = planTotalsReads({
            range: scope.range,
            yearsWithRecords: [...years, ...markers.map((marker) => utcYear(periodStart(marker.slot)))],
            dirtySlots: dirtySlots(markers),
            bucketsReady: ready,
            views: scope.departmentIds ? scope.departmentIds.map(departmentView) : [ALL_DEPARTMENTS_VIEW],
        });
        const accumulator = new AgentTotalsAccumulator(scope);
        const results = await Promise.all(plan.map((step) => this.read(step, ready)));
        const torn: string[] = [];
        results.forEach((result, index) => {
            const step = plan[index];
            if (step.kind === 'records') {
                accumulator.add(result as ServiceRecord[]);
                return;
            }
            const buckets = result as AssembledBuckets;
            const departmentId = step.view === ALL_DEPARTMENTS_VIEW ? undefined : step.view.slice('dept:'.length);
            for (const period of step.periods) {
                if (buckets.torn.has(period)) {
                    torn.push(period);
                } else {
                    forEachRow(buckets.views.get(period)?.get(step.view) ?? [], (agentId, username, chats, sumMs) =>
                        accumulator.addTotals(agentId, username, chats, sumMs, departmentId),
                    );
                }
            }
        });
        // A bucket the builder was rewriting when it was read: its records instead (rare, and never a rebuild's own dirty periods).
        // Records carry no year tag: a torn year is read month by month.
        const periods = torn.flatMap((period) =>
            period.startsWith('year:') ? [...childStarts('year', periodStart(period))].map((start) => periodTag('month', start)) : [period],
        );
        for (const records of await Promise.all(periods.map((period) => this.records(period)))) {
            accumulator.add(records);
        }
        return accumulator.sorted();
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
                    }
                    await writer.updateByAssociation(tag(REBUILD_PROGRESS_TAG), { v: 2, through: month }, true);
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
        await writer.updateByAssociation(tag(READY_TAG), { v: 2, builtAt: new Date(now).toISOString() }, true);
        await writer.removeByAssociation(tag(REBUILD_PROGRESS_TAG));
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
            const stored = assembleParts(await this.reader.readByAssociations(bucketGroupQuery('month', year)));
            let allBuilt = months.length === dirtyMonths.length;
            for (const month of months) {
                allBuilt =
                    (await this.guardMonth(run, month, async () => {
                        const views = await this.rebuiltViews('month', month, run);
                        await this.writeViews('month', year, month, views, stored, run);
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
        return assembleParts(await this.reader.readByAssociations(bucketGroupQuery('year', ALL_YEARS)));
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
            const stored = assembleParts(await this.reader.readByAssociations(bucketGroupQuery('month', year)));
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
        const stored = assembleParts(await this.reader.readByAssociations(bucketGroupQuery(finer, period)));
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
                await writer.updateByAssociations(
                    bucketAssociations(level, parent, view, period, part, owner),
                    { v: 2, level, period, view, part, parts: parts.length, build, ...columns },
                    true,
                );
            }
            for (let part = parts.length; part < previous; part++) {
                await writer.removeByAssociations(bucketPartQuery(level, parent, view, period, part));
            }
            run.summary.viewsWritten++;
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

    private async read(step: ReadStep, ready: boolean): Promise<ServiceRecord[] | AssembledBuckets> {
        if (step.kind === 'buckets') {
            return assembleParts(await this.reader.readByAssociations(bucketGroupQuery(step.level, step.parent, step.view)));
        }
        if (ready) {
            return this.records(step.period);
        }
        // Before the buckets are ready, layout 1's records may not all be moved yet: read both, this layout's first.
        const [current, legacy] = await Promise.all([
            this.records(step.period),
            this.reader.readByAssociations(legacyMonthRecordsQuery(step.period)),
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
