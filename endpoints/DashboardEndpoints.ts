import { HttpStatusCode } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import { workspaceDashboardSources } from '../lib/workspace/dashboardSources';
import { toApiResponse } from '../lib/http/answers';
import { DASHBOARD_ASSETS } from '../lib/dashboard/assets';
import { answerDashboardContext } from '../lib/dashboard/context';
import { dashboardHeaders, dashboardShell } from '../lib/dashboard/page';
import { AppEndpoint } from './AppEndpoint';
import { DASHBOARD_ROUTES } from '../lib/http/routes';

/**
 * `GET .../dashboard`: the page, without credentials (a browser opening a link sends no
 * `X-Auth-Token`). It holds no data: its script reads the reports as the logged-in user.
 */
export class DashboardPageEndpoint extends AppEndpoint {
    public path = DASHBOARD_ROUTES.page;

    public async get(): Promise<IApiResponse> {
        return {
            status: HttpStatusCode.OK,
            headers: dashboardHeaders('text/html; charset=utf-8'),
            content: dashboardShell(this.app.getVersion()),
        };
    }
}

/** `GET .../dashboard.js` and `.../dashboard.css`: the page's script and style, bundled into the app's code. */
export class DashboardAssetEndpoint extends AppEndpoint {
    constructor(
        app: IApp,
        public readonly path: string,
        private readonly contentType: string,
        private readonly body: string,
    ) {
        super(app);
    }

    public static script(app: IApp): DashboardAssetEndpoint {
        return new DashboardAssetEndpoint(app, DASHBOARD_ROUTES.script, 'text/javascript; charset=utf-8', DASHBOARD_ASSETS.script);
    }

    public static style(app: IApp): DashboardAssetEndpoint {
        return new DashboardAssetEndpoint(app, DASHBOARD_ROUTES.style, 'text/css; charset=utf-8', DASHBOARD_ASSETS.style);
    }

    public async get(): Promise<IApiResponse> {
        return { status: HttpStatusCode.OK, headers: dashboardHeaders(this.contentType), content: this.body };
    }
}

/** `GET .../dashboard/context`: the logged-in caller's language, access, reporting timezone and departments. */
export class DashboardContextEndpoint extends AppEndpoint {
    public path = DASHBOARD_ROUTES.context;
    public authRequired = true;

    public async get(request: IApiRequest, _endpoint: IApiEndpointInfo, read: IRead): Promise<IApiResponse> {
        return toApiResponse(await answerDashboardContext(request, workspaceDashboardSources(read)));
    }
}
