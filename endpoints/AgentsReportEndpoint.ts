import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import { workspaceReportSources } from '../lib/adapters/reportSources';
import { toApiResponse } from '../lib/api/answers';
import { answerAgentsReport } from '../lib/report/answerReport';
import type { ReportShape } from '../lib/report/shapes';
import { AppEndpoint } from './AppEndpoint';

/**
 * `GET .../livechat/analytics/agents/<report>`, as Rocket.Chat Enterprise serves it: one class for
 * every agents report (average and total service time), which differ only in their shape.
 */
export class AgentsReportEndpoint<Item> extends AppEndpoint {
    public readonly path: string;
    public authRequired = true;

    constructor(
        app: IApp,
        private readonly shape: ReportShape<Item>,
    ) {
        super(app);
        this.path = `livechat/analytics/agents/${shape.name}`;
    }

    public async get(
        request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        read: IRead,
        _modify: IModify,
        _http: IHttp,
        _persis: IPersistence,
    ): Promise<IApiResponse> {
        return toApiResponse(await answerAgentsReport(request, workspaceReportSources(read), this.shape));
    }
}
