import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import { eachRoomOnce } from '../../chats/serviceRecord';
import { childStarts, periodTag, utcMonthStart } from '../../time/periods';
import type { StoredDocuments } from '../documents';
import { legacyRoomRecordsQuery, recordAssociations, tag } from '../layout';
import { LEGACY } from '../versions';

export interface MigrationProgress {
    /** Records moved this run. */
    moved: number;
    /** False when the run's time ran out with records left: the next run goes on. */
    finished: boolean;
}

/**
 * Layout 1 (app 1.0.x) to layout 2: layout 1 stored records as [`service-record`, room, month, day],
 * and a record's association array is its identity for upserts, so it cannot be rewritten in place.
 * Each record is written in this layout (unless the room was recorded again since the update, which
 * keeps its new record), then the old one removed: a run that stops half-way loses nothing, and
 * reports read both layouts until the buckets are ready. Then layout 1's markers and buckets go.
 */
export async function migrateLayout1(documents: StoredDocuments, writer: IPersistence, deadline: number): Promise<MigrationProgress> {
    let moved = 0;
    for (const year of await documents.yearsWithRecords()) {
        for (const monthStart of childStarts('year', utcMonthStart(year, 0))) {
            const legacy = await documents.legacyMonthRecords(periodTag('month', monthStart));
            for (const record of eachRoomOnce(legacy)) {
                if ((await documents.roomRecords(record.roomId)).length === 0) {
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
