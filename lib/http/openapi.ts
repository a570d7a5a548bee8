/**
 * The OpenAPI 3.1 document of every endpoint of the app, served at `openapi.json`. The end-to-end
 * suite validates every answer it receives against it, so it cannot drift from the code.
 */
import { AVERAGE_SERVICE_TIME, TOTAL_SERVICE_TIME } from '../reports/shapes';
import { openApiParameters, REPORT_PARAMETERS, SERIES_PARAMETERS } from './parameters';
import { agentsReportPath, BUSINESS_HOURS_PATH, DASHBOARD_ROUTES, HISTORY_IMPORT_PATH, OPENAPI_PATH, SERIES_PATH } from './routes';
import { SERVICE_TIME_STATS } from '../reports/statsShape';

const errorInvalidParams = {
    type: 'object',
    required: ['success', 'error', 'errorType'],
    properties: {
        success: { const: false },
        error: { type: 'string', pattern: ' \\[invalid-params\\]$' },
        errorType: { const: 'invalid-params' },
    },
    additionalProperties: false,
};
const errorInvalidDate = {
    type: 'object',
    required: ['success', 'error'],
    properties: {
        success: { const: false },
        error: { type: 'string', pattern: '^The "(start|end)" query parameter must be a valid date\\.$' },
    },
    additionalProperties: false,
};
const notLoggedIn = {
    type: 'object',
    required: ['status', 'message'],
    properties: { status: { const: 'error' }, message: { const: 'You must be logged in to do this.' } },
    additionalProperties: false,
};
const notAllowed = {
    type: 'object',
    required: ['success', 'error'],
    properties: {
        success: { const: false },
        error: { const: 'User does not have the permissions required for this action [error-unauthorized]' },
    },
    additionalProperties: false,
};

/** An app error of the given types: `{success: false, error, errorType}`. */
const appError = (...errorTypes: string[]) => ({
    type: 'object',
    required: ['success', 'error', 'errorType'],
    properties: { success: { const: false }, error: { type: 'string' }, errorType: { enum: errorTypes } },
    additionalProperties: false,
});
const errorSeries = appError('invalid-timezone', 'too-many-buckets');
const errorBusinessHours = appError('invalid-business-hours', 'no-times-for-business-hours');

const scheduleSchema = {
    type: 'object',
    required: ['timezone', 'week', 'holidays'],
    properties: {
        timezone: { type: 'string' },
        week: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string', pattern: '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$' } },
        },
        holidays: { type: 'array', items: { type: 'string', format: 'date' } },
    },
    additionalProperties: false,
};
const businessHoursAnswer = {
    oneOf: [
        {
            type: 'object',
            required: ['valid', 'default', 'departments', 'success'],
            properties: {
                valid: { const: true },
                default: scheduleSchema,
                departments: { type: 'object', additionalProperties: scheduleSchema },
                success: { const: true },
            },
            additionalProperties: false,
        },
        {
            type: 'object',
            required: ['valid', 'problems', 'success'],
            properties: { valid: { const: false }, problems: { type: 'array', items: { type: 'string' } }, success: { const: true } },
            additionalProperties: false,
        },
    ],
};

/** A report's 400s, in the order they are checked (after the 401; the 403 comes between the schema and the dates). */
const invalidParams = (message: string) => ({ success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });
const REPORT_QUERY_ERRORS = Object.fromEntries(
    [
        ['`start` missing (then the same for `end`)', invalidParams("must have required property 'start'")],
        ['`count` or `offset` not a number', invalidParams('must be number')],
        ['a negative `count` or `offset` (the core fails with a database error)', invalidParams('must be >= 0')],
        ['`start` or `end` given twice', invalidParams('must be string')],
        ['`format`, `attribution` or `hours` not one of its values', invalidParams('must be equal to one of the allowed values')],
        ['any other parameter', invalidParams('must NOT have additional properties')],
        ['`start` is not a date (then the same for `end`)', { success: false, error: 'The "start" query parameter must be a valid date.' }],
    ].map(([summary, value], index) => [`error${index + 1}`, { summary, value }]),
);

