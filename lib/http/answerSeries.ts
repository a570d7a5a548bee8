import type { ApiAnswer } from './answers';
import { succeeded, succeededAsCsv, tooManyBuckets, unknownTimeZone } from './answers';
import { toCsv } from './csv';
import type { AppRequest, Caller } from './guard';
import type { AgentTotals } from '../reports/agentTotals';
import type { ChatsAndTime } from '../reports/reportReader';
import { checkReportRequest } from './answerReport';
import { parseDepartmentFilter, reportScope, answerUnlessNoTimes, wantsCsv } from './query';
import { ceilSeconds, ceilSecondsAverage } from '../reports/rounding';
import type { ReportScope } from '../reports/scope';
import { needsRecords } from '../reports/scope';
import type { SeriesBucket } from '../time/calendar';
import { isTimeZone, MAX_SERIES_BUCKETS, seriesBuckets } from '../time/calendar';
import { checkSeriesQuery } from './seriesQuery';

/** What the series needs from the workspace, asked for only when the checks before it have passed. */
export interface SeriesSources {
    allowedRoles(): Promise<string[]>;
    /** The app setting "Business hours", read only for `hours=business`. */
    businessHoursSetting(): Promise<string>;
    /** The workspace's reporting timezone for this caller (`Default_Timezone_For_Reporting`), UTC when unknown. */
    reportingTimeZone(caller: Caller): Promise<string>;
    /** All agents' totals of each bucket (disjoint, ascending), within the scope. */
    bucketTotals(scope: ReportScope, buckets: readonly SeriesBucket[]): Promise<ChatsAndTime[]>;
    /** Each bucket's per-agent totals, within the scope, sorted as the reports list agents. */
    bucketAgents(scope: ReportScope, buckets: readonly SeriesBucket[]): Promise<AgentTotals[][]>;
}

interface Figures {
    chats: number;
    serviceTimeDuration: number;
    averageServiceTimeInSeconds: number;
}

export interface SeriesAgentItem extends Figures {
    _id: string;
    username: string;
}

export interface SeriesBucketItem extends Figures {
    /** The bucket's first instant in the timezone, with its offset: `2026-11-01T00:00:00.000-03:00`. */
    start: string;
    agents?: SeriesAgentItem[];
}

/** The reports' rounding: the sum up to whole seconds, the average up to whole seconds (0 for an empty bucket). */
function figures(chats: number, sumMs: number): Figures {
    return {
        chats,
        serviceTimeDuration: ceilSeconds(sumMs),
        averageServiceTimeInSeconds: chats > 0 ? ceilSecondsAverage(sumMs, chats) : 0,
    };
}

/**
 * `GET .../livechat/analytics/agents/service-time-series`: the reports' checks in their order (401,
 * 400 schema, 403 role, 400 dates), then the timezone (400 if unknown) and the bucket cap (400 past
 * it), then one item per day, ISO week or month of the range in the timezone, empty ones included.
 * A room falls in the bucket of its creation time, as the reports filter on it.
 */
export async function answerSeries(request: AppRequest, sources: SeriesSources): Promise<ApiAnswer> {
    const checked = await checkReportRequest(request, () => sources.allowedRoles(), checkSeriesQuery);
    if (!checked.ok) {
        return checked.answer;
    }
    const { query, range } = checked.value;
    const { interval, byAgent = false } = query;
    const timeZone = query.timezone ?? (request.user ? await sources.reportingTimeZone(request.user) : 'UTC');
    if (!isTimeZone(timeZone)) {
        return unknownTimeZone(timeZone);
    }
    const buckets = seriesBuckets(range, interval, timeZone);
    if (!buckets) {
        return tooManyBuckets(MAX_SERIES_BUCKETS);
    }
    const checkedScope = await reportScope(query, range, () => sources.businessHoursSetting());
    if (!checkedScope.ok) {
        return checkedScope.answer;
    }
    const scope: ReportScope = checkedScope.value;
    const agentIds = parseDepartmentFilter(query.agentId);
    const answered = await answerUnlessNoTimes(() => seriesItems(sources, scope, buckets, byAgent, agentIds));
    if (!answered.ok) {
        return answered.answer;
    }
    const items = answered.value;
    if (wantsCsv(query.format, request.headers?.accept)) {
        return succeededAsCsv(seriesCsv(items, byAgent), 'service-time-series.csv');
    }
    return succeeded({ interval, timezone: timeZone, buckets: items });
}

/** Each bucket's figures, with its agents when asked (`byAgent`) or filtered on (`agentIds`). */
async function seriesItems(
    sources: SeriesSources,
    scope: ReportScope,
    buckets: readonly SeriesBucket[],
    byAgent: boolean,
    agentIds: string[] | undefined,
): Promise<SeriesBucketItem[]> {
    // The timelines behind `bucketTotals` add up the core's last legs, whole: other crediting is added per agent.
    if (!byAgent && !agentIds && !needsRecords(scope)) {
        const totals = await sources.bucketTotals(scope, buckets);
        return buckets.map((bucket, i) => ({ start: bucket.label, ...figures(totals[i].chats, totals[i].sumMs) }));
    }
    const perBucket = await sources.bucketAgents(scope, buckets);
    return buckets.map((bucket, i) => {
        const agents = perBucket[i].filter((agent) => !agentIds || agentIds.includes(agent.agentId));
        const chats = agents.reduce((sum, agent) => sum + agent.chats, 0);
        const sumMs = agents.reduce((sum, agent) => sum + agent.sumMs, 0);
        return {
            start: bucket.label,
            ...figures(chats, sumMs),
            ...(byAgent && {
                agents: agents.map((agent) => ({ _id: agent.agentId, username: agent.username, ...figures(agent.chats, agent.sumMs) })),
            }),
        };
    });
}

/** One row per bucket, or with `byAgent` one per bucket and agent (a bucket without agents keeps a row of zeros). */
function seriesCsv(items: SeriesBucketItem[], byAgent: boolean): string {
    if (!byAgent) {
        return toCsv(items, ['start', 'chats', 'serviceTimeDuration', 'averageServiceTimeInSeconds']);
    }
    const rows = items.flatMap((bucket) =>
        (bucket.agents ?? []).length > 0
            ? (bucket.agents ?? []).map((agent) => ({ start: bucket.start, ...agent }))
            : [{ start: bucket.start, _id: '', username: '', ...figures(0, 0) }],
    );
    return toCsv(rows, ['start', '_id', 'username', 'chats', 'serviceTimeDuration', 'averageServiceTimeInSeconds']);
}
