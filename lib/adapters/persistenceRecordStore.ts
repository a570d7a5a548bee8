import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { creationYear, planRangeReads, readStoredRecord, RECORD_TAG, recordPeriodTags, YEAR_MARKER_TAG, yearTag } from '../recordLayout';
import type { DateRange, ServiceRecord } from '../serviceRecord';

/** Where service records live; the reports and the recorders know it only by this. */
export interface RecordStore {
    /** Idempotent: saving a room's record again replaces it. */
    save(record: ServiceRecord): Promise<void>;
    /** Every record created within the range, and possibly some created near it. */
    readAround(range: DateRange): Promise<ServiceRecord[]>;
}

const misc = (id: string) => new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, id);

/** The store in the app's persistence, laid out as `recordLayout.ts` describes. */
export class PersistenceRecordStore implements RecordStore {
    /** Year markers this store has written: a batch of many rooms writes each once. */
    private readonly markedYears = new Set<number>();

    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {}

    public async save(record: ServiceRecord): Promise<void> {
        if (!this.writer) {
            throw new Error('This record store was opened read-only');
        }
        const [month, day] = recordPeriodTags(record);
        const room = new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, record.roomId);
        await this.writer.updateByAssociations([misc(RECORD_TAG), room, misc(month), misc(day)], record, true);
        const year = creationYear(record);
        if (!this.markedYears.has(year)) {
            await this.writer.updateByAssociations([misc(YEAR_MARKER_TAG), misc(yearTag(year))], { year }, true);
            this.markedYears.add(year);
        }
    }

    public async readAround(range: DateRange): Promise<ServiceRecord[]> {
        const markers = await this.reader.readByAssociation(misc(YEAR_MARKER_TAG));
        const years = markers.map((marker) => (marker as { year?: unknown }).year).filter((year): year is number => typeof year === 'number');
        const pages = await Promise.all(
            planRangeReads(range, years).map((tag) => this.reader.readByAssociations([misc(RECORD_TAG), misc(tag)])),
        );
        const records: ServiceRecord[] = [];
        for (const page of pages) {
            for (const data of page) {
                const record = readStoredRecord(data);
                if (record) {
                    records.push(record);
                }
            }
        }
        return records;
    }
}
