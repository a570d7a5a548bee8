import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import type { Level } from '../../time/periods';
import { ALL_YEARS, periodStart, periodTag } from '../../time/periods';
import { messageOf } from '../../util/messageOf';
import { uniqueToken } from '../../util/uniqueToken';
import type { AssembledBuckets, PeriodViews } from '../buckets/periodBucket';
import { entriesOf, mergeStoredViews, sameEntries, splitIntoParts, totalsOf } from '../buckets/periodBucket';
import { decodeTimeline, emptyTimeline, encodeTimeline, setSlots } from '../buckets/timeline';
import type { StoredDocuments } from '../documents';
import type { BucketView } from '../layout';
import { bucketAssociations, bucketPartQuery, timelineAssociations, timelineDayQuery } from '../layout';
import { BUCKET_PART_VERSION } from '../versions';
import type { BuildRun } from './buildRun';
import { noteSlotTotals } from './buildRun';

/**
 * Every write of a bucket and a timeline: the builder's and the retention's. A view is rewritten only
 * when its entries changed, its totals part before its stats part (see `writeViews`), so that no
 * failing write can leave a view that the builder would take as up to date.
 */
export class BucketWriter {
    constructor(
        private readonly documents: StoredDocuments,
        private readonly writer: IPersistence,
    ) {}

    /** The year buckets as stored (one read). */
    public yearBuckets(): Promise<AssembledBuckets> {
        return this.documents.bucketGroup('year', ALL_YEARS);
    }

    /**
     * Rebuilds a year's bucket from its month buckets as stored now (one read). If that fails, the
     * months named stay unsettled, so that their markers keep the year from being trusted.
     */
    public async writeYear(
        year: string,
        storedYears: AssembledBuckets | undefined,
        run: BuildRun,
        months: readonly string[],
    ): Promise<void> {
        try {
            const stored = await this.documents.bucketGroup('month', year);
            if (stored.torn.size > 0) {
                throw new Error(`the buckets of ${[...stored.torn].join(', ')} were being rewritten`);
            }
            await this.writeViews('year', ALL_YEARS, year, mergeStoredViews(stored.views.values()), storedYears, run);
        } catch (error) {
            run.summary.failures.push({ month: year, error: messageOf(error) });
            months.forEach((month) => run.builtMonths.delete(month));
        }
    }

    /** Writes the views of a period's bucket that changed; a view that needs fewer parts than before loses the rest. */
    public async writeViews(
        level: Level,
        parent: string,
        period: string,
        views: PeriodViews,
        stored: AssembledBuckets | undefined,
        run: BuildRun,
    ): Promise<void> {
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
                await this.writer.updateByAssociations(
                    bucketAssociations(level, parent, view, period, part, owner, 'totals'),
                    { ...header, kind: 'totals', ...totalsOf(columns) },
                    true,
                );
                await this.writer.updateByAssociations(
                    bucketAssociations(level, parent, view, period, part, owner, 'stats'),
                    { ...header, kind: 'stats', ...columns },
                    true,
                );
            }
            for (let part = parts.length; part < previous; part++) {
                // The same order: a stats part still there keeps the view unequal, so it is cleaned up next run.
                for (const kind of ['totals', 'stats'] as const) {
                    await this.writer.removeByAssociations(bucketPartQuery(level, parent, view, period, part, kind));
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
    public async writeTimelines(run: BuildRun, month: string, fromScratch: boolean): Promise<void> {
        for (const [day, byView] of run.slotTotals) {
            if (periodTag('month', periodStart(day)) !== month) {
                continue;
            }
            for (const [view, slots] of byView) {
                let timeline = emptyTimeline(day, view);
                if (!fromScratch) {
                    const [stored] = await this.documents.byAssociations(timelineDayQuery(day, view));
                    timeline = decodeTimeline(stored) ?? timeline;
                }
                if (setSlots(timeline, slots, periodStart)) {
                    await this.writer.updateByAssociations(timelineAssociations(day, view), encodeTimeline(timeline), true);
                } else if (!fromScratch) {
                    await this.writer.removeByAssociations(timelineDayQuery(day, view));
                }
            }
            run.slotTotals.delete(day);
        }
    }
}
