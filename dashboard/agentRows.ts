import type { ServiceTimeStatsItem } from '../lib/reports/statsShape';
import type { TotalServiceTimeItem } from '../lib/reports/shapes';

/** One line of the agents table: the stats report's figures and the total report's sum. */
export interface AgentRow {
    _id: string;
    username: string;
    chats: number;
    average: number;
    median: number;
    p90: number;
    total: number | null;
    firstResponse: number | null;
    /** The visitors' ratings: the share of chats rated, CSAT, and the average satisfaction (null where none). */
    rated: number;
    csat: number | null;
    satisfaction: number | null;
}

export type Column = 'username' | 'chats' | 'average' | 'median' | 'p90' | 'total' | 'firstResponse' | 'rated' | 'csat' | 'satisfaction';

export interface Sort {
    column: Column;
    descending: boolean;
}

/**
 * Joins the two reports by agent as they group agents, `_id` and `username` together (a renamed agent is
 * two rows); every figure comes from an endpoint integrations also call.
 */
export function agentRows(stats: ServiceTimeStatsItem[], totals: TotalServiceTimeItem[]): AgentRow[] {
    const key = (item: { _id: string; username: string }) => JSON.stringify([item._id, item.username]);
    const totalOf = new Map(totals.map((item) => [key(item), item.serviceTimeDuration]));
    return stats.map((item) => ({
        _id: item._id,
        username: item.username,
        chats: item.chats,
        average: item.averageServiceTimeInSeconds,
        median: item.medianServiceTimeInSeconds,
        p90: item.p90ServiceTimeInSeconds,
        total: totalOf.get(key(item)) ?? null,
        firstResponse: item.averageFirstResponseTimeInSeconds,
        rated: item.ratedChatsPct,
        csat: item.csatPct,
        satisfaction: item.averageSatisfaction,
    }));
}

/**
 * Rows in the chosen order; ties (and missing values, last) keep the reports' own order. Names sort
 * by the language's collation (the caller passes the page's) (`Dana.K` among the d's, `émile` among the e's, `agent10` after `agent9`).
 */
export function sortRows(rows: readonly AgentRow[], sort: Sort, collator = nameCollator()): AgentRow[] {
    const direction = sort.descending ? -1 : 1;
    return rows
        .map((row, index) => ({ row, index }))
        .sort((a, b) => {
            const x = a.row[sort.column];
            const y = b.row[sort.column];
            if (x === y) {
                return a.index - b.index;
            }
            if (x === null) {
                return 1;
            }
            if (y === null) {
                return -1;
            }
            const order = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : Number(x) - Number(y);
            return order * direction || a.index - b.index;
        })
        .map(({ row }) => row);
}

/** The collation of names in a language (the browser's without one). */
export function nameCollator(language?: string): Intl.Collator {
    return new Intl.Collator(language || undefined, { numeric: true, sensitivity: 'base' });
}
