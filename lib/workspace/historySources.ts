import type { IPersistence, IPersistenceRead, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { HistoryRoomSource, ImportStatus, ImportStatusStore, ListedRoom, RoomListingRefusal } from '../history/importBatch';
import { readStatus } from '../history/importBatch';
import type { ClosedLivechatRoom, WithUnmappedMetrics } from '../chats/roomMetrics';
import { hasMetrics } from '../chats/roomMetrics';
import { tag } from '../storage/layout';
import { IMPORT_STATUS_TAG } from '../storage/versions';
import { messageOf } from '../util/messageOf';

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

type ListedRoomWithMetrics = ListedRoom & WithUnmappedMetrics;

/**
 * `IRoomRead.getAllRooms` (Apps-Engine 1.59 on), declared here so that the app also compiles against
 * the floor's definitions (tsconfig.floor.json), which lack it.
 */
interface RoomLister {
    getAllRooms(filters: { types?: RoomType[] }, options: { skip?: number; limit?: number }): Promise<ListedRoom[] | undefined>;
}

/**
 * How an engine without `getAllRooms` (before 1.59) refuses its call: its Deno runtime forwards any
 * accessor method to the server, which refuses one it lacks with `Invalid accessor method "..."`
 * (`handleAccessorMessage` in Rocket.Chat's packages/apps-engine/src/server/runtime/deno/AppsEngineDenoRuntime.ts).
 * An in-process runtime has no such function at all: `page` checks that first.
 */
const MISSING_GET_ALL_ROOMS = /Invalid accessor method "getAllRooms"/;

/** Livechat rooms through the room reader: `getAllRooms` pages, `getById` where metrics are missing. */
export class WorkspaceRoomSource implements HistoryRoomSource {
    constructor(private readonly read: IRead) {}

    public async page(skip: number, limit: number): Promise<ListedRoom[] | RoomListingRefusal> {
        // Read as any object: against the floor's IRoomRead, which has no getAllRooms, TypeScript would refuse the Partial.
        const reader: Partial<RoomLister> = this.read.getRoomReader() as object;
        if (typeof reader.getAllRooms !== 'function') {
            return 'unsupported';
        }
        try {
            // The engine answers nothing (and logs the refusal) when the app lacks room.system.view-all.
            const rooms = await reader.getAllRooms({ types: [RoomType.LIVE_CHAT] }, { skip, limit });
            return rooms ?? 'not-permitted';
        } catch (error) {
            if (MISSING_GET_ALL_ROOMS.test(messageOf(error))) {
                return 'unsupported';
            }
            throw error;
        }
    }

    public async closedRoom(room: ListedRoomWithMetrics): Promise<ClosedLivechatRoom | undefined> {
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
