import { HttpStatusCode } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import { startImport } from '../jobs/HistoryImportJob';
import { DASHBOARD_ASSETS } from '../lib/dashboard/assets';
import { answerDashboardContext } from '../lib/dashboard/context';
import { dashboardHeaders, dashboardShell } from '../lib/dashboard/page';
import { answerBusinessHours } from '../lib/http/answerBusinessHours';
import { answerChats } from '../lib/http/answerChats';
import { answerExplain } from '../lib/http/answerExplain';
import { answerImportStart, answerImportStatus } from '../lib/http/answerImportStatus';
import type { ImportStatusSources } from '../lib/http/answerImportStatus';
import { answerAgentsReport } from '../lib/http/answerReport';
import { answerSeries } from '../lib/http/answerSeries';
import { openApiDocument } from '../lib/http/openapi';
import {
    agentsReportPath,
    BUSINESS_HOURS_PATH,
    CHATS_PATH,
    DASHBOARD_ROUTES,
    EXPLAIN_PATH,
    HISTORY_IMPORT_PATH,
    OPENAPI_PATH,
    SERIES_PATH,
} from '../lib/http/routes';
import { AVERAGE_SERVICE_TIME, TOTAL_SERVICE_TIME } from '../lib/reports/shapes';
import { SERVICE_TIME_STATS } from '../lib/reports/statsShape';
import { workspaceDashboardSources } from '../lib/workspace/dashboardSources';
import { PersistenceImportStatusStore } from '../lib/workspace/historySources';
import {
    workspaceChatsSources,
    workspaceReportSources,
    workspaceSeriesSources,
    workspaceStatsSources,
} from '../lib/workspace/reportSources';
import { readBusinessHoursSetting, readReportRoles } from '../lib/workspace/workspaceSettings';
import type { RouteAccessors } from './AppRoute';
import { AppRoute } from './AppRoute';

/**
 * Every HTTP route of the app, under its public base `/api/apps/public/<appId>/`: each hands the request
 * and the workspace's sources to lib/ and returns its answer (the paths are `lib/http/routes.ts`'s).
 */
export function appRoutes(app: IApp): AppRoute[] {
    const route = (path: string, authRequired: boolean, handlers: ConstructorParameters<typeof AppRoute>[1]['handlers']) =>
        new AppRoute(app, { path, authRequired, handlers });
    const file = (path: string, contentType: string, body: string) =>
        route(path, false, { get: async () => ({ status: HttpStatusCode.OK, headers: dashboardHeaders(contentType), content: body }) });
    return [
        // The core's agents reports, and the stats beside them: one answer, three shapes.
        route(agentsReportPath(AVERAGE_SERVICE_TIME.name), true, {
            get: async (request, { read }) => answerAgentsReport(request, workspaceReportSources(read), AVERAGE_SERVICE_TIME),
        }),
        route(agentsReportPath(TOTAL_SERVICE_TIME.name), true, {
            get: async (request, { read }) => answerAgentsReport(request, workspaceReportSources(read), TOTAL_SERVICE_TIME),
        }),
        route(agentsReportPath(SERVICE_TIME_STATS.name), true, {
            get: async (request, { read }) => answerAgentsReport(request, workspaceStatsSources(read), SERVICE_TIME_STATS),
        }),
        route(SERIES_PATH, true, { get: async (request, { read }) => answerSeries(request, workspaceSeriesSources(read)) }),
        // The chats behind every figure above.
        route(CHATS_PATH, true, { get: async (request, { read }) => answerChats(request, workspaceChatsSources(read)) }),
        // Why an agent's figure is not the one Rocket.Chat shows.
        route(EXPLAIN_PATH, true, { get: async (request, { read }) => answerExplain(request, workspaceChatsSources(read)) }),
        // GET the history import's progress; POST starts it (a failed import resumes where it stopped; a running one answers 409).
        route(HISTORY_IMPORT_PATH, true, {
            get: async (request, accessors) => answerImportStatus(request, importSources(accessors)),
            post: async (request, accessors) => answerImportStart(request, importSources(accessors)),
        }),
        route(BUSINESS_HOURS_PATH, true, {
            get: async (request, { read }) =>
                answerBusinessHours(request, {
                    allowedRoles: () => readReportRoles(read),
                    businessHoursSetting: () => readBusinessHoursSetting(read),
                }),
        }),
        // Public, as API documents are.
        route(OPENAPI_PATH, false, {
            get: async () => ({ status: HttpStatusCode.OK, content: openApiDocument(app.getID(), app.getVersion()) }),
        }),
        // The page, without credentials (a browser opening a link sends no X-Auth-Token): it holds no data,
        // its script reads the reports as the logged-in user; its script and style are bundled into the app.
        route(DASHBOARD_ROUTES.page, false, {
            get: async () => ({
                status: HttpStatusCode.OK,
                headers: dashboardHeaders('text/html; charset=utf-8'),
                content: dashboardShell(app.getVersion()),
            }),
        }),
        file(DASHBOARD_ROUTES.script, 'text/javascript; charset=utf-8', DASHBOARD_ASSETS.script),
        file(DASHBOARD_ROUTES.style, 'text/css; charset=utf-8', DASHBOARD_ASSETS.style),
        route(DASHBOARD_ROUTES.context, true, {
            get: async (request, { read }) => answerDashboardContext(request, workspaceDashboardSources(read)),
        }),
    ];
}

function importSources({ read, modify, persis }: RouteAccessors): ImportStatusSources {
    const statusStore = new PersistenceImportStatusStore(read.getPersistenceReader(), persis);
    return {
        allowedRoles: () => readReportRoles(read),
        status: () => statusStore.read(),
        start: (current) => startImport(read, persis, modify.getScheduler(), current),
    };
}
