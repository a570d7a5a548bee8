import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { hasAllowedRole } from './access';
import type { AgentTotals, ReportShape } from './aggregation';
import { paginate } from './aggregation';
import { invalidDate, invalidParams, notAllowed, notLoggedIn, succeeded, succeededAsCsv } from './apiAnswers';
import { toCsv } from './csv';
import type { ApiAnswer } from './apiAnswers';
import type { PaginationSettings } from './pagination';
import { resolvePage } from './pagination';
import { checkReportQuery, parseDepartmentFilter, parseReportRange } from './reportQuery';
import type { ReportScope } from './serviceRecord';

export interface ReportRequest {
    user?: Pick<IUser, 'roles'>;
    query: unknown;
    /** Lower-case names, as Express hands them. */
    headers?: Record<string, string | undefined>;
}

/** What a report needs from the workspace, asked for only when the checks before it have passed. */
export interface ReportSources {
    allowedRoles(): Promise<string[]>;
    paginationSettings(): Promise<PaginationSettings>;
    /** Per-agent totals of the rooms in the scope, sorted as the answer lists them. */
    agentTotals(scope: ReportScope): Promise<AgentTotals[]>;
}

/**
 * The contract's checks, in the contract's order, then the page of the report:
 * 401 no caller, 400 schema, 403 role, 400 dates, 200 `{agents, count, offset, total, success}`.
 * Each report differs only in its shape: how an agent's totals become an item. The page is JSON, or
 * CSV when the query says `format=csv` or the caller accepts `text/csv` (errors stay JSON).
 */
export async function answerAgentsReport<Item>(request: ReportRequest, sources: ReportSources, shape: ReportShape<Item>, reportName: string): Promise<ApiAnswer> {
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
    const scope: ReportScope = { range: range.value, departmentIds: parseDepartmentFilter(query.value.departmentId) };
    const totals = range.value.end < range.value.start ? [] : await sources.agentTotals(scope);
    const { items, count, offset, total } = paginate(totals.map(shape.toItem), page);
    if (wantsCsv(query.value.format, request.headers?.accept)) {
        return succeededAsCsv(toCsv(items, shape.csvColumns), `${reportName}.csv`);
    }
    return succeeded({ agents: items, count, offset, total });
}

function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
    if (format) {
        return format === 'csv';
    }
    return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? '');
}

/** The role check every endpoint of the app makes: undefined when the caller may go on, else the answer. */
export async function refuseUnlessAllowed(user: ReportRequest['user'], sources: Pick<ReportSources, 'allowedRoles'>): Promise<ApiAnswer | undefined> {
    if (!user) {
        return notLoggedIn();
    }
    return hasAllowedRole(user, await sources.allowedRoles()) ? undefined : notAllowed();
}
