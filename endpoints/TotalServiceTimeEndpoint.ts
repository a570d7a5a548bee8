import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { workspaceReportSources } from '../lib/adapters/reportSources';
import { toApiResponse } from '../lib/api/answers';
import { answerAgentsReport } from '../lib/report/answerReport';
import { TOTAL_SERVICE_TIME } from '../lib/report/shapes';
import { AppEndpoint } from './AppEndpoint';

/** `GET .../livechat/analytics/agents/total-service-time`, the core's sibling of the average report. */
export class TotalServiceTimeEndpoint extends AppEndpoint {
    public path = 'livechat/analytics/agents/total-service-time';
    public authRequired = true;

    public async get(
        request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        read: IRead,
        _modify: IModify,
        _http: IHttp,
        _persis: IPersistence,
    ): Promise<IApiResponse> {
        return toApiResponse(await answerAgentsReport(request, workspaceReportSources(read), TOTAL_SERVICE_TIME));
    }
}
