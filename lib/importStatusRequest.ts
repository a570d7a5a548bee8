import { succeeded } from './apiAnswers';
import type { ApiAnswer } from './apiAnswers';
import { IDLE_STATUS } from './historyImport';
import type { ImportStatus } from './historyImport';
import type { ReportRequest, ReportSources } from './reportRequest';
import { refuseUnlessAllowed } from './reportRequest';

export interface ImportStatusSources extends Pick<ReportSources, 'allowedRoles'> {
    status(): Promise<ImportStatus | undefined>;
    /** Starts the import over from the first room. */
    restart(): Promise<void>;
}

/** GET: where the history import stands. */
export async function answerImportStatus(request: ReportRequest, sources: ImportStatusSources): Promise<ApiAnswer> {
    return (await refuseUnlessAllowed(request.user, sources)) ?? succeeded(publicStatus((await sources.status()) ?? IDLE_STATUS));
}

/** POST: start the import again from the beginning; the records it writes replace the same rooms'. */
export async function answerImportRestart(request: ReportRequest, sources: ImportStatusSources): Promise<ApiAnswer> {
    const refused = await refuseUnlessAllowed(request.user, sources);
    if (refused) {
        return refused;
    }
    await sources.restart();
    return succeeded(publicStatus((await sources.status()) ?? IDLE_STATUS));
}

function publicStatus(status: ImportStatus): Record<string, unknown> {
    const { state, scanned, imported, skipped, failed, startedAt, updatedAt, finishedAt, lastError } = status;
    return { state, scanned, imported, skipped, failed, startedAt, updatedAt, finishedAt, lastError };
}
