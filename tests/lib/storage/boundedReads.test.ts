import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { DAY_MS, HOUR_MS } from '../../../lib/time/units';
import { InMemoryAccessors } from '../../helpers/accessors';

/**
 * A report that names many departments while writes are pending reads the pending writes once, and
 * its reads do not grow with the departments it names (issue: 20 departments and 3,000 pending
 * writes made 69,043 reads; 1,000 departments took the app down).
 */
const YEAR_START = Date.UTC(2026, 0, 1);
const DEPARTMENTS = Array.from({ length: 200 }, (_, index) => `dept-${index}`);

let sequence = 0;
function record(createdAt: number, departmentId: string): ServiceRecord {
    sequence++;
    return {
        v: 1,
        roomId: `room-${sequence}`,
        agentId: `agent-${sequence % 7}`,
        username: `agent${sequence % 7}`,
        createdAt,
        durationMs: 1000 + (sequence % 13) * 1000,
        departmentId,
    };
}

async function workspaceWithPendingWrites() {
    const accessors = new InMemoryAccessors();
    const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
    const all: ServiceRecord[] = [];
    // Built: every department has chats on every 3rd day of the year.
    for (let day = 0; day < 365; day += 3) {
        const saved = record(YEAR_START + day * DAY_MS + 10 * HOUR_MS, DEPARTMENTS[day % DEPARTMENTS.length]);
        all.push(saved);
        await store.save(saved);
    }
    await store.rebuildBuckets();
    // Pending: 300 writes in 300 hours spread over the year, none settled.
    for (let write = 0; write < 300; write++) {
        const saved = record(YEAR_START + write * 29 * HOUR_MS + 7 * 60_000, DEPARTMENTS[(write * 7) % DEPARTMENTS.length]);
        all.push(saved);
        await store.save(saved);
    }
    return { accessors, store, all };
}

const yearScope = (departmentIds: string[]): ReportScope => ({
    range: { start: YEAR_START, end: YEAR_START + 365 * DAY_MS - 1 },
    departmentIds,
});

describe('a report naming many departments while writes are pending', () => {
    it('makes no more reads for 200 departments than for 2, and its figures equal a full scan', async () => {
        const { accessors, store, all } = await workspaceWithPendingWrites();
        const persistence = accessors.workspace.persistence;
        const readsFor = async (read: () => Promise<unknown>) => {
            persistence.resetCalls();
            await read();
            return persistence.calls.read;
        };
        const grown: Array<{ name: string; few: number; many: number }> = [];
        for (const [name, read] of [
            ['totals', (scope: ReportScope) => store.totals(scope)],
            ['stats', (scope: ReportScope) => store.stats(scope)],
            ['series per agent', (scope: ReportScope) => store.totalsPerRange(scope, monthsOf(scope))],
            ['series', (scope: ReportScope) => store.totalsPerRangeFromTimelines(scope, monthsOf(scope))],
        ] as const) {
            const few = await readsFor(() => read(yearScope(DEPARTMENTS.slice(0, 2))));
            const many = await readsFor(() => read(yearScope(DEPARTMENTS)));
            if (many > few) {
                grown.push({ name, few, many });
            }
        }
        expect(grown).toEqual([]);
        expect(await store.totals(yearScope(DEPARTMENTS))).toEqual(totalsFromRecords(all, yearScope(DEPARTMENTS)));
        const some = yearScope(DEPARTMENTS.slice(0, 50));
        expect(await store.totals(some)).toEqual(totalsFromRecords(all, some));
        const series = await store.totalsPerRangeFromTimelines(some, monthsOf(some));
        expect(series).toEqual(
            monthsOf(some).map((month) => {
                const inMonth = totalsFromRecords(all, { ...some, range: month });
                return {
                    chats: inMonth.reduce((sum, agent) => sum + agent.chats, 0),
                    sumMs: inMonth.reduce((sum, agent) => sum + agent.sumMs, 0),
                };
            }),
        );
    });
});

function monthsOf(scope: ReportScope) {
    return Array.from({ length: 12 }, (_, month) => ({ start: Date.UTC(2026, month, 1), end: Date.UTC(2026, month + 1, 1) - 1 })).filter(
        (range) => range.start >= scope.range.start,
    );
}
