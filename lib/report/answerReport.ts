import type { ApiAnswer } from '../api/answers';
import { invalidDate, invalidParams, succeeded, succeededAsCsv } from '../api/answers';
import { toCsv } from '../api/csv';
import type { AppRequest } from '../api/guard';
import { guard } from '../api/guard';
import type { AgentTotals } from './agentTotals';
import type { PaginationSettings } from './pagination';
import { paginate, resolvePage } from './pagination';
import { checkReportQuery, parseDepartmentFilter, parseReportRange, wantsCsv } from './query';
import type { ReportScope } from './scope';
import { isEmptyRange } from './scope';
import type { ReportShape } from './shapes';

/**
 * What a report needs from the workspace, asked for only when the checks before it have passed.
 * `Row` is what the report knows of an agent: totals for the core's reports, stats for the stats report.
 */
export interface ReportSources<Row = AgentTotals> {
    allowedRoles(): Promise<string[]>;
    paginationSettings(): Promise<PaginationSettings>;
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
    const query = await guard(
        request,
        () => sources.allowedRoles(),
        () => {
            const checked = checkReportQuery(request.query);
            return checked.ok ? checked : { ok: false, answer: invalidParams(checked.message) };
        },
    );
    if (!query.ok) {
        return query.answer;
    }
    const range = parseReportRange(query.value);
    if (!range.ok) {
        return invalidDate(range.invalid);
    }
    const page = resolvePage(query.value, await sources.paginationSettings());
    const scope: ReportScope = { range: range.value, departmentIds: parseDepartmentFilter(query.value.departmentId) };
    const totals = isEmptyRange(scope.range) ? [] : await sources.agentTotals(scope);
    const { items, count, offset, total } = paginate(totals.map(shape.toItem), page);
    if (wantsCsv(query.value.format, request.headers?.accept)) {
        return succeededAsCsv(toCsv(items, shape.csvColumns), `${shape.name}.csv`);
    }
    return succeeded({ agents: items, count, offset, total });
}
