import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import type { ServiceRecord } from '../../../../lib/chats/serviceRecord';
import { StoredDocuments } from '../../../../lib/storage/documents';
import { tag, yearMarkerAssociations } from '../../../../lib/storage/layout';
import { migrateLayout1 } from '../../../../lib/storage/migrations/layout1';
import { LEGACY } from '../../../../lib/storage/versions';
import { InMemoryAccessors } from '../../../helpers/accessors';

const record = (roomId: string, createdAt: string, durationMs: number): ServiceRecord => ({
    v: 1,
    roomId,
    agentId: 'id-ana',
    username: 'ana',
    createdAt: Date.parse(createdAt),
    durationMs,
    departmentId: 'sales',
});

/** A record as app 1.0.x stored it: [`service-record`, room, month, day], with its year marker. */
async function storeAsLayout1(accessors: InMemoryAccessors, stored: ServiceRecord): Promise<void> {
    const iso = new Date(stored.createdAt).toISOString();
    await accessors.persistence.updateByAssociations(
        [
            tag(LEGACY.RECORD_TAG),
            new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, stored.roomId),
            tag(`month:${iso.slice(0, 7)}`),
            tag(`day:${iso.slice(0, 10)}`),
        ],
        stored,
        true,
    );
    await accessors.persistence.updateByAssociations(
        yearMarkerAssociations(new Date(stored.createdAt).getUTCFullYear()),
        { year: 2025 },
        true,
    );
}

const OLD = [
    record('r1', '2025-01-10T10:00:00Z', 60_000),
    record('r2', '2025-01-20T10:00:00Z', 90_000),
    record('r3', '2025-03-05T08:00:00Z', 30_000),
];

async function layout1Store() {
    const accessors = new InMemoryAccessors();
    for (const stored of OLD) {
        await storeAsLayout1(accessors, stored);
    }
    return { accessors, documents: new StoredDocuments(accessors.persistenceReader) };
}

describe('the migration from layout 1 (app 1.0.x)', () => {
    it('moves every record to this layout, unchanged, and leaves none in layout 1', async () => {
        const { accessors, documents } = await layout1Store();
        expect(await migrateLayout1(documents, accessors.persistence, Infinity)).toEqual({ moved: 3, finished: true });
        for (const stored of OLD) {
            expect(await documents.roomRecords(stored.roomId)).toEqual([stored]);
            expect(await documents.legacyRoomRecords(stored.roomId)).toEqual([]);
        }
        expect(await documents.legacyMonthRecords('month:2025-01')).toEqual([]);
    });

    it('keeps the new record of a room recorded again since the update', async () => {
        const { accessors, documents } = await layout1Store();
        const again = { ...OLD[0], durationMs: 75_000 };
        await accessors.persistence.updateByAssociations(
            [new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, 'r1'), tag('service-record-v2'), tag('month:2025-01')],
            again,
            true,
        );
        await migrateLayout1(documents, accessors.persistence, Infinity);
        expect(await documents.roomRecords('r1')).toEqual([again]);
    });

    it('stops after a month when its time is up, loses nothing, and finishes at the next run', async () => {
        const { accessors, documents } = await layout1Store();
        expect(await migrateLayout1(documents, accessors.persistence, 0)).toEqual({ moved: 2, finished: false });
        expect(await documents.legacyMonthRecords('month:2025-03')).toEqual([OLD[2]]);
        expect(await migrateLayout1(documents, accessors.persistence, Infinity)).toEqual({ moved: 1, finished: true });
        for (const stored of OLD) {
            expect(await documents.roomRecords(stored.roomId)).toEqual([stored]);
        }
    });
});
