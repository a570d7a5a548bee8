import type { Attribution } from '../reports/attribution';
import { ATTRIBUTION_PARAMETER, HOURS_PARAMETER, queryChecker } from './query';
import type { SeriesInterval } from '../time/calendar';

/** The series' query once the schema has passed; AJV has coerced `byAgent` to a boolean. */
export interface SeriesQuery {
    start: string;
    end: string;
    interval: SeriesInterval;
    /** An IANA name or a fixed offset; the workspace's reporting timezone when absent. */
    timezone?: string;
    departmentId?: string | string[];
    /** Only these agents (one id, comma-separated, or repeated). */
    agentId?: string | string[];
    /** Each bucket lists its agents. */
    byAgent?: boolean;
    format?: 'json' | 'csv';
    attribution?: Attribution;
    hours?: 'all' | 'business';
}

/** The reports' schema (`report/query.ts`) with the series' own parameters, checked the same way. */
export const checkSeriesQuery = queryChecker<SeriesQuery>({
    type: 'object',
    properties: {
        start: { type: 'string' },
        end: { type: 'string' },
        interval: { type: 'string', enum: ['day', 'week', 'month'] },
        timezone: { type: 'string' },
        departmentId: { type: ['string', 'array'], items: { type: 'string' } },
        agentId: { type: ['string', 'array'], items: { type: 'string' } },
        byAgent: { type: 'boolean' },
        format: { type: 'string', enum: ['json', 'csv'] },
        attribution: ATTRIBUTION_PARAMETER,
        hours: HOURS_PARAMETER,
    },
    required: ['start', 'end', 'interval'],
    additionalProperties: false,
});
