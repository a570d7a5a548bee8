import type { ApiAnswer } from '../api/answers';
import { succeeded } from '../api/answers';
import type { AppRequest } from '../api/guard';
import { guard } from '../api/guard';
import { IDLE_STATUS } from './importBatch';
import type { ImportStatus } from './importBatch';

export interface ImportStatusSources {
    allowedRoles(): Promise<string[]>;
    status(): Promise<ImportStatus | undefined>;
    /** Starts the import over from the first room. */
    restart(): Promise<void>;
}

/** GET: where the history import stands. */
export async function answerImportStatus(request: AppRequest, sources: ImportStatusSources): Promise<ApiAnswer> {
    const allowed = await guard(request, () => sources.allowedRoles());
    return allowed.ok ? succeeded(publicStatus((await sources.status()) ?? IDLE_STATUS)) : allowed.answer;
}

/** POST: start the import again from the beginning; the records it writes replace the same rooms'. */
export async function answerImportRestart(request: AppRequest, sources: ImportStatusSources): Promise<ApiAnswer> {
    const allowed = await guard(request, () => sources.allowedRoles());
    if (!allowed.ok) {
        return allowed.answer;
    }
    await sources.restart();
    return succeeded(publicStatus((await sources.status()) ?? IDLE_STATUS));
}

function publicStatus(status: ImportStatus): Record<string, unknown> {
    const { state, scanned, imported, skipped, failed, startedAt, updatedAt, finishedAt, lastError } = status;
    return { state, scanned, imported, skipped, failed, startedAt, updatedAt, finishedAt, lastError };
}
