import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { PersistenceImportStatusStore } from '../lib/workspace/historySources';
import { readReportRoles } from '../lib/workspace/workspaceSettings';
import { toApiResponse } from '../lib/http/answers';
import { answerImportStart, answerImportStatus } from '../lib/http/answerImportStatus';
import type { ImportStatusSources } from '../lib/http/answerImportStatus';
import { startImport } from '../jobs/HistoryImportJob';
import { HISTORY_IMPORT_PATH } from '../lib/http/routes';
import { AppEndpoint } from './AppEndpoint';

/** `GET` the history import's progress; `POST` starts it (a failed import resumes where it stopped; a running one answers 409). */
export class HistoryImportEndpoint extends AppEndpoint {
    public path = HISTORY_IMPORT_PATH;
    public authRequired = true;

    public async get(
        request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        read: IRead,
        modify: IModify,
        _http: IHttp,
        persis: IPersistence,
    ): Promise<IApiResponse> {
        return toApiResponse(await answerImportStatus(request, importSources(read, modify, persis)));
    }

    public async post(
        request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        read: IRead,
        modify: IModify,
        _http: IHttp,
        persis: IPersistence,
    ): Promise<IApiResponse> {
        return toApiResponse(await answerImportStart(request, importSources(read, modify, persis)));
    }
}

function importSources(read: IRead, modify: IModify, persis: IPersistence): ImportStatusSources {
    const statusStore = new PersistenceImportStatusStore(read.getPersistenceReader(), persis);
    return {
        allowedRoles: () => readReportRoles(read),
        status: () => statusStore.read(),
        start: (current) => startImport(read, persis, modify.getScheduler(), current),
    };
}
