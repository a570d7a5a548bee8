import type { ApiAnswer } from './answers';
import { invalidDate, invalidParams, succeeded, succeededAsCsv } from './answers';
import { toCsv } from './csv';
import type { AppRequest, Checked } from './guard';
import { guard } from './guard';
import type { AgentTotals } from '../reports/agentTotals';
import type { Page, PaginationSettings } from '../reports/pagination';
import { paginate, resolvePage } from '../reports/pagination';
import type { QueryCheck, ReportQuery } from './query';
import { checkReportQuery, parseReportRange, reportScope, answerUnlessNoTimes, wantsCsv } from './query';
import type { ReportScope } from '../reports/scope';
import type { DateRange } from '../time/range';
import { isEmptyRange } from '../time/range';
import type { ReportShape } from '../reports/shapes';

/**
 * What a report needs from the workspace, asked for only when the checks before it have passed.
 * `Row` is what the report knows of an agent: totals for the core's reports, stats for the stats report.
 */
export interface ReportSources<Row = AgentTotals> {
    allowedRoles(): Promise<string[]>;
    paginationSettings(): Promise<PaginationSettings>;
    /** The app setting "Business hours", read only for `hours=business`. */
    businessHoursSetting(): Promise<string>;
    /** Per-agent rows of the rooms in the scope, sorted as the answer lists them. */
    agentTotals(scope: ReportScope): Promise<Row[]>;
}

/**
 * The core's checks, in the core's order (README, "Error answers"), then the page of the report:
 * 401 no caller, 400 schema, 403 role, 400 dates, 200 `{agents, count, offset, total, success}`.
 * Each report differs only in its shape: how an agent's totals become an item. The page is JSON, or
 * CSV when the query says `format=csv` or the caller accepts `text/csv` (errors stay JSON).
 */
export async function answerAgentsReport<Item, Row = AgentTotals>(
    request: AppRequest,
    sources: ReportSources<Row>,
    shape: ReportShape<Item, Row>,
): Promise<ApiAnswer> {
    const checked = await checkPagedRequest(request, sources, checkReportQuery);
    if (!checked.ok) {
        return checked.answer;
    }
    const { query, range, page, scope } = checked.value;
    const rows = isEmptyRange(range) ? { ok: true as const, value: [] } : await answerUnlessNoTimes(() => sources.agentTotals(scope));
    if (!rows.ok) {
        return rows.answer;
    }
    const totals = rows.value;
    const { items, count, offset, total } = paginate(totals.map(shape.toItem), page);
    if (wantsCsv(query.format, request.headers?.accept)) {
        return succeededAsCsv(toCsv(items, shape.csvColumns), `${shape.name}.csv`);
    }
    return succeeded({ agents: items, count, offset, total });
}

/** What a paged list needs of the workspace before it reads: the roles, the pagination settings and business hours. */
export type PagedSources = Pick<ReportSources, 'allowedRoles' | 'paginationSettings' | 'businessHoursSetting'>;

/**
 * A paged list's checks (`checkReportRequest`), then its page and scope: the query, its range, the
 * page the workspace's settings allow, and what it counts (a 400 when business hours do not read).
 */
export async function checkPagedRequest<Query extends ReportQuery>(
    request: AppRequest,
    sources: PagedSources,
    checkQuery: (rawQuery: unknown) => QueryCheck<Query>,
): Promise<Checked<{ query: Query; range: DateRange; page: Page; scope: ReportScope }>> {
    const checked = await checkReportRequest(request, () => sources.allowedRoles(), checkQuery);
    if (!checked.ok) {
        return checked;
    }
    const { query, range } = checked.value;
    const page = resolvePage(query, await sources.paginationSettings());
    const scope = await reportScope(query, range, () => sources.businessHoursSetting());
    return scope.ok ? { ok: true, value: { query, range, page, scope: scope.value } } : scope;
}

/**
 * The checks every report makes, in the core's order: 401 no caller, 400 schema (the report's own),
 * 403 role, 400 dates. Answers the checked query and its range.
 */
export async function checkReportRequest<Query extends Pick<ReportQuery, 'start' | 'end'>>(
    request: AppRequest,
    allowedRoles: () => Promise<string[]>,
    checkQuery: (rawQuery: unknown) => QueryCheck<Query>,
): Promise<Checked<{ query: Query; range: DateRange }>> {
    const query = await guard(request, allowedRoles, () => {
        const checked = checkQuery(request.query);
        return checked.ok ? checked : { ok: false, answer: invalidParams(checked.message) };
    });
    if (!query.ok) {
        return query;
    }
    const range = parseReportRange(query.value);
    return range.ok ? { ok: true, value: { query: query.value, range: range.value } } : { ok: false, answer: invalidDate(range.invalid) };
}
