import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import { childStarts, periodTag, utcMonthStart } from '../time/periods';
import { BucketWriter } from './builder/bucketWriter';
import { startRun } from './builder/buildRun';
import type { StoredDocuments } from './documents';
import {
    bucketsOfMonthQuery,
    legacyMonthRecordsQuery,
    monthLegEventsQuery,
    monthTag,
    monthTombstonesQuery,
    periodRecordsQuery,
    tag,
    yearTag,
} from './layout';
import { PRUNED_TAG } from './versions';

/**
 * The retention: removes every record, leg event and bucket of the months before the cut-off (a
 * month boundary), and answers how many records went. Run by the builder's job, the one writer of
 * buckets, so that no rebuild runs beside it; a cut-off already pruned costs one read.
 */
export async function pruneBefore(documents: StoredDocuments, writer: IPersistence, cutoff: number): Promise<number> {
    const before = monthTag(cutoff);
    const pruned = await documents.single<{ before: string }>(PRUNED_TAG);
    if (pruned?.before !== undefined && pruned.before >= before) {
        return 0;
    }
    let removed = 0;
    const prunedYears = new Set<string>();
    for (const year of await documents.yearsWithRecords()) {
        for (const monthStart of childStarts('year', utcMonthStart(year, 0))) {
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
    if (prunedYears.size > 0 && (await documents.bucketsReady())) {
        const buckets = new BucketWriter(documents, writer);
        const run = startRun([], false, Infinity);
        const storedYears = await buckets.yearBuckets();
        for (const year of prunedYears) {
            await buckets.writeYear(year, storedYears, run, []);
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

/**
 * Removes the tombstones of the rooms deleted in the month two before `now`'s, so that each is kept
 * between one and three months: far longer than any late event or import waits. Each builder run
 * calls it (one removal by an index lookup, usually of nothing); tombstones of a month the app was
 * disabled through stay, a small document per deleted room.
 */
export async function pruneTombstones(writer: IPersistence, now: number): Promise<void> {
    const date = new Date(now);
    await writer.removeByAssociations(monthTombstonesQuery(utcMonthStart(date.getUTCFullYear(), date.getUTCMonth() - 2)));
}
