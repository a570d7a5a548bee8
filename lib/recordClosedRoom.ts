import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';

import type { RecordStore } from './adapters/persistenceRecordStore';
import { decideServiceRecord } from './serviceRecord';
import type { ClosedLivechatRoom, RecordDecision } from './serviceRecord';

/** A closed room becomes a service record in the store, or a debug line saying why it does not count. */
export async function recordClosedRoom(room: ClosedLivechatRoom, store: RecordStore, logger: Pick<ILogger, 'debug'>): Promise<RecordDecision> {
    const decision = decideServiceRecord(room);
    if (decision.counts) {
        await store.save(decision.record);
    } else {
        logger.debug(`Not recorded: ${decision.reason}`);
    }
    return decision;
}
