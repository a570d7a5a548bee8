/**
 * `npm run bench:crediting`: what `attribution=legs` and `hours=business` cost. Both read the records
 * of the range (the buckets hold the core's last stretches, whole), so this measures a report over
 * 30 days, 90 days and a year of a workspace with `--rooms` chats (default 100,000 over a year, one
 * in seven transferred), through the store the app uses, against the bucketed `last` report. It also
 * checks the legs report against a sum of the legs made here, without the app's crediting code, and
 * exits 1 if they differ.
 */
import { parseArgs } from 'util';

import { appPersistence } from '../dev/workspace/appPersistence';
import { PersistenceCollection } from '../dev/workspace/persistenceCollection';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { parseBusinessHours } from '../lib/hours/businessHours';
import type { Leg } from '../lib/legs/legs';
import type { ServiceRecord } from '../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../lib/chats/serviceRecord';
import type { ReportScope } from '../lib/reports/scope';
import { printTable } from './table';

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;
const AGENTS = 50;

/** The i-th chat: spread over 2025, one in seven transferred halfway to the next agent. */
function chat(i: number, rooms: number): ServiceRecord {
    const createdAt = YEAR_START + Math.floor((((i * 2_654_435_761) % rooms) / rooms) * YEAR_MS);
    const servedAt = createdAt + 30_000;
    const closedAt = servedAt + 60_000 + ((i * 7_919) % 7_200_000);
    const agent = i % AGENTS;
    const record: ServiceRecord = {
        v: SERVICE_RECORD_VERSION,
        roomId: `room-${i}`,
        agentId: `agent-${agent}`,
        username: `agent${agent}`,
        createdAt,
        closedAt,
        durationMs: closedAt - servedAt,
        ...(i % 4 !== 0 && { departmentId: `dept-${i % 3}` }),
    };
    if (i % 7 === 0) {
        const next = (agent + 1) % AGENTS;
        const handover = Math.floor((servedAt + closedAt) / 2);
        const legs: Leg[] = [
            { agentId: record.agentId, username: record.username, startedAt: servedAt, endedAt: handover, endedBy: 'transfer' },
            { agentId: `agent-${next}`, username: `agent${next}`, startedAt: handover, endedAt: closedAt, endedBy: 'close' },
        ];
        return { ...record, agentId: legs[1].agentId, username: legs[1].username, durationMs: closedAt - handover, legs };
    }
    return record;
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = process.hrtime.bigint();
    const result = await run();
    return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** The median of five runs: one run is at the mercy of a garbage collection. */
async function medianOfFive<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const runs = [];
    for (let i = 0; i < 5; i++) {
        runs.push(await timed(run));
    }
    return runs.sort((a, b) => a.ms - b.ms)[2];
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { rooms: { type: 'string', default: '100000' } } });
    const rooms = Number(values.rooms);
    const collection = new PersistenceCollection();
    const { reader, writer } = appPersistence(collection, 'bench-app');
    const store = new PersistenceRecordStore(reader, writer);
    const records = Array.from({ length: rooms }, (_, i) => chat(i, rooms));
    const seeding = await timed(async () => {
        for (const record of records) {
            await store.save(record);
        }
        while (!(await store.rebuildBuckets(Date.now() + 3_600_000)).complete) {
            // each run stops after 20 s of work, as the job's would
        }
    });
    console.log(
        `Seeded ${rooms.toLocaleString('en')} chats over 2025 (one in seven transferred) and built their buckets in ${(seeding.ms / 1000).toFixed(0)} s.`,
    );

    const hours = parseBusinessHours(
        JSON.stringify({
            default: {
                timezone: 'America/Sao_Paulo',
                week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, ['09:00-18:00']])),
                holidays: ['2025-12-25'],
            },
            departments: { 'dept-1': { timezone: 'Europe/Berlin', week: { mon: ['08:00-17:00'], tue: ['08:00-17:00'] } } },
        }),
    );
    if (!hours.ok) {
        throw new Error(hours.problems.join('; '));
    }
    const ranges: Array<[string, number]> = [
        ['30 days', 30],
        ['90 days', 90],
        ['a year', 365],
    ];
    const rows: string[][] = [];
    let mismatches = 0;
    for (const [name, days] of ranges) {
        const range = { start: YEAR_START + YEAR_MS - days * 86_400_000, end: YEAR_START + YEAR_MS - 1 };
        const cases: Array<[string, ReportScope]> = [
            ['last (buckets)', { range }],
            ['attribution=legs', { range, attribution: 'legs' }],
            ['hours=business', { range, businessHours: hours.value }],
            ['legs + business', { range, attribution: 'legs', businessHours: hours.value }],
        ];
        for (const [label, scope] of cases) {
            collection.resetCalls();
            const reads = collection.calls.read;
            const { result, ms } = await medianOfFive(() => store.totals(scope));
            const documents = collection.documentsRead / 5;
            rows.push([
                name,
                label,
                ms.toFixed(0),
                Math.round(documents).toLocaleString('en'),
                String((collection.calls.read - reads) / 5),
                result.reduce((sum, row) => sum + row.chats, 0).toLocaleString('en'),
            ]);
            if (label === 'attribution=legs') {
                // The same figure made here: every leg (or the whole chat) of the rooms created in the range.
                let expected = 0;
                for (const record of records) {
                    if (record.createdAt >= range.start && record.createdAt <= range.end) {
                        expected += record.legs
                            ? record.legs.reduce((sum, leg) => sum + (leg.endedAt - (leg.startedAt ?? leg.endedAt)), 0)
                            : record.durationMs;
                    }
                }
                const actual = result.reduce((sum, row) => sum + row.sumMs, 0);
                if (actual !== expected) {
                    mismatches++;
                    console.error(`${name}: legs report sums ${actual} ms, the legs made here ${expected} ms`);
                }
            }
        }
    }
    printTable(
        `Reports over ${rooms.toLocaleString('en')} chats: median of 5 runs`,
        ['range', 'crediting', 'ms', 'documents read', 'reads', 'agent-chats'],
        rows,
    );
    console.log(
        mismatches === 0 ? '\nThe legs report equals the sum of the legs made here, for every range.' : `\n${mismatches} mismatches.`,
    );
    process.exit(mismatches === 0 ? 0 : 1);
}

void main();
