/** The app's JSON endpoints, under its public base `/api/apps/public/<appId>/`: the endpoints and the dashboard call them by these. */
export const AGENTS_REPORTS_BASE = 'livechat/analytics/agents';

/** `livechat/analytics/agents/<name>`: a paginated agents report (`ReportShape.name`). */
export function agentsReportPath(name: string): string {
    return `${AGENTS_REPORTS_BASE}/${name}`;
}

export const SERIES_PATH = agentsReportPath('service-time-series');
/** The chats behind the reports' figures, one row per chat and credited agent. */
export const CHATS_PATH = agentsReportPath('service-time-chats');
export const CHATS_CSV_NAME = 'service-time-chats.csv';
/** Why an agent's figure differs from Rocket.Chat's own: the core's count, the legs' and business hours' side by side. */
export const EXPLAIN_PATH = agentsReportPath('service-time-explain');
export const HISTORY_IMPORT_PATH = 'livechat/analytics/history-import';
export const BUSINESS_HOURS_PATH = 'livechat/analytics/business-hours';
/** The OpenAPI document of every route, public. */
export const OPENAPI_PATH = 'openapi.json';

/** The dashboard's routes under the app's public base, `/api/apps/public/<appId>/`. */
export const DASHBOARD_ROUTES = {
    page: 'dashboard',
    script: 'dashboard.js',
    style: 'dashboard.css',
    context: 'dashboard/context',
} as const;
