import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { DirtyMarker } from '../buckets/dirtyMarker';
import { dirtyDaysByMonth, markerOutcome } from '../buckets/dirtyMarker';
import type { PeriodBucket } from '../buckets/periodBucket';
import { bucketFromRecords, mergeBuckets } from '../buckets/periodBucket';
import type { ReadStep } from '../buckets/readPlan';
import { planTotalsReads } from '../buckets/readPlan';
import type { RecordStore } from '../records/recordStore';
import type { ServiceRecord } from '../records/serviceRecord';
import { EARLIEST_CREATED_AT, LATEST_CREATED_AT, readStoredRecord, recordFingerprint } from '../records/serviceRecord';
import type { AgentTotals } from '../report/agentTotals';
import { AgentTotalsAccumulator } from '../report/agentTotals';
import type { ReportScope } from '../report/scope';
import {
    dayBucketAssociations,
    dayBucketsOfMonthQuery,
    DIRTY_TAG,
    dirtyMarkerAssociations,
    monthBucketAssociations,
    monthBucketsOfYearQuery,
    monthTag,
    periodRecordsQuery,
    monthBucketQuery,
    periodTags,
    PRUNED_TAG,
    READY_TAG,
    recordAssociations,
    roomRecordsQuery,
    tag,
    utcYear,
    YEAR_MARKER_TAG,
    yearMarkerAssociations,
} from '../storage/layout';
import { uniqueToken } from '../util/uniqueToken';
import { messageOf } from '../util/messageOf';

const FIRST_TAGGED_YEAR = utcYear(EARLIEST_CREATED_AT);
const LAST_TAGGED_YEAR = utcYear(LATEST_CREATED_AT);

export interface RebuildSummary {
    /** Markers read; of them, those whose write has not landed yet stay (`pending`). */
    markers: number;
    pending: number;
    /** Rooms whose write never landed within the builder's patience: their saves failed. */
    abandoned: string[];
    days: number;
    months: number;
    fullRebuild: boolean;
    /** Months that could not be rebuilt, with why; their markers stay, and the next run tries again. */
    failures: Array<{ month: string; error: string }>;
}

/**
 * The record store in the app's persistence, laid out as `storage/layout.ts` says; on top of the
 * records sit pre-aggregated buckets per UTC day and month, read as `buckets/readPlan.ts` plans.
 *
 * Why no interleaving of writes, and no write that fails or stalls half-way, can lose or
 * double-count a room, without increments or transactions:
 * - Buckets are never updated in place by ingest. A save writes its year marker, then a new dirty
 *   marker (a document of its own, with a unique token) naming the record's day and the fingerprint
 *   the record must have, and only then the record (an idempotent upsert). A removal writes a marker
 *   that expects no record, then removes it. Whatever prefix of these writes lands, the day is marked
 *   before its record changes.
 * - One writer rebuilds buckets (the `bucket-builder` job; Agenda runs a job on one instance at a
 *   time): it reads the markers, then rebuilds each marked day from that day's records and each
 *   marked month from its days. It deletes a marker only once the records it read show the marker's
 *   write landed; a marker whose write has not landed stays, so its day stays dirty, until it lands
 *   or (after `MARKER_PATIENCE_MS`) is taken as failed, when the buckets already match the records.
 * - A report reads the markers first and trusts no bucket of a dirty day or month: it reads those
 *   periods' records instead. Buckets and records it combines cover disjoint periods, and within a
 *   period each room counts once (a room stored twice by racing upserts included).
 * - Until the builder has built buckets from every record once (`service-buckets-ready`, written
 *   after a full rebuild), reports read records only; so records stored by a version without
 *   buckets, which have no markers, are never missed.
 */
export class PersistenceRecordStore implements RecordStore {
    /** Year markers this store has written: a batch of many rooms writes each once. */
    private readonly markedYears = new Set<number>();

    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {}

    public async save(record: ServiceRecord): Promise<void> {
        const writer = this.requireWriter();
        const year = utcYear(record.createdAt);
        if (!this.markedYears.has(year)) {
            await writer.updateByAssociations(yearMarkerAssociations(year), { year }, true);
            this.markedYears.add(year);
        }
        await this.markDirty(record.roomId, record.createdAt, recordFingerprint(record));
        await writer.updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
    }

    public async has(roomId: string): Promise<boolean> {
        return (await this.reader.readByAssociations(roomRecordsQuery(roomId))).length > 0;
    }

