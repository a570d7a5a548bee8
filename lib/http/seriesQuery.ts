import type { Attribution, HoursChoice } from '../reports/choices';
import { queryChecker } from './query';
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
    hours?: HoursChoice;
}

/** The series' parameters (`parameters.ts`), checked as the reports' are. */
export const checkSeriesQuery = queryChecker<SeriesQuery>('series');
