import { ATTRIBUTIONS, HOURS_CHOICES } from '../reports/choices';
import { SERIES_INTERVALS } from '../time/calendar';

/**
 * Every query parameter of the app's reports, once: the schema AJV checks it by (the core's own for
 * `start`, `end`, `count`, `offset`, `sort`, so that every message is the core's), and what the
 * OpenAPI document says of it. `query.ts` compiles the checks and `openapi.ts` lists the parameters
 * from the same entries, so the two cannot disagree.
 */
interface QueryParameter {
    /** What the query check validates and coerces (AJV, the core's options). */
    check: object;
    /** What the OpenAPI document shows, when it says more than the check (an integer, an exploded list). */
    documented?: object;
    description?: string;
    example?: unknown;
}

/** A list of ids: one, several comma-separated, or the parameter repeated. */
const idList = {
    check: { type: ['string', 'array'], items: { type: 'string' } },
    documented: { type: 'array', items: { type: 'string' } },
};

const PARAMETERS = {
    start: {
        check: { type: 'string' },
        example: '2024-01-01',
        description: 'Rooms created at or after this time count (read as new Date(start)).',
    },
    end: { check: { type: 'string' }, example: '2024-01-31T23:59:59.999Z', description: 'Rooms created at or before this time count.' },
    // `minimum: 0`: the core hands a negative count or offset on to MongoDB, which fails with a database error.
    count: {
        check: { type: 'number', minimum: 0 },
        documented: { type: 'integer', minimum: 0 },
        example: 50,
        description: 'Page size; 0 is all (where the workspace allows it); capped at API_Upper_Count_Limit.',
    },
    offset: { check: { type: 'number', minimum: 0 }, documented: { type: 'integer', minimum: 0 }, example: 0 },
    sort: { check: { type: 'string' }, description: 'Accepted and ignored, as in the core.' },
    interval: { check: { type: 'string', enum: SERIES_INTERVALS }, description: 'Weeks start on Monday (ISO).' },
    timezone: {
        check: { type: 'string' },
        example: 'America/Sao_Paulo',
        description:
            "An IANA timezone or a UTC offset (-03:00); the workspace's reporting timezone (Default_Timezone_For_Reporting) when absent.",
    },
    departmentId: { ...idList, description: 'Only rooms of these departments: repeated, or comma-separated.' },
    agentId: { ...idList, description: 'Only these agents: repeated, or comma-separated.' },
    byAgent: { check: { type: 'boolean' }, description: 'true: each bucket lists its agents.' },
    format: { check: { type: 'string', enum: ['json', 'csv'] }, description: 'csv: the same rows as CSV (as Accept: text/csv).' },
    attribution: {
        check: { type: 'string', enum: ATTRIBUTIONS },
        documented: { type: 'string', enum: [...ATTRIBUTIONS], default: 'last' },
        description:
            "last: the core's figures, each chat credited to the agent who served at the close for the core's serviceTimeDuration. legs: each agent who took part in a chat is credited one chat and the sum of their own stretches of it (rooms still filtered on their creation time).",
    },
    hours: {
        check: { type: 'string', enum: HOURS_CHOICES },
        documented: { type: 'string', enum: [...HOURS_CHOICES], default: 'all' },
        description:
            'business: each stretch counts only its time inside business hours, from the app setting "Business hours" (the schedule of the room\'s department, else the default), daylight-saving changes and holidays included.',
    },
} satisfies Record<string, QueryParameter>;

export type ParameterName = keyof typeof PARAMETERS;

/** The parameters of one kind of request, in the order the check reads them (AJV reports the first failing one). */
export interface QueryParameters {
    names: readonly ParameterName[];
    required: readonly ParameterName[];
}

/** The agents reports: the core's parameters, then the app's own (which the core refuses as additional properties). */
export const REPORT_PARAMETERS: QueryParameters = {
    names: ['start', 'end', 'count', 'offset', 'sort', 'departmentId', 'format', 'attribution', 'hours'],
    required: ['start', 'end'],
};

/** The chats behind the reports: the reports' parameters and the agents to list. */
export const CHATS_PARAMETERS: QueryParameters = {
    names: ['start', 'end', 'count', 'offset', 'sort', 'departmentId', 'agentId', 'format', 'attribution', 'hours'],
    required: ['start', 'end'],
};

/** Why an agent's figure differs from the core's: the one agent, the range and the departments. */
export const EXPLAIN_PARAMETERS: QueryParameters = {
    names: ['start', 'end', 'agentId', 'departmentId'],
    required: ['start', 'end', 'agentId'],
};

export const SERIES_PARAMETERS: QueryParameters = {
    names: ['start', 'end', 'interval', 'timezone', 'departmentId', 'agentId', 'byAgent', 'format', 'attribution', 'hours'],
    required: ['start', 'end', 'interval'],
};

/** The JSON schema a query is checked against: nothing but these parameters. */
export function querySchema({ names, required }: QueryParameters): object {
    return {
        type: 'object',
        properties: Object.fromEntries(names.map((name) => [name, PARAMETERS[name].check])),
        required: [...required],
        additionalProperties: false,
    };
}

/** The same parameters as the OpenAPI document lists them. */
export function openApiParameters({ names, required }: QueryParameters): object[] {
    return names.map((name) => {
        const parameter: QueryParameter = PARAMETERS[name];
        const schema = parameter.documented ?? parameter.check;
        return {
            name,
            in: 'query',
            ...(required.includes(name) && { required: true }),
            schema,
            ...((schema as { type?: unknown }).type === 'array' && { style: 'form', explode: true }),
            ...(parameter.example !== undefined && { example: parameter.example }),
            ...(parameter.description && { description: parameter.description }),
        };
    });
}
