import { isDeepStrictEqual } from 'util';

import type { PersistenceCollection } from '../dev/workspace/persistenceCollection';
import type { ChatCredit } from '../lib/reports/attribution';
import { listedCredits } from '../lib/reports/chatRows';
import type { ReportScope } from '../lib/reports/scope';
import { creditsInScope } from '../lib/reports/scope';
import type { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { DAY_MS } from '../lib/time/units';
import type { ReportRow, Shape } from './measure';
import { medianOfFive, recordsOfRange, reportRow, timed } from './measure';

/** The agent whose chats the drill-down lists: one of the bench's agents, with a month of chats. */
const AGENT = 'agent-7';

/**
 * The chats behind one agent's figures (`service-time-chats?agentId=`), as a manager opens them: one
 * calendar month and 30 days ending now, from the chat index, against listing the same agent's chats
 * from every record of the range, in the same run (each row compared: room, agent and milliseconds).
 */
export async function drillDownRows(
    collection: PersistenceCollection,
    appId: string,
    store: PersistenceRecordStore,
    where: { size: number; shape: Shape; state: string; now: number },
): Promise<ReportRow[]> {
    const cases: Array<[string, ReportScope]> = [
        ["one agent's chats, December 2025", { range: { start: Date.UTC(2025, 11, 1), end: Date.UTC(2026, 0, 1) - 1 } }],
        ["one agent's chats, 30 days ending now", { range: { start: where.now - 30 * DAY_MS + 1, end: where.now } }],
    ];
    const rows: ReportRow[] = [];
    for (const [name, scope] of cases) {
        const list = async () => keys(listedCredits(await store.credits(scope, [AGENT]), [AGENT]));
        collection.resetCalls();
        const app = await timed(list);
        const reads = { calls: collection.calls.read, read: collection.documentsRead, examined: collection.entriesExamined };
        const appMs = await medianOfFive(app.ms, list);
        const scan = await timed(async () =>
            keys(listedCredits(creditsInScope(await recordsOfRange(collection, appId, scope.range), scope, new Set()), [AGENT])),
        );
        const equal = app.result.length > 0 && isDeepStrictEqual(app.result, scan.result);
        rows.push(reportRow({ ...where, name: `${name} (${app.result.length} chats)` }, appMs, scan.ms, reads, equal));
    }
    return rows;
}

function keys(credits: ChatCredit[]): string[] {
    return credits.map((credit) => `${credit.record.roomId}|${credit.agentId}|${credit.durationMs}`);
}
