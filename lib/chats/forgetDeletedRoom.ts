import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { ChatStore } from './chatStore';

/**
 * A deleted livechat room no longer counts in the core's report (its aggregation reads the rooms
 * that exist), so its record goes too. Rocket.Chat fires `IPostRoomDeleted` after it erased a room
 * (apps/meteor/server/lib/eraseRoom.ts). Other room types have no record: no read is spent on them.
 */
export async function forgetDeletedRoom(
    room: Pick<IRoom, 'id' | 'type'>,
    store: Pick<ChatStore, 'remove'>,
    logger: Pick<ILogger, 'debug'>,
): Promise<boolean> {
    if (room.type !== RoomType.LIVE_CHAT) {
        return false;
    }
    const removed = await store.remove(room.id);
    logger.debug(removed ? `Room ${room.id} was deleted: its record is removed.` : `Room ${room.id} was deleted; it had no record.`);
    return removed;
}
