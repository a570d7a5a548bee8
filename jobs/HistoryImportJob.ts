import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { PersistenceImportStatusStore, WorkspaceRoomSource } from '../lib/workspace/historySources';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { readRetentionCutoff } from '../lib/workspace/workspaceSettings';
import type { ImportBatchContext, ImportStatus, ImportStatusStore } from '../lib/history/importBatch';
import { markFailed, nextAfterFailure, resumedOrStarted, runImportBatch } from '../lib/history/importBatch';
import { messageOf } from '../lib/util/messageOf';
import { uniqueToken } from '../lib/util/uniqueToken';
import { runLogger } from './runLogger';

export const HISTORY_IMPORT_JOB = 'history-import-batch';
/** Pages of 100 rooms per job: a job stays short, and each saves its cursor. */
export const PAGES_PER_JOB = 5;

interface ImportJobData {
    /** Absent on the job that starts or resumes the import after an enable; present on each next batch. */
    runId?: string;
    /** How many times this batch has thrown already. */
    attempt?: number;
}

/** Queues the import's next batch; pending batches of the job are dropped first, so one chain runs. */
export async function scheduleImportBatch(scheduler: ISchedulerModify, data: ImportJobData, delayMs = 0): Promise<void> {
    await scheduler.cancelJob(HISTORY_IMPORT_JOB);
    await scheduler.scheduleOnce({ id: HISTORY_IMPORT_JOB, when: new Date(Date.now() + delayMs), data });
}

/** Gives the import to a new chain of jobs, from its place or from the first room (`resumedOrStarted`). */
async function claimImport(statusStore: ImportStatusStore, current: ImportStatus | undefined): Promise<ImportStatus & { runId: string }> {
    const runId = uniqueToken();
    const started = { ...resumedOrStarted(current, new Date(), runId), runId };
    await statusStore.write(started);
    return started;
}

/**
 * Starts the import from the status the caller read (from its place if it failed, else from the
 * first room), taking it from any chain still queued; answers the status it wrote.
 */
export async function startImport(
    read: IRead,
    persis: IPersistence,
    scheduler: ISchedulerModify,
    current: ImportStatus | undefined,
): Promise<ImportStatus> {
    const started = await claimImport(new PersistenceImportStatusStore(read.getPersistenceReader(), persis), current);
    await scheduleImportBatch(scheduler, { runId: started.runId });
    return started;
}

/**
 * The scheduled job behind the history import. Without a run id it is the kick of an enable: it
 * starts the import the first time, and resumes one that was running or had failed. A batch that
 * throws is tried again with a growing wait, then the import is marked failed with where it stopped.
 */
export function historyImportProcessor(registrationLogger: ILogger): IProcessor {
    return {
        id: HISTORY_IMPORT_JOB,
        processor: async function (
            this: unknown,
            jobContext: IJobContext,
            read: IRead,
            modify: IModify,
            _http: IHttp,
            persis: IPersistence,
        ) {
            const logger = runLogger(this, registrationLogger);
            const data = jobContext as ImportJobData;
            const records = new PersistenceRecordStore(read.getPersistenceReader(), persis);
            const context: ImportBatchContext = {
                status: new PersistenceImportStatusStore(read.getPersistenceReader(), persis),
                rooms: new WorkspaceRoomSource(read),
                records,
                deletionsSince: (at) => records.deletionsSince(at),
                logger,
                now: () => new Date(),
                keepSince: await readRetentionCutoff(read),
            };
            let runId = data.runId;
            try {
                if (!runId) {
                    const status = await context.status.read();
                    if (status?.state === 'done') {
                        return; // only a POST starts a finished import again
                    }
                    runId = (await claimImport(context.status, status)).runId;
                }
                if ((await runImportBatch(context, runId, PAGES_PER_JOB)) === 'continue') {
                    await scheduleImportBatch(modify.getScheduler(), { runId });
                }
            } catch (error) {
                const attempt = (data.attempt ?? 0) + 1;
                const delayMs = nextAfterFailure(attempt);
                if (delayMs !== undefined) {
                    logger.warn(`History import: try ${attempt} of a batch failed (${messageOf(error)}); trying again in ${delayMs} ms.`);
                    await scheduleImportBatch(modify.getScheduler(), { runId, attempt }, delayMs);
                    return;
                }
                logger.error(`History import: a batch failed ${attempt} times (${messageOf(error)}); the import is marked failed.`);
                if (runId) {
                    // If even this write fails, the status stays `running`, and the next enable resumes it.
                    await markFailed(context, runId, error).catch((writeError: unknown) =>
                        logger.error(`History import: its status could not be written either: ${messageOf(writeError)}`),
                    );
                }
            }
        },
    };
}