const json = (schema: object, example?: unknown) => ({ 'application/json': { schema, ...(example !== undefined && { example }) } });

const authErrors = {
    '401': { description: 'No valid X-User-Id / X-Auth-Token (answered by Rocket.Chat before the app runs).', content: json(notLoggedIn) },
    '403': {
        description: 'The caller has none of the roles of the app setting "Roles that may read the reports".',
        content: json(notAllowed),
    },
};

const page = (itemSchema: object, example: object) => ({
    type: 'object',
    required: ['agents', 'count', 'offset', 'total', 'success'],
    properties: {
        agents: { type: 'array', items: itemSchema },
        count: { type: 'integer', minimum: 0, description: 'Agents in this page.' },
        offset: { type: 'integer', minimum: 0 },
        total: { type: 'integer', minimum: 0, description: 'Agents before paging.' },
        success: { const: true },
    },
    additionalProperties: false,
    example: { agents: [example], count: 1, offset: 0, total: 1, success: true },
});

const agentFields = { _id: { type: 'string' }, username: { type: 'string' } };

const reportParameters = openApiParameters(REPORT_PARAMETERS);

const seconds = (description: string) => ({ type: 'integer', description });
const nullableSeconds = (description: string) => ({ type: ['integer', 'null'], description });

const statsItem = {
    type: 'object',
    required: [...SERVICE_TIME_STATS.csvColumns],
    properties: {
        ...agentFields,
        chats: { type: 'integer', minimum: 1 },
        averageServiceTimeInSeconds: seconds('As the average report: the mean, rounded up.'),
        medianServiceTimeInSeconds: seconds('The service time at rank ceil(0.5 n), within 1 % (a DDSketch), to the nearest second.'),
        p90ServiceTimeInSeconds: seconds('At rank ceil(0.9 n), within 1 %, to the nearest second.'),
        p95ServiceTimeInSeconds: seconds('At rank ceil(0.95 n), within 1 %, to the nearest second.'),
        averageFirstResponseTimeInSeconds: nullableSeconds(
            "Mean of metrics.response.ft (the visitor's wait for the first agent answer) over the rooms that carry it, rounded up; null when none does.",
        ),
        averageChatDurationInSeconds: nullableSeconds(
            'Mean of metrics.chatDuration (creation to close) over the rooms that carry it, rounded up; null when none does.',
        ),
        transfers: {
            type: ['integer', 'null'],
            minimum: 0,
            description:
                "attribution=legs: the agent's stretches that ended by a transfer to another agent or a return to the queue; null with last.",
        },
        legsWithUnknownStart: {
            type: ['integer', 'null'],
            minimum: 0,
            description:
                "attribution=legs: the agent's stretches that began before the app saw the chat (their time is not counted); null with last.",
        },
    },
    additionalProperties: false,
};

const figures = {
    chats: { type: 'integer', minimum: 0 },
    serviceTimeDuration: seconds('Summed service time, rounded up to whole seconds.'),
    averageServiceTimeInSeconds: seconds('The mean, rounded up; 0 for an empty bucket.'),
};

const seriesAnswer = {
    type: 'object',
    required: ['interval', 'timezone', 'buckets', 'success'],
    properties: {
        interval: { enum: ['day', 'week', 'month'] },
        timezone: { type: 'string' },
        buckets: {
            type: 'array',
            items: {
                type: 'object',
                required: ['start', ...Object.keys(figures)],
                properties: {
                    start: { type: 'string', description: "The bucket's first instant, local time with its offset." },
                    ...figures,
                    agents: {
                        type: 'array',
                        items: {
                            type: 'object',
                            required: ['_id', 'username', ...Object.keys(figures)],
                            properties: { ...agentFields, ...figures },
                            additionalProperties: false,
                        },
                    },
                },
                additionalProperties: false,
            },
        },
        success: { const: true },
    },
    additionalProperties: false,
    example: {
        interval: 'day',
        timezone: 'America/Sao_Paulo',
        buckets: [
            {
                start: '2026-11-01T00:00:00.000-03:00',
                chats: 12,
                serviceTimeDuration: 6633,
                averageServiceTimeInSeconds: 553,
                agents: [{ _id: 'Xy7kq2Lm', username: 'ana.souza', chats: 5, serviceTimeDuration: 2765, averageServiceTimeInSeconds: 553 }],
            },
        ],
        success: true,
    },
};

