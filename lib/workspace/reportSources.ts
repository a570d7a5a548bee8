import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { ChatsSources } from '../http/answerChats';
import type { ReportSources } from '../http/answerReport';
import type { SeriesSources } from '../http/answerSeries';
import type { AgentStats } from '../reports/agentStats';
import type { ReportReader } from '../reports/reportReader';
import { PersistenceRecordStore } from '../storage/persistenceRecordStore';
import { readBusinessHoursSetting, readPaginationSettings, readReportingTimeZone, readReportRoles, readSiteUrl } from './workspaceSettings';

/** The workspace's settings every agents report reads: the role setting, pagination and business hours. */
function reportSettings(read: IRead): Omit<ReportSources, 'agentTotals'> {
    return {
        allowedRoles: () => readReportRoles(read),
        paginationSettings: () => readPaginationSettings(read),
        businessHoursSetting: () => readBusinessHoursSetting(read),
    };
}

/** The workspace behind a report request: its settings and the stored records' totals. */
export function workspaceReportSources(read: IRead): ReportSources {
    const store = new PersistenceRecordStore(read.getPersistenceReader());
    return { ...reportSettings(read), agentTotals: (scope) => store.totals(scope) };
}

/** The same for the stats report: per-agent stats instead of totals. */
export function workspaceStatsSources(read: IRead): ReportSources<AgentStats> {
    const store = new PersistenceRecordStore(read.getPersistenceReader());
    return { ...reportSettings(read), agentTotals: (scope) => store.stats(scope) };
}

/** The workspace behind a request for the chats behind the figures: the reports' settings, the address for links, the credits. */
export function workspaceChatsSources(read: IRead): ChatsSources {
    const store = new PersistenceRecordStore(read.getPersistenceReader());
    return { ...reportSettings(read), siteUrl: () => readSiteUrl(read), credits: (scope, agentIds) => store.credits(scope, agentIds) };
}

/** The workspace behind a series request. */
export function workspaceSeriesSources(read: IRead): SeriesSources {
    return storeSeriesSources(new PersistenceRecordStore(read.getPersistenceReader()), {
        allowedRoles: () => readReportRoles(read),
        reportingTimeZone: (caller) => readReportingTimeZone(read, caller),
        businessHoursSetting: () => readBusinessHoursSetting(read),
    });
}

/** A series over a record store, with the workspace's settings as given (the bench gives its own). */
export function storeSeriesSources(
    store: ReportReader,
    settings: Pick<SeriesSources, 'allowedRoles' | 'reportingTimeZone' | 'businessHoursSetting'>,
): SeriesSources {
    return {
        ...settings,
        bucketTotals: (scope, buckets) => store.totalsPerRangeFromTimelines(scope, buckets),
        bucketAgents: (scope, buckets) => store.totalsPerRange(scope, buckets),
    };
}
