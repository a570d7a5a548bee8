import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import type { ChatStore, LegStore } from '../chats/chatStore';
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
} from './layout';

/**
 * The chats' records and leg events in the app's persistence: what a close, a routing event, a
 * deletion and the history import write. No write touches a bucket: a save writes a marker of its
 * own naming the record's slot, and only then the record, so whatever prefix of a save lands, the
 * slot is marked before its record changes (the builder, `builder/`, settles it).
 */
export class ChatRecords implements ChatStore, LegStore {
    constructor(
        private readonly documents: StoredDocuments,
        private readonly writer?: IPersistence,
    ) {}

    public async save(record: ServiceRecord): Promise<void> {
        // Two writes per room: the year marker is the builder's (`builder/bucketBuilder.ts`).
        await this.markDirty(record.roomId, record.createdAt, recordFingerprint(record));
        await requireWriter(this.writer).updateByAssociations(recordAssociations(record.roomId, record.createdAt), record, true);
    }

    /** Each event its own document: two events of one chat handled at once cannot overwrite each other. */
    public async addLegEvent(roomId: string, roomCreatedAt: number, event: LegEvent): Promise<void> {
        await requireWriter(this.writer).createWithAssociations(event, legEventAssociations(roomId, roomCreatedAt));
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

    /** Removes the room's record and its leg events; answers whether there was a record. */
    public async remove(roomId: string): Promise<boolean> {
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
