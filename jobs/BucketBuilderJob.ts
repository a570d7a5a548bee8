import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import type { RebuildSummary } from '../lib/storage/builder/buildRun';
import { readRetentionCutoff } from '../lib/workspace/workspaceSettings';
import { messageOf } from '../lib/util/messageOf';
import { runLogger } from './runLogger';

export const BUCKET_BUILDER_JOB = 'bucket-builder';
/** How far buckets may lag the records; until then reports read the newest days' records instead. */
export const BUCKET_BUILDER_INTERVAL = '10 seconds';

/**
 * Past this many writes waiting at the start of a run (about eight minutes of closes at 20 per second),
 * the builder is behind: every report reads each waiting write's marker, so it says so.
 */
const LAGGING_MARKERS = 10_000;

/** The recurring job that keeps buckets up to date; Agenda runs it on one instance at a time. */
export async function scheduleBucketBuilder(scheduler: ISchedulerModify): Promise<void> {
    await scheduler.cancelJob(BUCKET_BUILDER_JOB);
    await scheduler.scheduleRecurring({ id: BUCKET_BUILDER_JOB, interval: BUCKET_BUILDER_INTERVAL, skipImmediate: false });
}

export function bucketBuilderProcessor(registrationLogger: ILogger): IProcessor {
    return {
        id: BUCKET_BUILDER_JOB,
        processor: async function (
            this: unknown,
            _jobContext: IJobContext,
            read: IRead,
            _modify: IModify,
            _http: IHttp,
            persis: IPersistence,
        ) {
            const logger = runLogger(this, registrationLogger);
            const store = new PersistenceRecordStore(read.getPersistenceReader(), persis);
            let summary: RebuildSummary | undefined;
            try {
                // One run at a time, every write fenced (a run Rocket.Chat stopped waiting for may still be going).
                summary = await store.underBuilderLease(async (leased) => {
                    const built = await leased.rebuildBuckets();
                    await leased.pruneTombstones();
                    const cutoff = await readRetentionCutoff(read);
                    if (cutoff !== undefined) {
                        const removed = await leased.pruneBefore(cutoff);
                        if (removed > 0) {
                            logger.info(`Retention: removed ${removed} records of rooms created before ${new Date(cutoff).toISOString()}.`);
                        }
                    }
                    return built;
                });
                if (!summary) {
                    logger.debug('Bucket builder: an earlier run is still going; this one leaves the work to it.');
                    return;
                }
            } catch (error) {
                // Reports stay exact meanwhile: they read the records of every day still marked.
                logger.error(`Bucket builder: the run failed and is tried again in ${BUCKET_BUILDER_INTERVAL}: ${messageOf(error)}`);
                return;
            }
            for (const { month, error } of summary.failures) {
                logger.error(
                    `Bucket builder: ${month} could not be rebuilt (${error}); its reports read records until a later run succeeds.`,
                );
            }
            for (const roomId of summary.abandoned) {
                logger.warn(`Bucket builder: the save of room ${roomId} never landed; the buckets count what was stored.`);
            }
            if (summary.markers > LAGGING_MARKERS) {
                logger.warn(
                    `Bucket builder: ${summary.markers} writes were waiting for this run; reports stay exact but read each one until the builder catches up.`,
                );
            }
            if (summary.migrated > 0) {
                logger.info(`Moved ${summary.migrated} records stored by version 1.0 to the new storage layout.`);
            }
            if (summary.markers > 0 || summary.fullRebuild) {
                logger.debug(
                    `Buckets rebuilt: ${summary.viewsWritten} bucket views written; ${summary.markers} writes seen, ${summary.pending} not landed yet` +
                        (summary.fullRebuild ? ' (full rebuild)' : ''),
                );
            }
        },
    };
}
