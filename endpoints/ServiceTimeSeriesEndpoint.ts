import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { workspaceSeriesSources } from '../lib/workspace/reportSources';
import { toApiResponse } from '../lib/http/answers';
import { answerSeries } from '../lib/http/answerSeries';
import { SERIES_PATH } from '../lib/http/routes';
import { AppEndpoint } from './AppEndpoint';

/** `GET .../livechat/analytics/agents/service-time-series`: chats and service time per day, week or month, in a timezone. */
export class ServiceTimeSeriesEndpoint extends AppEndpoint {
    public readonly path = SERIES_PATH;
    public authRequired = true;

    public async get(
        request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        read: IRead,
        _modify: IModify,
        _http: IHttp,
        _persis: IPersistence,
    ): Promise<IApiResponse> {
        return toApiResponse(await answerSeries(request, workspaceSeriesSources(read)));
    }
}
