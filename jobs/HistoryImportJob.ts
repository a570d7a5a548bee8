import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { PersistenceImportStatusStore, WorkspaceRoomSource } from '../lib/adapters/historySources';
import { PersistenceRecordStore } from '../lib/adapters/persistenceRecordStore';
import { runImportBatch, startedStatus } from '../lib/history/importBatch';
import { uniqueToken } from '../lib/util/uniqueToken';

export const HISTORY_IMPORT_JOB = 'history-import-batch';
/** Pages of 100 rooms per job: a job stays short, and each saves its cursor. */
export const PAGES_PER_JOB = 5;

interface ImportJobData {
    /** Absent on the job that (re)starts the import after an enable; present on each next batch. */
    runId?: string;
}

/** Queues the import's next batch; pending batches of the job are dropped first, so one chain runs. */
export async function scheduleImportBatch(scheduler: ISchedulerModify, data: ImportJobData): Promise<void> {
    await scheduler.cancelJob(HISTORY_IMPORT_JOB);
    await scheduler.scheduleOnce({ id: HISTORY_IMPORT_JOB, when: new Date(), data });
}

/** Starts the import over from the first room, taking it from any chain still running. */
export async function restartImport(read: IRead, persis: IPersistence, scheduler: ISchedulerModify): Promise<void> {
    const runId = uniqueToken();
    await new PersistenceImportStatusStore(read.getPersistenceReader(), persis).write(startedStatus(new Date(), runId));
    await scheduleImportBatch(scheduler, { runId });
}

/**
 * The scheduled job behind the history import. Without a run id it is the kick of an enable: it
 * starts the import the first time, or takes over one that was running when the app stopped.
 */
export function historyImportProcessor(logger: ILogger): IProcessor {
    return {
        id: HISTORY_IMPORT_JOB,
        processor: async (jobContext: IJobContext, read: IRead, modify: IModify, _http: IHttp, persis: IPersistence) => {
            const data = jobContext as ImportJobData;
            const statusStore = new PersistenceImportStatusStore(read.getPersistenceReader(), persis);
            let runId = data.runId;
            if (!runId) {
                const status = await statusStore.read();
                if (status && status.state !== 'idle' && status.state !== 'running') {
                    return; // done or failed: only a POST starts it again
                }
                runId = uniqueToken();
                await statusStore.write(status?.state === 'running' ? { ...status, runId } : startedStatus(new Date(), runId));
            }
            const outcome = await runImportBatch(
                {
                    status: statusStore,
                    rooms: new WorkspaceRoomSource(read),
                    records: new PersistenceRecordStore(read.getPersistenceReader(), persis),
                    logger,
                    now: () => new Date(),
                },
                runId,
                PAGES_PER_JOB,
            );
            if (outcome === 'continue') {
                await modify.getScheduler().scheduleOnce({ id: HISTORY_IMPORT_JOB, when: new Date(), data: { runId } });
            }
        },
    };
}
