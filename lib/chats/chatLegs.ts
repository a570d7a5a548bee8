import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { LegStore } from './chatStore';
import type { ServiceRecord } from './serviceRecord';
import { toEpochMs } from './serviceRecord';
import { messageOf } from '../util/messageOf';
import type { Pause } from '../util/retry';
import { pauseFor, SAVE_ATTEMPTS, withRetries } from '../util/retry';
import type { LegEvent } from '../legs/legs';
import { eventTime, legsOfChat } from '../legs/legs';

/** The room of a livechat event, as the event hands it to apps: only what the legs need. */
export type LegRoom = Pick<IRoom, 'id' | 'type' | 'createdAt' | 'updatedAt'>;

/** An event's agent side: who took the chat or let it go, and for a transfer who had it. */
export type LegChange = Omit<LegEvent, 'at'>;

/**
 * Keeps one event of a chat's legs: stamped with its time (`eventTime`), written as its own document.
 * An event that comes after the chat's close (events are fired asynchronously, and may be delivered
 * late) also rewrites the closed chat's legs. A write that keeps failing is tried a few times, then
 * given up with an error line: the legs then bridge the gap as for an event never delivered.
 */
export async function recordLegEvent(
    room: LegRoom,
    change: LegChange,
    store: LegStore,
    logger: Pick<ILogger, 'debug' | 'error'>,
    handledAt = Date.now(),
    pause: Pause = pauseFor,
): Promise<LegEvent | undefined> {
    if (room.type !== RoomType.LIVE_CHAT) {
        return undefined;
    }
    const createdAt = toEpochMs(room.createdAt);
    if (createdAt === undefined) {
        logger.debug(`Leg event of room ${room.id} not kept: the room has no creation time`);
        return undefined;
    }
    const event: LegEvent = { ...change, at: eventTime(toEpochMs(room.updatedAt), createdAt, handledAt) };
    try {
        await withRetries(() => store.addLegEvent(room.id, createdAt, event), pause);
        // Read again on every try: a retry after a failed save rebuilds from what is stored then.
        await withRetries(async () => {
            const closed = await store.record(room.id);
            if (closed) {
                await store.save(withLegsOf(closed, await store.legEvents(room.id)));
                logger.debug(`Room ${room.id} had closed already: its legs are rebuilt with this late ${event.kind} event`);
            }
        }, pause);
    } catch (error) {
        logger.error(`Could not keep the ${event.kind} event of room ${room.id} after ${SAVE_ATTEMPTS} attempts (${messageOf(error)}).`);
        return undefined;
    }
    return event;
}

/**
 * A closed chat's record with its legs, when the app saw any event of the chat and the record knows
 * its close; otherwise as it is (the reports then credit the core's single leg).
 */
export function withLegsOf(record: ServiceRecord, events: readonly LegEvent[]): ServiceRecord {
    if (events.length === 0 || record.closedAt === undefined) {
        return record;
    }
    const legs = legsOfChat(events, {
        agentId: record.agentId,
        username: record.username,
        closedAt: record.closedAt,
        serviceTimeMs: record.durationMs,
    });
    return { ...record, legs };
}
