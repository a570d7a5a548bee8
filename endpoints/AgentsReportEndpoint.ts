import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import { toApiResponse } from '../lib/http/answers';
import { agentsReportPath } from '../lib/http/routes';
import type { AgentTotals } from '../lib/reports/agentTotals';
import type { ReportSources } from '../lib/http/answerReport';
import { answerAgentsReport } from '../lib/http/answerReport';
import type { ReportShape } from '../lib/reports/shapes';
import { AppEndpoint } from './AppEndpoint';

/**
 * `GET .../livechat/analytics/agents/<report>`, as Rocket.Chat Enterprise serves it: one class for
 * every paginated agents report (average and total service time, stats), which differ only in their
 * shape and in what they read of each agent.
 */
export class AgentsReportEndpoint<Item, Row = AgentTotals> extends AppEndpoint {
    public readonly path: string;
    public authRequired = true;

    constructor(
        app: IApp,
        private readonly shape: ReportShape<Item, Row>,
        private readonly sources: (read: IRead) => ReportSources<Row>,
    ) {
        super(app);
        this.path = agentsReportPath(shape.name);
    }

    public async get(
        request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        read: IRead,
        _modify: IModify,
        _http: IHttp,
        _persis: IPersistence,
    ): Promise<IApiResponse> {
        return toApiResponse(await answerAgentsReport(request, this.sources(read), this.shape));
    }
}
