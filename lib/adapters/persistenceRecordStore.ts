import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import type { AgentTotals } from '../aggregation';
import { AgentTotalsAccumulator } from '../aggregation';
import type { PeriodBucket, ReadStep } from '../bucketPlan';
import { bucketFromRecords, mergeBuckets, planTotalsReads } from '../bucketPlan';
import { creationYear, monthTag, readStoredRecord, RECORD_TAG, recordPeriodTags, YEAR_MARKER_TAG, yearTag } from '../recordLayout';
import { uniqueToken } from '../uniqueToken';
import type { ReportScope, ServiceRecord } from '../serviceRecord';

/** Where service records live; the reports and the recorders know it only by this. */
export interface RecordStore {
    /** Idempotent: saving a room's record again replaces it. */
    save(record: ServiceRecord): Promise<void>;
    /** Per-agent totals of the records in the scope, sorted as the reports list them. */
    totals(scope: ReportScope): Promise<AgentTotals[]>;
}

export interface RebuildSummary {
    markers: number;
    days: number;
    months: number;
    fullRebuild: boolean;
}

const DIRTY_TAG = 'service-dirty';
const READY_TAG = 'service-buckets-ready';
const DAY_BUCKET_TAG = 'bucket-day';
const MONTH_BUCKET_TAG = 'bucket-month';

const misc = (id: string) => new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, id);

interface DirtyMarker {
    token: string;
    month: string;
    day: string;
}

/**
 * The store in the app's persistence. Records are laid out as `recordLayout.ts` describes; on top of
 * them sit pre-aggregated buckets per UTC day and month, read as `bucketPlan.ts` plans.
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
        const [month, day] = recordPeriodTags(record);
        const room = new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, record.roomId);
        await writer.updateByAssociations([misc(RECORD_TAG), room, misc(month), misc(day)], record, true);
        const year = creationYear(record);
        if (!this.markedYears.has(year)) {
            await writer.updateByAssociations([misc(YEAR_MARKER_TAG), misc(yearTag(year))], { year }, true);
            this.markedYears.add(year);
        }
        const token = uniqueToken();
        const marker: DirtyMarker = { token, month, day };
        await writer.createWithAssociations(marker, [misc(DIRTY_TAG), misc(`marker:${token}`)]);
    }

    public async totals(scope: ReportScope): Promise<AgentTotals[]> {
        const [years, markers, ready] = await Promise.all([this.yearsWithRecords(), this.dirtyMarkers(), this.bucketsReady()]);
        const plan = planTotalsReads({ range: scope.range, yearsWithRecords: years, dirtyDays: dirtyDaysByMonth(markers), bucketsReady: ready });
        const accumulator = new AgentTotalsAccumulator(scope);
        const results = await Promise.all(plan.map((step) => this.read(step)));
        results.forEach((result, index) => {
            const step = plan[index];
            if (step.kind === 'records') {
                for (const data of result) {
                    const record = readStoredRecord(data);
                    if (record) {
                        accumulator.add(record);
                    }
                }
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
                        const [, day] = recordPeriodTags(record);
                        byDay.set(day, [...(byDay.get(day) ?? []), record]);
                    }
                    for (const [day, dayRecords] of byDay) {
                        await this.writeBucket(DAY_BUCKET_TAG, bucketFromRecords(day, dayRecords), monthTagValue);
                        days++;
                    }
                    await this.writeBucket(MONTH_BUCKET_TAG, bucketFromRecords(monthTagValue, records), yearTag(year));
                    months++;
                }
            }
            await writer.updateByAssociation(misc(READY_TAG), { v: 1, builtAt: new Date().toISOString() }, true);
        } else {
            const dirty = dirtyDaysByMonth(markers);
            for (const [month, monthDays] of dirty) {
                for (const day of monthDays) {
                    await this.writeBucket(DAY_BUCKET_TAG, bucketFromRecords(day, await this.records(day)), month);
                    days++;
                }
                const dayBuckets = (await this.reader.readByAssociations([misc(DAY_BUCKET_TAG), misc(month)])) as PeriodBucket[];
                await this.writeBucket(MONTH_BUCKET_TAG, mergeBuckets(month, dayBuckets), yearTag(Number(month.slice('month:'.length, 'month:YYYY'.length))));
                months++;
            }
        }
        for (const marker of markers) {
            await writer.removeByAssociations([misc(DIRTY_TAG), misc(`marker:${marker.token}`)]);
        }
        return { markers: markers.length, days, months, fullRebuild: !ready };
    }

    private read(step: ReadStep): Promise<object[]> {
        if (step.kind === 'monthBuckets') {
            return this.reader.readByAssociations([misc(MONTH_BUCKET_TAG), misc(yearTag(step.year))]);
        }
        if (step.kind === 'dayBuckets') {
            return this.reader.readByAssociations([misc(DAY_BUCKET_TAG), misc(step.month)]);
        }
        return this.reader.readByAssociations([misc(RECORD_TAG), misc(step.tag)]);
    }

    private async records(tag: string): Promise<ServiceRecord[]> {
        const stored = await this.reader.readByAssociations([misc(RECORD_TAG), misc(tag)]);
        return stored.map(readStoredRecord).filter((record): record is ServiceRecord => record !== undefined);
    }

    /** Buckets of a period sit under their kind, their period and their parent period, in that order. */
    private async writeBucket(kind: string, bucket: PeriodBucket, parent: string): Promise<void> {
        await this.requireWriter().updateByAssociations([misc(kind), misc(bucket.period), misc(parent)], bucket, true);
    }

    private async yearsWithRecords(): Promise<number[]> {
        const markers = await this.reader.readByAssociation(misc(YEAR_MARKER_TAG));
        return markers.map((marker) => (marker as { year?: unknown }).year).filter((year): year is number => typeof year === 'number');
    }

    private async dirtyMarkers(): Promise<DirtyMarker[]> {
        return (await this.reader.readByAssociation(misc(DIRTY_TAG))) as DirtyMarker[];
    }

    private async bucketsReady(): Promise<boolean> {
        return (await this.reader.readByAssociation(misc(READY_TAG))).length > 0;
    }

    private requireWriter(): IPersistence {
        if (!this.writer) {
            throw new Error('This record store was opened read-only');
        }
        return this.writer;
    }
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
