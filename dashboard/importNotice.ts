import type { DashboardStrings } from '../lib/dashboard/strings';
import { HISTORY_IMPORT_PATH } from '../lib/http/routes';
import type { ApiClient } from './api';
import { el } from './dom';

/** The history import's status, as `answerImportStatus.ts` writes it (the fields the notice reads). */
interface ImportStatus {
    state: 'idle' | 'running' | 'done' | 'failed' | 'unavailable';
    scanned: number;
    imported: number;
    lastError: string | null;
}

const IMPORT_POLL_MS = 3000;

/** While the history import runs, its progress above the figures (announced to screen readers); when it ends, `onDone` reads them again. */
export class ImportNotice {
    public readonly element = el('p', { class: 'notice', attrs: { id: 'import', role: 'status', 'aria-live': 'polite' } });
    private timer: number | undefined;

    constructor(
        private readonly api: ApiClient,
        private readonly strings: DashboardStrings,
        private readonly onDone: () => void,
    ) {
        this.element.hidden = true;
    }

    public async watch(): Promise<void> {
        window.clearTimeout(this.timer);
        let status: ImportStatus;
        try {
            status = await this.api.json<ImportStatus>(HISTORY_IMPORT_PATH);
        } catch {
            return; // the reports still answer; the notice is only a courtesy
        }
        const wasRunning = !this.element.hidden && this.element.dataset.state === 'running';
        this.element.dataset.state = status.state;
        if (status.state === 'running') {
            this.element.hidden = false;
            this.element.textContent = this.strings.importRunning(status.scanned, status.imported);
            this.timer = window.setTimeout(() => void this.watch(), IMPORT_POLL_MS);
        } else if (status.state === 'failed') {
            this.element.hidden = false;
            this.element.textContent = this.strings.importFailed(status.lastError ?? '');
        } else {
            this.element.hidden = true;
            if (wasRunning) {
                this.onDone();
            }
        }
    }
}
