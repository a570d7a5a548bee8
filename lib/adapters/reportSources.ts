import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { ReportSources } from '../report/answerReport';
import { PersistenceRecordStore } from './persistenceRecordStore';
import { readPaginationSettings, readReportRoles } from './workspaceSettings';

/** The workspace behind a report request: the role setting, pagination settings and the stored records. */
export function workspaceReportSources(read: IRead): ReportSources {
    const store = new PersistenceRecordStore(read.getPersistenceReader());
    return {
        allowedRoles: () => readReportRoles(read),
        paginationSettings: () => readPaginationSettings(read),
        agentTotals: (scope) => store.totals(scope),
    };
}
