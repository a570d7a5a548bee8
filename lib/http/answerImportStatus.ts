import type { ApiAnswer } from './answers';
import { importAlreadyRunning, succeeded } from './answers';
import type { AppRequest } from './guard';
import { guard } from './guard';
import { IDLE_STATUS } from '../history/importBatch';
import type { ImportStatus } from '../history/importBatch';

export interface ImportStatusSources {
    allowedRoles(): Promise<string[]>;
    status(): Promise<ImportStatus | undefined>;
    /** Starts the import from the status just read: from its place if it failed, else from the first room. Answers the new status. */
    start(current: ImportStatus | undefined): Promise<ImportStatus>;
}

/** GET: where the history import stands. */
export async function answerImportStatus(request: AppRequest, sources: ImportStatusSources): Promise<ApiAnswer> {
    const allowed = await guard(request, () => sources.allowedRoles());
    return allowed.ok ? succeeded(publicStatus((await sources.status()) ?? IDLE_STATUS)) : allowed.answer;
}

/**
 * POST: start the import. One that is running is not restarted (409, with its status): a restart
 * would only start the same work over. One that failed resumes from where it stopped; one that is
 * done starts from the first room again and records only the rooms that have no record yet.
 */
export async function answerImportStart(request: AppRequest, sources: ImportStatusSources): Promise<ApiAnswer> {
    const allowed = await guard(request, () => sources.allowedRoles());
    if (!allowed.ok) {
        return allowed.answer;
    }
    const current = await sources.status();
    if (current?.state === 'running') {
        return importAlreadyRunning(publicStatus(current));
    }
    return succeeded(publicStatus(await sources.start(current)));
}

function publicStatus(status: ImportStatus): Record<string, unknown> {
    const { state, scanned, imported, alreadyRecorded, skipped, failed, startedAt, updatedAt, finishedAt, lastError } = status;
    return { state, scanned, imported, alreadyRecorded, skipped, failed, startedAt, updatedAt, finishedAt, lastError };
}
