import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { ChatStore } from './chatStore';
import type { Pause } from '../util/retry';
import { pauseFor, withRetries } from '../util/retry';

/**
 * A deleted livechat room no longer counts in the core's report (its aggregation reads the rooms
 * that exist), so its record goes too, and the store remembers the deletion, so that no close, leg
 * event or import of the room handled later brings it back. Rocket.Chat fires `IPostRoomDeleted`
 * after it erased a room (apps/meteor/server/lib/eraseRoom.ts). Other room types have no record: no
 * read is spent on them. A failing write is tried again (`SAVE_ATTEMPTS`).
 */
export async function forgetDeletedRoom(
    room: Pick<IRoom, 'id' | 'type'>,
    store: Pick<ChatStore, 'forget'>,
    logger: Pick<ILogger, 'debug'>,
    pause: Pause = pauseFor,
): Promise<boolean> {
    if (room.type !== RoomType.LIVE_CHAT) {
        return false;
    }
    const removed = await withRetries(() => store.forget(room.id), pause);
    logger.debug(removed ? `Room ${room.id} was deleted: its record is removed.` : `Room ${room.id} was deleted; it had no record.`);
    return removed;
}