    public async remove(roomId: string): Promise<boolean> {
        const stored = readRecords(await this.reader.readByAssociations(roomRecordsQuery(roomId)));
        if (stored.length === 0) {
            return false;
        }
        for (const createdAt of new Set(stored.map((record) => record.createdAt))) {
            await this.markDirty(roomId, createdAt, null);
        }
        await this.requireWriter().removeByAssociations(roomRecordsQuery(roomId));
        return true;
    }

    private async markDirty(roomId: string, createdAt: number, expect: string | null): Promise<void> {
        const token = uniqueToken();
        const marker: DirtyMarker = { token, ...periodTags(createdAt), roomId, expect, writtenAt: Date.now() };
        await this.requireWriter().createWithAssociations(marker, dirtyMarkerAssociations(token));
    }

    public async totals(scope: ReportScope): Promise<AgentTotals[]> {
        const [years, markers, ready] = await Promise.all([this.yearsWithRecords(), this.dirtyMarkers(), this.bucketsReady()]);
        const plan = planTotalsReads({
            range: scope.range,
            yearsWithRecords: years,
            dirtyDays: dirtyDaysByMonth(markers),
            bucketsReady: ready,
        });
        const accumulator = new AgentTotalsAccumulator(scope);
        const results = await Promise.all(plan.map((step) => this.read(step)));
        results.forEach((result, index) => {
            const step = plan[index];
            if (step.kind === 'records') {
                accumulator.add(readRecords(result));
                return;
            }
            const wanted = new Set(step.kind === 'monthBuckets' ? step.months : step.days);
            for (const bucket of result as PeriodBucket[]) {
                if (wanted.has(bucket.period)) {
                    bucket.entries.forEach((entry) => accumulator.addTotals(entry));
                }
            }
        });
        return accumulator.sorted();
    }

    /** The builder's run: brings every bucket up to date with the records written before it started. */
    public async rebuildBuckets(now = Date.now()): Promise<RebuildSummary> {
        const writer = this.requireWriter();
        const [markers, ready] = await Promise.all([this.dirtyMarkers(), this.bucketsReady()]);
        const summary: RebuildSummary = {
            markers: markers.length,
            pending: 0,
            abandoned: [],
            days: 0,
            months: 0,
            fullRebuild: !ready,
            failures: [],
        };
        // The records this run read, by day: what each marker is checked against.
        const recordsByDay = new Map<string, ServiceRecord[]>();
        // A month that fails is reported and left marked; the others are built all the same.
        const rebuildMonth = async (month: string, build: () => Promise<boolean>) => {
            try {
                if (await build()) {
                    summary.months++;
                }
            } catch (error) {
                summary.failures.push({ month, error: messageOf(error) });
            }
        };
        if (!ready) {
            // Every month with records, built from its records: covers records that have no marker.
            for (const year of await this.yearsWithRecords()) {
                for (let monthIndex = 0; monthIndex < 12; monthIndex++) {
                    const month = monthTag(Date.UTC(year, monthIndex, 1));
                    await rebuildMonth(month, async () => {
                        const records = await this.records(month);
                        if (records.length === 0) {
                            return false;
                        }
                        const monthDays = new Map<string, ServiceRecord[]>();
                        for (const record of records) {
                            const { day } = periodTags(record.createdAt);
                            const dayRecords = monthDays.get(day);
                            if (dayRecords) {
                                dayRecords.push(record);
                            } else {
                                monthDays.set(day, [record]);
                            }
                        }
                        for (const [day, dayRecords] of monthDays) {
                            recordsByDay.set(day, dayRecords);
                            await this.writeDayBucket(bucketFromRecords(day, dayRecords), month);
                            summary.days++;
                        }
                        await this.writeMonthBucket(bucketFromRecords(month, records));
                        return true;
                    });
                }
            }
            if (summary.failures.length === 0) {
                await writer.updateByAssociation(tag(READY_TAG), { v: 1, builtAt: new Date(now).toISOString() }, true);
            }
        } else {
            for (const [month, monthDays] of dirtyDaysByMonth(markers)) {
                await rebuildMonth(month, async () => {
                    for (const day of monthDays) {
                        const dayRecords = await this.records(day);
                        recordsByDay.set(day, dayRecords);
                        await this.writeDayBucket(bucketFromRecords(day, dayRecords), month);
                        summary.days++;
                    }
                    const dayBuckets = (await this.reader.readByAssociations(dayBucketsOfMonthQuery(month))) as PeriodBucket[];
                    await this.writeMonthBucket(mergeBuckets(month, dayBuckets));
                    return true;
                });
            }
        }
        const failedMonths = new Set(summary.failures.map((failure) => failure.month));
        const landed = fingerprintIndex(recordsByDay);
        for (const marker of markers) {
            const outcome = failedMonths.has(marker.month) ? 'pending' : markerOutcome(marker, (roomId) => landed(marker.day, roomId), now);
            if (outcome === 'pending') {
                summary.pending++;
                continue;
            }
            if (outcome === 'abandoned' && marker.roomId) {
                summary.abandoned.push(marker.roomId);
            }
            await writer.removeByAssociations(dirtyMarkerAssociations(marker.token));
        }
        return summary;
    }

