import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { PeriodBucket } from '../buckets/periodBucket';
import { bucketFromRecords, mergeBuckets } from '../buckets/periodBucket';
import type { ReadStep } from '../buckets/readPlan';
import { planTotalsReads } from '../buckets/readPlan';
import type { RecordStore } from '../records/recordStore';
import type { ServiceRecord } from '../records/serviceRecord';
import { readStoredRecord } from '../records/serviceRecord';
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
    periodTags,
    READY_TAG,
    recordAssociations,
    tag,
    utcYear,
    YEAR_MARKER_TAG,
    yearMarkerAssociations,
} from '../storage/layout';
import { uniqueToken } from '../util/uniqueToken';

export interface RebuildSummary {
    markers: number;
    days: number;
    months: number;
    fullRebuild: boolean;
}

interface DirtyMarker {
    token: string;
    month: string;
    day: string;
}

/**
 * The record store in the app's persistence, laid out as `storage/layout.ts` says; on top of the
 * records sit pre-aggregated buckets per UTC day and month, read as `buckets/readPlan.ts` plans.
 *
 * Why no interleaving of writes can lose or double-count a room, without increments or transactions:
 * - Buckets are never updated in place by ingest. Ingest writes the room's record (an idempotent
 *   upsert), then a new dirty marker naming its day (a document of its own, with a unique token).
 * - One writer rebuilds buckets (the `bucket-builder` job; Agenda runs a job on one instance at a
 *   time): it reads the markers, then rebuilds each marked day from that day's records and each
 *   marked month from its days, and only then deletes exactly the markers it read, by token.
 * - A record is written before its marker, so every marker the builder read belongs to a record
 *   its later read of the day includes. A record written after that read has a marker the builder
 *   did not read, which stays: its day and month stay dirty.
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
        await writer.updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
        const year = utcYear(record.createdAt);
        if (!this.markedYears.has(year)) {
            await writer.updateByAssociations(yearMarkerAssociations(year), { year }, true);
            this.markedYears.add(year);
        }
        const token = uniqueToken();
        const marker: DirtyMarker = { token, ...periodTags(record.createdAt) };
        await writer.createWithAssociations(marker, dirtyMarkerAssociations(token));
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
    public async rebuildBuckets(): Promise<RebuildSummary> {
        const writer = this.requireWriter();
        const [markers, ready] = await Promise.all([this.dirtyMarkers(), this.bucketsReady()]);
        let days = 0;
        let months = 0;
        if (!ready) {
            // Every month with records, built from its records: covers records that have no marker.
            for (const year of await this.yearsWithRecords()) {
                for (let month = 0; month < 12; month++) {
                    const monthTagValue = monthTag(Date.UTC(year, month, 1));
                    const records = await this.records(monthTagValue);
                    if (records.length === 0) {
                        continue;
                    }
                    const byDay = new Map<string, ServiceRecord[]>();
                    for (const record of records) {
                        const { day } = periodTags(record.createdAt);
                        const dayRecords = byDay.get(day);
                        if (dayRecords) {
                            dayRecords.push(record);
                        } else {
                            byDay.set(day, [record]);
                        }
                    }
                    for (const [day, dayRecords] of byDay) {
                        await this.writeDayBucket(bucketFromRecords(day, dayRecords), monthTagValue);
                        days++;
                    }
                    await this.writeMonthBucket(bucketFromRecords(monthTagValue, records));
                    months++;
                }
            }
            await writer.updateByAssociation(tag(READY_TAG), { v: 1, builtAt: new Date().toISOString() }, true);
        } else {
            for (const [month, monthDays] of dirtyDaysByMonth(markers)) {
                for (const day of monthDays) {
                    await this.writeDayBucket(bucketFromRecords(day, await this.records(day)), month);
                    days++;
                }
                const dayBuckets = (await this.reader.readByAssociations(dayBucketsOfMonthQuery(month))) as PeriodBucket[];
                await this.writeMonthBucket(mergeBuckets(month, dayBuckets));
                months++;
            }
        }
        for (const marker of markers) {
            await writer.removeByAssociations(dirtyMarkerAssociations(marker.token));
        }
        return { markers: markers.length, days, months, fullRebuild: !ready };
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

    private async yearsWithRecords(): Promise<number[]> {
        const markers = await this.reader.readByAssociation(tag(YEAR_MARKER_TAG));
        return markers.map((marker) => (marker as { year?: unknown }).year).filter((year): year is number => typeof year === 'number');
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

function dirtyDaysByMonth(markers: DirtyMarker[]): Map<string, Set<string>> {
    const byMonth = new Map<string, Set<string>>();
    for (const marker of markers) {
        const days = byMonth.get(marker.month) ?? new Set<string>();
        days.add(marker.day);
        byMonth.set(marker.month, days);
    }
    return byMonth;
}
