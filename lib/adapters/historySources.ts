import type { IPersistence, IPersistenceRead, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { HistoryRoomSource, ImportStatus, ImportStatusStore } from '../history/importBatch';
import { readStatus } from '../history/importBatch';
import type { ClosedLivechatRoom, WithUnmappedMetrics } from '../records/roomMetrics';
import { hasMetrics } from '../records/roomMetrics';
import { IMPORT_STATUS_TAG, tag } from '../storage/layout';

const IMPORT_STATUS = tag(IMPORT_STATUS_TAG);

/** The import's status as one record of the app's persistence. */
export class PersistenceImportStatusStore implements ImportStatusStore {
    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {}

    public async read(): Promise<ImportStatus | undefined> {
        const [status] = await this.reader.readByAssociation(IMPORT_STATUS);
        return readStatus(status as Partial<ImportStatus> | undefined);
    }

    public async write(status: ImportStatus): Promise<void> {
        if (!this.writer) {
            throw new Error('This status store was opened read-only');
        }
        await this.writer.updateByAssociation(IMPORT_STATUS, status, true);
    }
}

type RawRoomWithMetrics = IRoomRaw & WithUnmappedMetrics;

/** Livechat rooms through the room reader: `getAllRooms` pages, `getById` where metrics are missing. */
export class WorkspaceRoomSource implements HistoryRoomSource {
    constructor(private readonly read: IRead) {}

    public page(skip: number, limit: number): Promise<IRoomRaw[] | undefined> {
        return this.read.getRoomReader().getAllRooms({ types: [RoomType.LIVE_CHAT] }, { skip, limit });
    }

    public async closedRoom(room: RawRoomWithMetrics): Promise<ClosedLivechatRoom | undefined> {
        // Where the raw room carries its metrics, it already says all the record needs, and its
        // servedBy is the agent as stored at close, not as renamed since.
        if (hasMetrics(room) && room.servedBy) {
            return {
                ...(room as unknown as ILivechatRoom),
                servedBy: { id: room.servedBy._id, username: room.servedBy.username } as ILivechatRoom['servedBy'],
                department: room.departmentId ? ({ id: room.departmentId } as ILivechatRoom['department']) : undefined,
                _unmappedProperties_: room._unmappedProperties_,
            };
        }
        return (await this.read.getRoomReader().getById(room.id)) as ClosedLivechatRoom | undefined;
    }
}
