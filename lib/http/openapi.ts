/**
 * The OpenAPI 3.1 document of every endpoint of the app, served at `openapi.json`. The end-to-end
 * suite validates every answer it receives against it, so it cannot drift from the code.
 */
import { AVERAGE_SERVICE_TIME, TOTAL_SERVICE_TIME } from '../reports/shapes';
import { chatsPath } from './openapiChats';
import { explainPath } from './openapiExplain';
import {
    agentsReportPath,
    BUSINESS_HOURS_PATH,
    CHATS_PATH,
    DASHBOARD_ROUTES,
    EXPLAIN_PATH,
    HISTORY_IMPORT_PATH,
    OPENAPI_PATH,
    SERIES_PATH,
} from './routes';
import { SERVICE_TIME_STATS } from '../reports/statsShape';
import {
    agentFields,
    authErrors,
    businessHoursAnswer,
    dashboardContext,
    errorBusinessHours,
    errorInvalidDate,
    errorInvalidParams,
    errorSeries,
    importRunning,
    importStatus,
    json,
    page,
    REPORT_QUERY_ERRORS,
    reportParameters,
    seriesAnswer,
    seriesParameters,
    statsItem,
} from './openapiSchemas';

function report(summary: string, itemSchema: object, example: object) {
    return {
        get: {
            summary,
            security: [{ userId: [], authToken: [] }],
            parameters: reportParameters,
            responses: {
                '200': {
                    description: 'One page of agents, sorted by username (code point order), then _id.',
                    content: {
                        ...json(page(itemSchema, example)),
                        'text/csv': {
                            schema: { type: 'string' },
                            example: `${Object.keys(example).join(',')}\r\n${Object.values(example).join(',')}\r\n`,
                        },
                    },
                },
                '400': {
                    description:
                        'A query that fails the schema, a start / end that is not a date, or hours=business when the app setting "Business hours" does not read or the range holds rooms recorded without their close time (before app 1.2).',
                    content: {
                        'application/json': {
                            schema: { oneOf: [errorInvalidParams, errorInvalidDate, errorBusinessHours] },
                            examples: REPORT_QUERY_ERRORS,
                        },
                    },
                },
                ...authErrors,
            },
        },
    };
}

