import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { readBusinessHoursSetting, readReportRoles } from '../lib/workspace/workspaceSettings';
import { toApiResponse } from '../lib/http/answers';
import { BUSINESS_HOURS_PATH } from '../lib/http/routes';
import { answerBusinessHours } from '../lib/http/answerBusinessHours';
import { AppEndpoint } from './AppEndpoint';

/** `GET .../livechat/analytics/business-hours`: whether the "Business hours" setting reads, and what is wrong if not. */
export class BusinessHoursEndpoint extends AppEndpoint {
    public readonly path = BUSINESS_HOURS_PATH;
    public authRequired = true;

    public async get(request: IApiRequest, _endpoint: IApiEndpointInfo, read: IRead): Promise<IApiResponse> {
        return toApiResponse(
            await answerBusinessHours(request, {
                allowedRoles: () => readReportRoles(read),
                businessHoursSetting: () => readBusinessHoursSetting(read),
            }),
        );
    }
}
