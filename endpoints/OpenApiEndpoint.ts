import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { openApiDocument } from '../lib/http/openapi';
import { AppEndpoint } from './AppEndpoint';

/** `GET .../openapi.json`: the OpenAPI document of the app's endpoints; public, as API documents are. */
export class OpenApiEndpoint extends AppEndpoint {
    public path = 'openapi.json';

    public async get(
        _request: IApiRequest,
        _endpoint: IApiEndpointInfo,
        _read: IRead,
        _modify: IModify,
        _http: IHttp,
        _persis: IPersistence,
    ): Promise<IApiResponse> {
        return this.json({ status: 200, content: openApiDocument(this.app.getID(), this.app.getVersion()) });
    }
}
