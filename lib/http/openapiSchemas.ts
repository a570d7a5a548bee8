/**
 * The schemas, examples and parameter lists of the OpenAPI document (`openapi.ts` puts them on their
 * routes): every answer's shape, as the end-to-end suites check every answer they receive against it.
 */
import { openApiParameters, REPORT_PARAMETERS, SERIES_PARAMETERS } from './parameters';
import { SERVICE_TIME_STATS } from '../reports/statsShape';

export const errorInvalidParams = {
    type: 'object',
    required: ['success', 'error', 'errorType'],
    properties: {
        success: { const: false },
        error: { type: 'string', pattern: ' \\[invalid-params\\]$' },
        errorType: { const: 'invalid-params' },
    },
    additionalProperties: false,
};
export const errorInvalidDate = {
    type: 'object',
    required: ['success', 'error'],
    properties: {
        success: { const: false },
        error: { type: 'string', pattern: '^The "(start|end)" query parameter must be a valid date\\.$' },
    },
    additionalProperties: false,
};
export const notLoggedIn = {
    type: 'object',
    required: ['status', 'message'],
    properties: { status: { const: 'error' }, message: { const: 'You must be logged in to do this.' } },
    additionalProperties: false,
};
export const notAllowed = {
    type: 'object',
    required: ['success', 'error'],
    properties: {
        success: { const: false },
        error: { const: 'User does not have the permissions required for this action [error-unauthorized]' },
    },
    additionalProperties: false,
};

/** An app error of the given types: `{success: false, error, errorType}`. */
export const appError = (...errorTypes: string[]) => ({
    type: 'object',
    required: ['success', 'error', 'errorType'],
    properties: { success: { const: false }, error: { type: 'string' }, errorType: { enum: errorTypes } },
    additionalProperties: false,
});
export const errorSeries = appError('invalid-timezone', 'too-many-buckets');
export const errorBusinessHours = appError('invalid-business-hours', 'no-times-for-business-hours');

export const scheduleSchema = {
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
export const businessHoursAnswer = {
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
export const invalidParams = (message: string) => ({ success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });
export const REPORT_QUERY_ERRORS = Object.fromEntries(
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

export const json = (schema: object, example?: unknown) => ({ 'application/json': { schema, ...(example !== undefined && { example }) } });

export const authErrors = {
    '401': { description: 'No valid X-User-Id / X-Auth-Token (answered by Rocket.Chat before the app runs).', content: json(notLoggedIn) },
    '403': {
        description: 'The caller has none of the roles of the app setting "Roles that may read the reports".',
        content: json(notAllowed),
    },
};

/** A page of a paged list: its items under `key` (`agents` for the reports), and the core's count, offset and total. */
export const page = (itemSchema: object, example: object, key = 'agents', what = 'Agents') => ({
    type: 'object',
    required: [key, 'count', 'offset', 'total', 'success'],
    properties: {
        [key]: { type: 'array', items: itemSchema },
        count: { type: 'integer', minimum: 0, description: `${what} in this page.` },
        offset: { type: 'integer', minimum: 0 },
        total: { type: 'integer', minimum: 0, description: `${what} before paging.` },
        success: { const: true },
    },
    additionalProperties: false,
    example: { [key]: [example], count: 1, offset: 0, total: 1, success: true },
});

export const agentFields = { _id: { type: 'string' }, username: { type: 'string' } };

export const reportParameters = openApiParameters(REPORT_PARAMETERS);

export const seconds = (description: string) => ({ type: 'integer', description });
export const nullableSeconds = (description: string) => ({ type: ['integer', 'null'], description });

const percent = (description: string) => ({
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: `${description} Percent, to one decimal.`,
});
const nullablePercent = (description: string) => ({ ...percent(description), type: ['number', 'null'] });
const score = (question: string) => ({
    type: ['number', 'null'],
    minimum: 1,
    maximum: 5,
    description: `The mean of the survey's ${question} scores (1 to 5) over the chats that have one, to two decimals; null when none does.`,
});

export const statsItem = {
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
        ratedChats: {
            type: 'integer',
            minimum: 0,
            description:
                "The agent's chats the visitor rated in Rocket.Chat's livechat survey (any question). With attribution=legs a chat's rating counts for every agent who took part.",
        },
        ratedChatsPct: percent("ratedChats as a share of the agent's chats."),
        csatPct: nullablePercent('CSAT: the share of satisfaction ratings that are 4 or 5; null when no chat has one.'),
        averageSatisfaction: score('satisfaction'),
        averageAgentKnowledge: score('agentKnowledge'),
        averageAgentResponsiveness: score('agentResposiveness (as Rocket.Chat spells it)'),
        averageAgentFriendliness: score('agentFriendliness'),
        occupiedSeconds: {
            type: ['integer', 'null'],
            minimum: 0,
            description:
                'attribution=legs: the time the agent held at least one chat (the union of their own stretches of the chats counted, whole, at any hour), rounded up; null with last.',
        },
        averageConcurrentChats: {
            type: ['number', 'null'],
            minimum: 0,
            description:
                'attribution=legs: the chats held at once on average over occupiedSeconds (their summed stretches / occupiedSeconds), to two decimals; null with last.',
        },
        peakConcurrentChats: {
            type: ['integer', 'null'],
            minimum: 0,
            description: 'attribution=legs: the most chats the agent held at once; null with last.',
        },
        sharedChatTimePct: nullablePercent(
            "attribution=legs: the share of the agent's chat time held while holding two or more chats; null with last.",
        ),
    },
    additionalProperties: false,
};

export const figures = {
    chats: { type: 'integer', minimum: 0 },
    serviceTimeDuration: seconds('Summed service time, rounded up to whole seconds.'),
    averageServiceTimeInSeconds: seconds('The mean, rounded up; 0 for an empty bucket.'),
};

export const seriesAnswer = {
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

export const seriesParameters = openApiParameters(SERIES_PARAMETERS);

export const importStatusFields = [
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
export const importStatusProperties = {
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
export const importRunning = {
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
export const importStatus = {
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

export const dashboardContext = {
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
