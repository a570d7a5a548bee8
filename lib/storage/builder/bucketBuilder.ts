import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import type { ServiceRecord } from '../../chats/serviceRecord';
import type { Level } from '../../time/periods';
import { ALL_YEARS, childLevel, childStarts, periodStart, periodTag, utcMonthStart } from '../../time/periods';
import { messageOf } from '../../util/messageOf';
import type { DirtyMarker } from '../buckets/dirtyMarker';
import { markerOutcome } from '../buckets/dirtyMarker';
import type { AssembledBuckets, PeriodViews } from '../buckets/periodBucket';
import { mergeViews, viewsFromRecords, viewsOfParts } from '../buckets/periodBucket';
import type { StoredDocuments } from '../documents';
import { bucketsOfMonthQuery, dirtyMarkerAssociations, tag, utcYear, yearMarkerAssociations, yearTag } from '../layout';
import { migrateLayout1 } from '../migrations/layout1';
import { removeOldYearBuckets, removeSupersededTags } from '../migrations/layout2';
import { BUCKET_PART_VERSION, READY_TAG, REBUILD_PROGRESS_TAG } from '../versions';
import { BucketWriter } from './bucketWriter';
import { ChatIndexWriter, slotsOfMonth } from './chatIndexWriter';
import type { BuildRun, RebuildSummary } from './buildRun';
import {
    BUILDER_RUN_BUDGET_MS,
    childrenByParent,
    fingerprintIndex,
    groupBy,
    outOfTime,
    pushInto,
    skipMarkedSlotsUnder,
    startRun,
} from './buildRun';

/** The share of a run's budget spent rebuilding; the rest is for removing the markers it settled. */
const REBUILD_SHARE_OF_BUDGET = 0.6;

/**
 * The one writer of buckets, run by the recurring `bucket-builder` job (Agenda runs a job on one
 * instance at a time). It reads the markers, rebuilds each marked slot from that slot's records and
 * each hour, day, month and year above it from its children's buckets, then deletes each marker
 * whose write it saw land in the records it read; a marker whose write has not landed stays, so its
 * slot stays dirty, until it lands or (after `MARKER_PATIENCE_MS`) is taken as failed. Each month's
 * chat index (`chatIndexWriter.ts`) is written with its buckets, from the same records. Until it has
 * once built every bucket from the records (`READY_TAG`), reports read records only.
 */
export class BucketBuilder {
    private readonly buckets: BucketWriter;
    private readonly chatIndex: ChatIndexWriter;

    constructor(
        private readonly documents: StoredDocuments,
        private readonly writer: IPersistence,
    ) {
        this.buckets = new BucketWriter(documents, writer);
        this.chatIndex = new ChatIndexWriter(documents, writer);
    }

    /**
     * One run: brings every bucket up to date with the records written before it started, or, past
     * `budgetMs` (checked before each marked day, hour and slot, once a slot is rebuilt, so that every
     * run makes progress), stops and leaves the rest to the next run: the markers it did not reach are
     * its place. `now` is the time markers are judged by.
     */
    public async run(now = Date.now(), budgetMs = BUILDER_RUN_BUDGET_MS): Promise<RebuildSummary> {
        const started = Date.now();
        const [markers, ready] = await Promise.all([this.documents.dirtyMarkers(), this.documents.bucketsReady()]);
        await this.markYears(markers);
        // Rebuilding takes the first part of the budget; removing the markers it settles (one call each) the rest.
        const run = startRun(markers, !ready, started + budgetMs * REBUILD_SHARE_OF_BUDGET);
        if (!ready) {
            await this.fullRebuild(run, now);
        } else {
            await this.incrementalRebuild(run, () => true);
        }
        await this.settleMarkers(markers, run, now, started + budgetMs);
        return run.summary;
    }

