import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import type { WithUnmappedSurvey } from '../lib/chats/survey';
import { pickUpLateRatings } from '../lib/chats/ratingPickup';
import { BUILDER_RUN_BUDGET_MS } from '../lib/storage/builder/buildRun';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { RatingWatches } from '../lib/storage/ratingWatches';
import { messageOf } from '../lib/util/messageOf';
import { runLogger } from './runLogger';

export const RATING_PICKUP_JOB = 'rating-pickup';
export const RATING_PICKUP_INTERVAL = '1 minute';

/** The recurring job that counts ratings given after the close (`lib/chats/ratingPickup.ts`). */
export async function scheduleRatingPickup(scheduler: ISchedulerModify): Promise<void> {
    await scheduler.cancelJob(RATING_PICKUP_JOB);
    await scheduler.scheduleRecurring({ id: RATING_PICKUP_JOB, interval: RATING_PICKUP_INTERVAL, skipImmediate: true });
}

export function ratingPickupProcessor(registrationLogger: ILogger): IProcessor {
    return {
        id: RATING_PICKUP_JOB,
        processor: async function (
            this: unknown,
            _context: IJobContext,
            read: IRead,
            _modify: IModify,
            _http: IHttp,
            persis: IPersistence,
        ) {
            const logger = runLogger(this, registrationLogger);
            const started = Date.now();
            try {
                const summary = await pickUpLateRatings({
                    watches: new RatingWatches(read.getPersistenceReader(), persis),
                    records: new PersistenceRecordStore(read.getPersistenceReader(), persis),
                    // The converter hands apps the room's unmapped fields, the survey among them (`lib/chats/survey.ts`).
                    room: async (roomId) => (await read.getRoomReader().getById(roomId)) as WithUnmappedSurvey | undefined,
                    now: started,
                    deadline: started + BUILDER_RUN_BUDGET_MS,
                });
                if (summary.rated > 0 || !summary.complete) {
                    logger.info(
                        `Late ratings: looked again at ${summary.looked} closed chats, ${summary.rated} rated since${summary.complete ? '' : '; the rest at the next run'}.`,
                    );
                }
            } catch (error) {
                logger.error(`Late ratings: the run failed and is tried again in ${RATING_PICKUP_INTERVAL}: ${messageOf(error)}`);
            }
        },
    };
}