export function openApiDocument(appId: string, version: string): Record<string, unknown> {
    return {
        openapi: '3.1.0',
        info: {
            title: 'Agent Service Time',
            version,
            description:
                "Rocket.Chat Enterprise's omnichannel agents reports, served by the Agent Service Time app on any workspace. " +
                'Integrations written for /api/v1/livechat/analytics/agents/... change only the base of the URL. ' +
                'HEAD answers as GET, without a body; any other method a path does not list answers 405 with an Allow header and {"success": false, "error": "..."}.',
        },
        servers: [{ url: `/api/apps/public/${appId}` }],
        components: {
            securitySchemes: {
                userId: { type: 'apiKey', in: 'header', name: 'X-User-Id' },
                authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
            },
        },
        paths: {
            [`/${agentsReportPath(AVERAGE_SERVICE_TIME.name)}`]: report(
                "Each agent's average service time, in seconds",
                {
                    type: 'object',
                    required: ['_id', 'username', 'averageServiceTimeInSeconds'],
                    properties: { ...agentFields, averageServiceTimeInSeconds: { type: 'integer' } },
                    additionalProperties: false,
                },
                { _id: 'Xy7kq2Lm', username: 'ana.souza', averageServiceTimeInSeconds: 553 },
            ),
            [`/${agentsReportPath(TOTAL_SERVICE_TIME.name)}`]: report(
                "Each agent's chats and total service time, in seconds",
                {
                    type: 'object',
                    required: ['_id', 'username', 'chats', 'serviceTimeDuration'],
                    properties: { ...agentFields, chats: { type: 'integer', minimum: 1 }, serviceTimeDuration: { type: 'integer' } },
                    additionalProperties: false,
                },
                { _id: 'Xy7kq2Lm', username: 'ana.souza', chats: 12, serviceTimeDuration: 6633 },
            ),
            [`/${agentsReportPath(SERVICE_TIME_STATS.name)}`]: report(
                "Each agent's chats, mean, median, p90 and p95 service time, mean first response and mean chat duration, in seconds, and the visitors' ratings",
                statsItem,
                {
                    _id: 'Xy7kq2Lm',
                    username: 'ana.souza',
                    chats: 12,
                    averageServiceTimeInSeconds: 553,
                    medianServiceTimeInSeconds: 412,
                    p90ServiceTimeInSeconds: 1210,
                    p95ServiceTimeInSeconds: 1502,
                    averageFirstResponseTimeInSeconds: 38,
                    averageChatDurationInSeconds: 640,
                    transfers: null,
                    legsWithUnknownStart: null,
                    ratedChats: 5,
                    ratedChatsPct: 41.7,
                    csatPct: 80,
                    averageSatisfaction: 4.2,
                    averageAgentKnowledge: 4.4,
                    averageAgentResponsiveness: 3.8,
                    averageAgentFriendliness: 4.6,
                    occupiedSeconds: null,
                    averageConcurrentChats: null,
                    peakConcurrentChats: null,
                    sharedChatTimePct: null,
                },
            ),
            [`/${SERIES_PATH}`]: {
                get: {
                    summary:
                        'Chats and service time per day, ISO week or month of the range, in a timezone; every bucket listed, empty ones as zeros',
                    security: [{ userId: [], authToken: [] }],
                    parameters: seriesParameters,
                    responses: {
                        '200': {
                            description: 'One bucket per period; with byAgent, its agents sorted as the reports sort them.',
                            content: {
                                ...json(seriesAnswer),
                                'text/csv': {
                                    schema: { type: 'string' },
                                    example:
                                        'start,chats,serviceTimeDuration,averageServiceTimeInSeconds\r\n2026-11-01T00:00:00.000-03:00,12,6633,553\r\n',
                                },
                            },
                        },
                        '400': {
                            description:
                                'A query that fails the schema, a start / end that is not a date, an unknown timezone, more than 1,000 buckets, or hours=business that cannot be answered (as the reports).',
                            content: json({ oneOf: [errorInvalidParams, errorInvalidDate, errorSeries, errorBusinessHours] }),
                        },
                        ...authErrors,
                    },
                },
            },
            [`/${CHATS_PATH}`]: chatsPath,
            [`/${EXPLAIN_PATH}`]: explainPath,
            [`/${HISTORY_IMPORT_PATH}`]: {
                get: {
                    summary: 'Where the import of the rooms closed before install stands',
                    security: [{ userId: [], authToken: [] }],
                    responses: { '200': { description: 'The import status.', content: json(importStatus) }, ...authErrors },
                },
                post: {
                    summary: 'Start the history import: a failed one resumes where it stopped, a done one starts over (filling gaps only)',
                    security: [{ userId: [], authToken: [] }],
                    responses: {
                        '200': { description: 'The import status, just started.', content: json(importStatus) },
                        '409': { description: 'The import is running already; it was not restarted.', content: json(importRunning) },
                        ...authErrors,
                    },
                },
            },
            [`/${BUSINESS_HOURS_PATH}`]: {
                get: {
                    summary: 'Whether the app setting "Business hours" reads: the schedules hours=business uses, or every problem in it',
                    security: [{ userId: [], authToken: [] }],
                    responses: { '200': { description: 'The setting, checked.', content: json(businessHoursAnswer) }, ...authErrors },
                },
            },
            [`/${DASHBOARD_ROUTES.page}`]: {
                get: {
                    summary:
                        'The managers’ dashboard: a page with no data in it, served without credentials; its script reads the reports as the logged-in user',
                    responses: {
                        '200': {
                            description: 'The page, with a strict Content-Security-Policy.',
                            content: { 'text/html': { schema: { type: 'string' } } },
                        },
                    },
                },
            },
            [`/${DASHBOARD_ROUTES.script}`]: {
                get: {
                    summary: 'The dashboard’s script (uPlot bundled in)',
                    responses: { '200': { description: 'JavaScript.', content: { 'text/javascript': { schema: { type: 'string' } } } } },
                },
            },
            [`/${DASHBOARD_ROUTES.style}`]: {
                get: {
                    summary: 'The dashboard’s style sheet',
                    responses: { '200': { description: 'CSS.', content: { 'text/css': { schema: { type: 'string' } } } } },
                },
            },
            [`/${DASHBOARD_ROUTES.context}`]: {
                get: {
                    summary:
                        'What the dashboard needs first: the caller’s name and language, whether they may read the reports, and if so the reporting timezone and the departments',
                    security: [{ userId: [], authToken: [] }],
                    responses: {
                        '200': { description: 'The caller’s dashboard context.', content: json(dashboardContext) },
                        '401': authErrors['401'],
                    },
                },
            },
            [`/${OPENAPI_PATH}`]: {
                get: {
                    summary: 'This document',
                    responses: {
                        '200': {
                            description: 'The OpenAPI document of the app.',
                            content: json({ type: 'object', required: ['openapi', 'paths'] }),
                        },
                    },
                },
            },
        },
    };
}
