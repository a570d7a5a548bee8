import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { hasAllowedRole } from './access';
import type { AgentTotals } from './aggregation';
import { paginate } from './aggregation';
import { invalidDate, invalidParams, notAllowed, notLoggedIn, succeeded } from './apiAnswers';
import type { ApiAnswer } from './apiAnswers';
import type { PaginationSettings } from './pagination';
import { resolvePage } from './pagination';
import { checkReportQuery, parseReportRange } from './reportQuery';
import type { DateRange } from './serviceRecord';

export interface ReportRequest {
    user?: Pick<IUser, 'roles'>;
    query: unknown;
}

/** What a report needs from the workspace, asked for only when the checks before it have passed. */
export interface ReportSources {
    allowedRoles(): Promise<string[]>;
    paginationSettings(): Promise<PaginationSettings>;
    /** Per-agent totals of the rooms created in the range, sorted as the answer lists them. */
    agentTotals(range: DateRange): Promise<AgentTotals[]>;
}

/**
 * The contract's checks, in the contract's order, then the page of the report:
 * 401 no caller, 400 schema, 403 role, 400 dates, 200 `{agents, count, offset, total, success}`.
 * Each report differs only in how an agent's totals become an item.
 */
export async function answerAgentsReport<Item>(
    request: ReportRequest,
    sources: ReportSources,
    toItem: (totals: AgentTotals) => Item,
): Promise<ApiAnswer> {
    if (!request.user) {
        return notLoggedIn();
    }
    const query = checkReportQuery(request.query);
    if (!query.ok) {
        return invalidParams(query.message);
    }
    const refused = await refuseUnlessAllowed(request.user, sources);
    if (refused) {
        return refused;
    }
    const range = parseReportRange(query.value);
    if (!range.ok) {
        return invalidDate(range.invalid);
    }
    const page = resolvePage(query.value, await sources.paginationSettings());
    const totals = range.value.end < range.value.start ? [] : await sources.agentTotals(range.value);
    const { items, count, offset, total } = paginate(totals, page);
    return succeeded({ agents: items.map(toItem), count, offset, total });
}

/** The role check every endpoint of the app makes: undefined when the caller may go on, else the answer. */
export async function refuseUnlessAllowed(user: ReportRequest['user'], sources: Pick<ReportSources, 'allowedRoles'>): Promise<ApiAnswer | undefined> {
    if (!user) {
        return notLoggedIn();
    }
    return hasAllowedRole(user, await sources.allowedRoles()) ? undefined : notAllowed();
}