    /**
     * Writes the year marker of every year the markers name that has none yet. Done before any marker
     * is deleted, so a record's year is always named by a year marker or by a pending dirty marker:
     * reports and rebuilds take the union.
     */
    private async markYears(markers: readonly DirtyMarker[]): Promise<void> {
        const known = new Set(await this.documents.yearsWithRecords());
        for (const year of new Set(markers.map((marker) => utcYear(periodStart(marker.slot))))) {
            if (!known.has(year)) {
                await this.writer.updateByAssociations(yearMarkerAssociations(year), { year }, true);
            }
        }
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
        try {
            const migration = await migrateLayout1(this.documents, this.writer, run.deadline);
            summary.migrated = migration.moved;
            if (!migration.finished) {
                summary.complete = false;
                return;
            }
        } catch (error) {
            summary.failures.push({ month: 'layout 1 records', error: messageOf(error) });
            return;
        }
        const builtThrough = (await this.documents.single<{ through: string }>(REBUILD_PROGRESS_TAG))?.through;
        if (builtThrough !== undefined) {
            await this.incrementalRebuild(run, (month) => month <= builtThrough);
        }
        const years = [...new Set(await this.documents.yearsWithRecords())].sort((a, b) => a - b);
        for (const year of years) {
            for (const monthStart of childStarts('year', utcMonthStart(year, 0))) {
                const month = periodTag('month', monthStart);
                if (builtThrough !== undefined && month <= builtThrough) {
                    continue;
                }
                let recordsRead = 0;
                const built = await this.guardMonth(run, month, async () => {
                    recordsRead = await this.buildMonthFromRecords(run, year, month);
                    await this.writer.updateByAssociation(tag(REBUILD_PROGRESS_TAG), { v: BUCKET_PART_VERSION, through: month }, true);
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
        await removeOldYearBuckets(this.writer, years);
        const storedYears = await this.buckets.yearBuckets();
        for (const year of years) {
            const months = [...run.builtMonths].filter((month) => month.startsWith(`month:${year}-`));
            await this.buckets.writeYear(yearTag(year), storedYears, run, months);
            if (run.summary.failures.length > 0) {
                return;
            }
        }
        await this.writer.updateByAssociation(tag(READY_TAG), { v: BUCKET_PART_VERSION, builtAt: new Date(now).toISOString() }, true);
        await this.writer.removeByAssociation(tag(REBUILD_PROGRESS_TAG));
        await removeSupersededTags(this.writer);
    }

    /** A month's buckets and timelines from its records alone (its old ones removed first); answers the records read. */
    private async buildMonthFromRecords(run: BuildRun, year: number, month: string): Promise<number> {
        const records = await this.documents.records(month);
        await this.writer.removeByAssociations(bucketsOfMonthQuery(month));
        for (const record of records) {
            const slot = periodTag('slot', record.createdAt);
            if (run.markedSlots.has(slot)) {
                pushInto(run.recordsBySlot, slot, record);
            }
        }
        if (records.length > 0) {
            const recordsBySlot = groupBy(records, (record) => periodTag('slot', record.createdAt));
            const children = childrenByParent(new Set(recordsBySlot.keys()));
            const views = await this.writeTree('month', month, recordsBySlot, children, run);
            await this.buckets.writeViews('month', yearTag(year), month, views, undefined, run);
            await this.buckets.writeTimelines(run, month, true);
            await this.chatIndex.writeMonth(records);
        }
        return records.length;
    }

    /** Writes the buckets of every period under `period` that holds records, and answers `period`'s views. */
    private async writeTree(
        level: Level,
        period: string,
        recordsBySlot: ReadonlyMap<string, ServiceRecord[]>,
        children: ReadonlyMap<string, ReadonlySet<string>>,
        run: BuildRun,
    ): Promise<PeriodViews> {
        const finer = childLevel(level);
        if (!finer) {
            return viewsFromRecords(recordsBySlot.get(period) ?? []);
        }
        const views: PeriodViews[] = [];
        for (const child of [...(children.get(period) ?? [])].sort()) {
            const childViews = await this.writeTree(finer, child, recordsBySlot, children, run);
            await this.buckets.writeViews(finer, period, child, childViews, undefined, run);
            views.push(childViews);
        }
        return mergeViews(views);
    }

    /**
     * Rebuilds what the markers name in the months `inScope` accepts: each marked slot from its
     * records, then each hour, day, month and year above one from its children's buckets. Reads per run: the
     * markers, one read per touched year, month, day and hour, and one per marked slot; its work grows
     * with the rooms closed since the last run and the size of their slots, not with the rooms of the day.
     */
    private async incrementalRebuild(run: BuildRun, inScope: (month: string) => boolean): Promise<void> {
        const years = [...(run.dirtyChildren.get(ALL_YEARS) ?? [])].sort();
        const storedYears = years.length > 0 ? await this.buckets.yearBuckets() : undefined;
        for (const year of years) {
            const dirtyMonths = [...(run.dirtyChildren.get(year) ?? [])];
            const months = dirtyMonths.filter(inScope).sort();
            if (months.length === 0) {
                continue;
            }
            const stored = await this.documents.bucketGroup('month', year);
            let allBuilt = months.length === dirtyMonths.length;
            for (const month of months) {
                allBuilt =
                    (await this.guardMonth(run, month, async () => {
                        const views = await this.rebuiltViews('month', month, run);
                        await this.buckets.writeViews('month', year, month, views, stored, run);
                        await this.buckets.writeTimelines(run, month, false);
                        await this.chatIndex.updateSlots(slotsOfMonth(run.recordsBySlot, month));
                    })) && allBuilt;
                if (Date.now() >= run.deadline && month !== months[months.length - 1]) {
                    run.summary.complete = false;
                    return; // this year's bucket waits for its months: their markers keep it dirty
                }
            }
            if (allBuilt) {
                await this.buckets.writeYear(year, storedYears, run, months);
            }
            if (Date.now() >= run.deadline && year !== years[years.length - 1]) {
                run.summary.complete = false;
                return;
            }
        }
    }

    /** A period's views, its dirty children rebuilt (and written) first. */
    private async rebuiltViews(level: Level, period: string, run: BuildRun): Promise<PeriodViews> {
        const finer = childLevel(level);
        if (!finer) {
            const records = await this.documents.records(period);
            run.recordsBySlot.set(period, records);
            run.slotsRebuilt++;
            return viewsFromRecords(records);
        }
        const stored: AssembledBuckets = await this.documents.bucketGroup(finer, period);
        const children = new Map<string, PeriodViews>();
        for (const [child, views] of stored.views) {
            children.set(child, viewsOfParts(views));
        }
        for (const child of new Set([...(run.dirtyChildren.get(period) ?? []), ...stored.torn])) {
            // Past the deadline a marked child waits, as it is stored: its markers keep it and every period above it dirty.
            // A torn one never waits: nothing marks it, so a period above it would be trusted.
            if (!stored.torn.has(child) && outOfTime(run)) {
                skipMarkedSlotsUnder(run, finer, child);
                continue;
            }
            const views = await this.rebuiltViews(finer, child, run);
            await this.buckets.writeViews(finer, period, child, views, stored, run);
            children.set(child, views);
        }
        return mergeViews(children.values());
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
    private async settleMarkers(markers: readonly DirtyMarker[], run: BuildRun, now: number, deadline: number): Promise<void> {
        const { summary } = run;
        const landed = fingerprintIndex(run.recordsBySlot);
        let removed = 0;
        for (const [index, marker] of markers.entries()) {
            // Past the run's budget the rest stay: their slots are rebuilt again next run, and nothing is lost.
            if (removed > 0 && Date.now() >= deadline) {
                summary.pending += markers.length - index;
                summary.complete = false;
                return;
            }
            // A marker of a month this run did not build (it failed, or waits for a later run) stays.
            const month = periodTag('month', periodStart(marker.slot));
            const built = run.builtMonths.has(month) && !run.skippedSlots.has(marker.slot);
            const outcome = built ? markerOutcome(marker, (roomId) => landed(marker.slot, roomId), now) : 'pending';
            if (outcome === 'pending') {
                summary.pending++;
                continue;
            }
            if (outcome === 'abandoned' && marker.roomId) {
                summary.abandoned.push(marker.roomId);
            }
            await this.writer.removeByAssociations(dirtyMarkerAssociations(marker.token));
            removed++;
        }
    }
}
