import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';

import type { LegStore } from './chatStore';
import { withLegsOf } from './chatLegs';
import type { ChatStore } from './chatStore';
import type { ClosedLivechatRoom } from './roomMetrics';
import { isBeyondRetention } from './retention';
import { decideServiceRecord } from './serviceRecord';
import type { RecordDecision } from './serviceRecord';
import { messageOf } from '../util/messageOf';
import type { Pause } from '../util/retry';
import { pauseFor, SAVE_ATTEMPTS, withRetries } from '../util/retry';

/**
 * A closed room becomes a service record in the store, or a debug line saying why it does not
 * count; with its legs (`legs/chatLegs.ts`) when the app saw the chat change hands. A failing read
 * or write is tried again (`SAVE_ATTEMPTS`); one that still fails is logged with the room id, for a
 * later history import to repair, and the answer says it was not recorded. A room created before
 * `keepSince` (the retention's cut-off) is not recorded, as the history import leaves it out.
 */
export async function recordClosedRoom(
    room: ClosedLivechatRoom,
    store: Pick<ChatStore, 'save'> & Pick<LegStore, 'legEvents'>,
    logger: Pick<ILogger, 'debug' | 'error'>,
    pause: Pause = pauseFor,
    keepSince?: number,
): Promise<RecordDecision> {
    let decision = decideServiceRecord(room);
    // Created before the retention's cut-off: its month may be pruned already, and a record now would stay for good.
    if (decision.counts && isBeyondRetention(decision.record.createdAt, keepSince)) {
        decision = {
            counts: false,
            reason: `room ${room.id} was created before the retention keeps (${new Date(keepSince as number).toISOString()})`,
        };
    }
    if (!decision.counts) {
        logger.debug(`Not recorded: ${decision.reason}`);
        return decision;
    }
    try {
        // The upsert is idempotent: a retry cannot count the room twice.
        const saved = await withRetries(async () => {
            const withLegs = withLegsOf(decision.record, await store.legEvents(room.id));
            return { record: withLegs, outcome: await store.save(withLegs) };
        }, pause);
        if (saved.outcome === 'room-deleted') {
            logger.debug(`Not recorded: room ${room.id} was deleted`);
            return { counts: false, reason: `room ${room.id} was deleted` };
        }
        return { counts: true, record: saved.record };
    } catch (error) {
        const why = messageOf(error);
        logger.error(
            `Could not record room ${room.id} after ${SAVE_ATTEMPTS} attempts (${why}); the history import (POST livechat/analytics/history-import) will record it.`,
        );
        return { counts: false, reason: `room ${room.id} could not be written: ${why}` };
    }
}