    /**
     * The retention: removes every record, day bucket and month bucket of the months before the
     * cut-off (a month boundary), and answers how many records went. Run by the builder's job, the
     * one writer of buckets, so that no rebuild runs beside it; a cut-off already pruned costs one read.
     */
    public async pruneBefore(cutoff: number): Promise<number> {
        const writer = this.requireWriter();
        const before = monthTag(cutoff);
        const [pruned] = (await this.reader.readByAssociation(tag(PRUNED_TAG))) as Array<{ before?: string }>;
        if (pruned?.before !== undefined && pruned.before >= before) {
            return 0;
        }
        let removed = 0;
        for (const year of await this.yearsWithRecords()) {
            for (let monthIndex = 0; monthIndex < 12; monthIndex++) {
                const month = monthTag(Date.UTC(year, monthIndex, 1));
                if (month >= before) {
                    break;
                }
                removed += (await writer.removeByAssociations(periodRecordsQuery(month)))?.length ?? 0;
                await writer.removeByAssociations(dayBucketsOfMonthQuery(month));
                await writer.removeByAssociations(monthBucketQuery(month));
            }
        }
        await writer.updateByAssociation(tag(PRUNED_TAG), { before }, true);
        return removed;
    }

    private read(step: ReadStep): Promise<object[]> {
        if (step.kind === 'monthBuckets') {
            return this.reader.readByAssociations(monthBucketsOfYearQuery(step.year));
        }
        if (step.kind === 'dayBuckets') {
            return this.reader.readByAssociations(dayBucketsOfMonthQuery(step.month));
        }
        return this.reader.readByAssociations(periodRecordsQuery(step.tag));
    }

    private async records(periodTag: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(periodRecordsQuery(periodTag)));
    }

    private async writeDayBucket(bucket: PeriodBucket, month: string): Promise<void> {
        await this.requireWriter().updateByAssociations(dayBucketAssociations(bucket.period, month), bucket, true);
    }

    private async writeMonthBucket(bucket: PeriodBucket): Promise<void> {
        await this.requireWriter().updateByAssociations(monthBucketAssociations(bucket.period), bucket, true);
    }

    /** Years 0000 to 9999 only: a marker of another year (app version 1.0 stored any) names no taggable month. */
    private async yearsWithRecords(): Promise<number[]> {
        const markers = await this.reader.readByAssociation(tag(YEAR_MARKER_TAG));
        return markers
            .map((marker) => (marker as { year?: unknown }).year)
            .filter((year): year is number => typeof year === 'number' && year >= FIRST_TAGGED_YEAR && year <= LAST_TAGGED_YEAR);
    }

    private async dirtyMarkers(): Promise<DirtyMarker[]> {
        return (await this.reader.readByAssociation(tag(DIRTY_TAG))) as DirtyMarker[];
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

/**
 * The fingerprints of a room's records in a day, from the records a builder run read: indexed by
 * room on first use of a day, so that settling a day's markers costs one pass over its records.
 */
function fingerprintIndex(recordsByDay: ReadonlyMap<string, ServiceRecord[]>): (day: string, roomId: string) => readonly string[] {
    const index = new Map<string, Map<string, string[]>>();
    return (day, roomId) => {
        let byRoom = index.get(day);
        if (!byRoom) {
            byRoom = new Map();
            for (const record of recordsByDay.get(day) ?? []) {
                byRoom.set(record.roomId, [...(byRoom.get(record.roomId) ?? []), recordFingerprint(record)]);
            }
            index.set(day, byRoom);
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
