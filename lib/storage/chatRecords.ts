import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import type { ChatStore, LegStore, SaveOutcome } from '../chats/chatStore';
import type { ServiceRecord } from '../chats/serviceRecord';
import { recordFingerprint } from '../chats/serviceRecord';
import type { LegEvent } from '../legs/legs';
import { periodTag } from '../time/periods';
import { uniqueToken } from '../util/uniqueToken';
import type { DirtyMarker } from './buckets/dirtyMarker';
import type { StoredDocuments } from './documents';
import { requireWriter } from './documents';
import {
    dirtyMarkerAssociations,
    legacyRoomRecordsQuery,
    legEventAssociations,
    recordAssociations,
    roomLegEventsQuery,
    roomRecordsQuery,
    tombstoneAssociations,
} from './layout';

/**
 * The chats' records and leg events in the app's persistence: what a close, a routing event, a
 * deletion and the history import write. No write touches a bucket: a save writes a marker of its
 * own naming the record's slot, and only then the record, so whatever prefix of a save lands, the
 * slot is marked before its record changes (the builder, `builder/`, settles it).
 *
 * **A deletion wins, whatever the order.** A deletion writes the room's tombstone, then removes its
 * record and leg events; a save or a leg event writes, then reads the tombstone, and removes what it
 * wrote if the tombstone is there. Either the deletion's removal comes after the write (and removes
 * it), or the write's read comes after the tombstone (and sees it): a close, a late or repeated
 * event, or an import that raced the deletion leaves nothing of the room. One read per write.
 */
export class ChatRecords implements ChatStore, LegStore {
    constructor(
        private readonly documents: StoredDocuments,
        private readonly writer?: IPersistence,
    ) {}

    public async save(record: ServiceRecord): Promise<SaveOutcome> {
        // Two writes per room: the year marker is the builder's (`builder/bucketBuilder.ts`).
        await this.markDirty(record.roomId, record.createdAt, recordFingerprint(record));
        await requireWriter(this.writer).updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
        if (await this.documents.isDeleted(record.roomId)) {
            await this.removeRecordAndLegs(record.roomId);
            return 'room-deleted';
        }
        return 'saved';
    }

    /** Each event its own document: two events of one chat handled at once cannot overwrite each other. */
    public async addLegEvent(roomId: string, roomCreatedAt: number, event: LegEvent): Promise<void> {
        const writer = requireWriter(this.writer);
        await writer.createWithAssociations(event, legEventAssociations(roomId, roomCreatedAt));
        if (await this.documents.isDeleted(roomId)) {
            await writer.removeByAssociations(roomLegEventsQuery(roomId));
        }
    }

    public legEvents(roomId: string): Promise<LegEvent[]> {
        return this.documents.legEvents(roomId);
    }

    public async record(roomId: string): Promise<ServiceRecord | undefined> {
        return (await this.documents.roomRecords(roomId))[0];
    }

    /** Whether the room has a record, in this layout or (not yet migrated) in layout 1. */
    public async has(roomId: string): Promise<boolean> {
        return (await this.documents.roomRecords(roomId)).length > 0 || (await this.documents.legacyRoomRecords(roomId)).length > 0;
    }

    /** The tombstone first (see the class), then the room's record and leg events; answers whether there was a record. */
    public async forget(roomId: string, deletedAt = Date.now()): Promise<boolean> {
        await requireWriter(this.writer).updateByAssociations(tombstoneAssociations(roomId, deletedAt), { roomId, deletedAt }, true);
        return this.removeRecordAndLegs(roomId);
    }

    /** Removes the room's record and its leg events; answers whether there was a record. */
    private async removeRecordAndLegs(roomId: string): Promise<boolean> {
        const writer = requireWriter(this.writer);
        await writer.removeByAssociations(roomLegEventsQuery(roomId));
        const [current, legacy] = [await this.documents.roomRecords(roomId), await this.documents.legacyRoomRecords(roomId)];
        if (current.length === 0 && legacy.length === 0) {
            return false;
        }
        for (const createdAt of new Set([...current, ...legacy].map((record) => record.createdAt))) {
            await this.markDirty(roomId, createdAt, null);
        }
        if (current.length > 0) {
            await writer.removeByAssociations(roomRecordsQuery(roomId));
        }
        if (legacy.length > 0) {
            await writer.removeByAssociations(legacyRoomRecordsQuery(roomId));
        }
        return true;
    }

    /** A marker of its own (a unique token) naming the slot and the fingerprint the room's record must have (null: none). */
    private async markDirty(roomId: string, createdAt: number, expect: string | null): Promise<void> {
        const token = uniqueToken();
        const marker: DirtyMarker = { token, slot: periodTag('slot', createdAt), roomId, expect, writtenAt: Date.now() };
        await requireWriter(this.writer).createWithAssociations(marker, dirtyMarkerAssociations(token));
    }
}