const seriesParameters = openApiParameters(SERIES_PARAMETERS);

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

const importStatusFields = [
    'state',
    'scanned',
    'imported',
    'alreadyRecorded',
    'skipped',
    'failed',
    'startedAt',
    'updatedAt',
    'finishedAt',
    'lastError',
];
const importStatusProperties = {
    state: {
        enum: ['idle', 'running', 'done', 'failed', 'unavailable'],
        description: '`unavailable`: the workspace cannot list its rooms to apps (Rocket.Chat before 8.0); live closes are still recorded.',
    },
    scanned: { type: 'integer', minimum: 0, description: 'Livechat rooms looked at so far.' },
    imported: { type: 'integer', minimum: 0, description: 'Rooms that count, recorded by the import.' },
    alreadyRecorded: { type: 'integer', minimum: 0, description: 'Rooms that count and had a record already (kept as it is).' },
    skipped: { type: 'integer', minimum: 0, description: 'Rooms that do not count: open, unserved, no service time.' },
    failed: { type: 'integer', minimum: 0, description: 'Rooms that could not be read or written (logged).' },
    startedAt: { type: ['string', 'null'], format: 'date-time' },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    lastError: { type: ['string', 'null'], description: 'Why the import failed, where it stopped, and what to do.' },
};
const importRunning = {
    type: 'object',
    required: ['success', 'error', 'errorType', 'import'],
    properties: {
        success: { const: false },
        error: { const: 'The history import is already running; it was not restarted.' },
        errorType: { const: 'import-running' },
        import: { type: 'object', required: importStatusFields, properties: importStatusProperties, additionalProperties: false },
    },
    additionalProperties: false,
};
const importStatus = {
    type: 'object',
    required: [...importStatusFields, 'success'],
    properties: {
        ...importStatusProperties,
        failed: { type: 'integer', minimum: 0 },
        success: { const: true },
    },
    additionalProperties: false,
    example: {
        state: 'running',
        scanned: 4200,
        imported: 3650,
        alreadyRecorded: 0,
        skipped: 550,
        failed: 0,
        startedAt: '2026-11-23T23:40:00.000Z',
        updatedAt: '2026-11-23T23:40:04.120Z',
        finishedAt: null,
        lastError: null,
        success: true,
    },
};

const dashboardContext = {
    type: 'object',
    required: ['username', 'language', 'canRead', 'success'],
    properties: {
        username: { type: 'string' },
        language: { type: ['string', 'null'], description: 'The user’s language preference in Rocket.Chat, if set.' },
        canRead: { type: 'boolean', description: 'Whether the caller holds a role of the setting "Roles that may read the reports".' },
        timeZone: { type: 'string', description: 'The workspace’s reporting timezone (only when canRead).' },
        departments: {
            type: 'array',
            description: 'Enabled departments with agents (only when canRead).',
            items: {
                type: 'object',
                required: ['_id', 'name'],
                properties: { _id: { type: 'string' }, name: { type: 'string' } },
                additionalProperties: false,
            },
        },
        success: { const: true },
    },
    additionalProperties: false,
    example: {
        username: 'manager',
        language: 'pt-BR',
        canRead: true,
        timeZone: 'America/Sao_Paulo',
        departments: [{ _id: 'sales', name: 'Sales' }],
        success: true,
    },
};

export function openApiDocument(appId: string, version: string): Record<string, unknown> {
    return {
        openapi: '3.1.0',
        info: {
            title: 'Agent Service Time',
            version,
            description:
                "Rocket.Chat Enterprise's omnichannel agents reports, served by the Agent Service Time app on any workspace. " +
                'Integrations written for /api/v1/livechat/analytics/agents/... change only the base of the URL. ' +
                'A method a path does not list answers 405 with an Allow header and {"success": false, "error": "..."}.',
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
                "Each agent's chats, mean, median, p90 and p95 service time, mean first response and mean chat duration, in seconds",
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
