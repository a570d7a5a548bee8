/** What the benches share: the shape of a data set, the full scan's read of records, timing, and a row of the reports table. */
import { appPersistence } from '../dev/workspace/appPersistence';
import type { PersistenceCollection } from '../dev/workspace/persistenceCollection';
import type { ServiceRecord } from '../lib/chats/serviceRecord';
import { readStoredRecord } from '../lib/chats/serviceRecord';
import { periodRecordsQuery } from '../lib/storage/layout';
import { childStarts, periodTag } from '../lib/time/periods';
import type { DateRange } from '../lib/time/range';

export interface Shape {
    agents: number;
    departments: number;
}

export function shapeName({ agents, departments }: Shape): string {
    return `${agents.toLocaleString('en')} x ${departments}`;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = process.hrtime.bigint();
    const result = await run();
    return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** The median time of five runs (the first one's given): one run is at the mercy of a garbage collection. */
export async function medianOfFive(firstMs: number, run: () => Promise<unknown>): Promise<number> {
    const runs = [firstMs];
    for (let again = 0; again < 4; again++) {
        runs.push((await timed(run)).ms);
    }
    return runs.sort((a, b) => a - b)[2];
}

export interface ReportRow {
    cells: string[];
    equal: boolean;
}

/** One row of the reports table: the app against its full scan, in the same run. */
export function reportRow(
    where: { size: number; shape: Shape; name: string; state: string },
    appMs: number,
    scanMs: number,
    reads: { calls: number; read: number; examined?: number },
    equal: boolean,
    identical = equal ? 'yes' : 'NO',
): ReportRow {
    return {
        equal,
        cells: [
            where.size.toLocaleString('en'),
            shapeName(where.shape),
            where.name,
            where.state,
            appMs.toFixed(1),
            scanMs.toFixed(0),
            `${(scanMs / appMs).toFixed(0)}x`,
            String(reads.calls),
            String(reads.read),
            reads.examined === undefined ? '' : String(reads.examined),
            identical,
        ],
    };
}

/** The months (`month:YYYY-MM`) a range touches. */
export function monthsOf(start: number, end: number): string[] {
    const months: string[] = [];
    for (let year = new Date(start).getUTCFullYear(); year <= new Date(end).getUTCFullYear(); year++) {
        for (const monthStart of childStarts('year', Date.UTC(year, 0, 1))) {
            if (monthStart <= end && Date.UTC(year, new Date(monthStart).getUTCMonth() + 1, 1) > start) {
                months.push(periodTag('month', monthStart));
            }
        }
    }
    return months;
}

/** What a full scan reads: every record of every month the range touches, month by month (not filtered). */
export async function recordsOfRange(collection: PersistenceCollection, appId: string, range: DateRange): Promise<ServiceRecord[]> {
    const { reader } = appPersistence(collection, appId);
    const records: ServiceRecord[] = [];
    for (const month of monthsOf(range.start, range.end)) {
        for (const data of await reader.readByAssociations(periodRecordsQuery(month))) {
            const record = readStoredRecord(data);
            if (record) {
                records.push(record);
            }
        }
    }
    return records;
}
