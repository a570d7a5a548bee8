import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { PersistenceRecordStore } from '../lib/adapters/persistenceRecordStore';

export const BUCKET_BUILDER_JOB = 'bucket-builder';
/** How far buckets may lag the records; until then reports read the newest days' records instead. */
export const BUCKET_BUILDER_INTERVAL = '10 seconds';

/** The recurring job that keeps buckets up to date; Agenda runs it on one instance at a time. */
export async function scheduleBucketBuilder(scheduler: ISchedulerModify): Promise<void> {
    await scheduler.cancelJob(BUCKET_BUILDER_JOB);
    await scheduler.scheduleRecurring({ id: BUCKET_BUILDER_JOB, interval: BUCKET_BUILDER_INTERVAL, skipImmediate: false });
}

export function bucketBuilderProcessor(logger: ILogger): IProcessor {
    return {
        id: BUCKET_BUILDER_JOB,
        processor: async (_jobContext: IJobContext, read: IRead, _modify: IModify, _http: IHttp, persis: IPersistence) => {
            const summary = await new PersistenceRecordStore(read.getPersistenceReader(), persis).rebuildBuckets();
            if (summary.markers > 0 || summary.fullRebuild) {
                logger.debug(
                    `Buckets rebuilt: ${summary.days} days, ${summary.months} months, ${summary.markers} new records${summary.fullRebuild ? ' (full rebuild)' : ''}`,
                );
            }
        },
    };
}
