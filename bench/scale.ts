/**
 * `npm run bench`: the report's cost with pre-aggregated buckets against the full scan, in the same
 * run, through the store code the app uses, over the in-memory persistence with Rocket.Chat's
 * semantics. Prints a table; checks that every answer equals the full scan's.
 *
 * Options: --rooms 10000,100000,1000000 (default), --agents 500.
 */
import { parseArgs } from 'util';
import { isDeepStrictEqual } from 'util';

import { appPersistence } from '../dev/workspace/appPersistence';
import { PersistenceCollection } from '../dev/workspace/persistenceCollection';
import { PersistenceRecordStore } from '../lib/adapters/persistenceRecordStore';
import type { AgentTotals } from '../lib/report/agentTotals';
import { totalsFromRecords } from '../lib/report/agentTotals';
import { readStoredRecord } from '../lib/records/serviceRecord';
import type { ReportScope } from '../lib/report/scope';
import type { ServiceRecord } from '../lib/records/serviceRecord';
import { monthTag, periodRecordsQuery } from '../lib/storage/layout';

const APP_ID = 'bench-app';
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/** The full scan: the records of every month the range touches, read month by month, then filtered and aggregated as the app does without buckets. */
async function fullScan(collection: PersistenceCollection, scope: ReportScope): Promise<AgentTotals[]> {
    const { reader } = appPersistence(collection, APP_ID);
    const records: ServiceRecord[] = [];
    const start = new Date(scope.range.start);
    for (
        let month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
        month <= scope.range.end;
        month = Date.UTC(new Date(month).getUTCFullYear(), new Date(month).getUTCMonth() + 1, 1)
    ) {
        const stored = await reader.readByAssociations(periodRecordsQuery(monthTag(month)));
        for (const data of stored) {
            const record = readStoredRecord(data);
            if (record) {
                records.push(record);
            }
        }
    }
    return totalsFromRecords(records, scope);
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = process.hrtime.bigint();
    const result = await run();
    return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: { rooms: { type: 'string', default: '10000,100000,1000000' }, agents: { type: 'string', default: '500' } },
    });
    const sizes = values.rooms.split(',').map(Number);
    const agents = Number(values.agents);
    const rows: string[][] = [];
    let allEqual = true;

    for (const size of sizes) {
        const collection = new PersistenceCollection();
        const { reader, writer } = appPersistence(collection, APP_ID);
        const store = new PersistenceRecordStore(reader, writer);
        // Ingest: one store per room, as one closed event each.
        const ingest = await timed(async () => {
            for (let i = 0; i < size; i++) {
                const agent = i % agents;
                const record: ServiceRecord = {
                    v: 1,
                    roomId: `room-${i}`,
                    agentId: `agent-${agent}`,
                    username: `agent${agent}`,
                    createdAt: YEAR_START + Math.floor(((i * 2_654_435_761) % size) * (YEAR_MS / size)),
                    durationMs: 1_000 + ((i * 7_919) % 3_600_000),
                    ...(i % 4 === 0 && { departmentId: `dept-${i % 3}` }),
                };
                await new PersistenceRecordStore(reader, writer).save(record);
            }
        });
        const ingestCalls = collection.calls.create + collection.calls.updateByAssociations + collection.calls.read;
        const ingestExamined = collection.entriesExamined;
        const build = await timed(() => store.rebuildBuckets());

        const day = Date.UTC(2025, 5, 15);
        const scopes: Array<[string, ReportScope]> = [
            ['day', { range: { start: day, end: day + 86_400_000 - 1 } }],
            ['month', { range: { start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 6, 1) - 1 } }],
            ['year', { range: { start: YEAR_START, end: YEAR_START + YEAR_MS - 1 } }],
            ['year, ragged ms edges', { range: { start: YEAR_START + 12_345_678, end: YEAR_START + YEAR_MS - 9_876_543 } }],
            ['two years', { range: { start: Date.UTC(2024, 0, 1), end: Date.UTC(2026, 0, 1) - 1 } }],
        ];
        for (const [name, scope] of scopes) {
            collection.resetCalls();
            const app = await timed(() => store.totals(scope));
            const appCalls = collection.calls.read;
            const appRead = collection.documentsRead;
            const appExamined = collection.entriesExamined;
            collection.resetCalls();
            const scan = await timed(() => fullScan(collection, scope));
            const equal = isDeepStrictEqual(app.result, scan.result);
            allEqual &&= equal;
            rows.push([
                size.toLocaleString('en'),
                name,
                app.ms.toFixed(1),
                scan.ms.toFixed(1),
                (scan.ms / app.ms).toFixed(0),
                String(appCalls),
                String(appRead),
                String(appExamined),
                (ingestCalls / size).toFixed(2),
                (ingestExamined / size).toFixed(0),
                equal ? 'yes' : 'NO',
            ]);
        }
        console.error(
            `${size} rooms: ingest ${(ingest.ms / 1000).toFixed(1)} s, first bucket build ${(build.ms / 1000).toFixed(1)} s (${build.result.markers} markers)`,
        );
    }

    const header = [
        'rooms',
        'range',
        'app ms',
        'full scan ms',
        'speed-up',
        'calls/query',
        'docs read/query',
        'MongoDB-examined/query',
        'calls/ingested room',
        'MongoDB-examined/ingested room',
        'identical',
    ];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i])).join(' | ')} |`;
    console.log(line(header));
    console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
    rows.forEach((row) => console.log(line(row)));
    console.log(`agents: ${agents}; every answer identical to the full scan: ${allEqual ? 'yes' : 'NO'}`);
    if (!allEqual) {
        process.exit(1);
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
