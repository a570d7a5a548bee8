/**
 * `npm run bench`: the storage's costs, through the store code the app uses, over the in-memory
 * persistence with Rocket.Chat's semantics (and its count of the index entries MongoDB would examine).
 * Prints four tables; exits 1 if any report differs from the full scan of the records.
 *
 * 1. Reports: every range shape, with the buckets clean and with today's slots dirty (writes the
 *    builder has not seen yet, the normal state of a live workspace), against reading every record;
 *    and the drill-down, one agent's chats from the chat index, against listing them from every record.
 * 2. Bucket documents: the largest one, at each agents x departments shape.
 * 3. The builder at a steady rate of closes over a simulated day: documents read, persistence calls
 *    and MongoDB-examined entries per closed room.
 * 4. A full rebuild (after install or an update) of one busy day: its time grows linearly.
 *
 * Options: --rooms 100000,1000000 (default), --agents 500, --wide 5000x200 (the second shape; "none"
 * skips it), --rate 20 (closes per second) and --hours 24 for the builder, --rebuild 20000,40000,80000;
 * `none` (or --hours 0) skips a section.
 */
import { isDeepStrictEqual, parseArgs } from 'util';

import { appPersistence } from '../dev/workspace/appPersistence';
import { PersistenceCollection } from '../dev/workspace/persistenceCollection';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { storeSeriesSources } from '../lib/workspace/reportSources';
import type { AgentTotals } from '../lib/reports/agentTotals';
import { AgentTotalsAccumulator, totalsFromRecords } from '../lib/reports/agentTotals';
import { ceilSeconds } from '../lib/reports/rounding';
import { isInScope } from '../lib/reports/scope';
import { answerSeries } from '../lib/http/answerSeries';
import { seriesBuckets } from '../lib/time/calendar';
import { SKETCH_RELATIVE_ACCURACY } from '../lib/reports/quantileSketch';
import type { ServiceRecord } from '../lib/chats/serviceRecord';
import type { ReportScope } from '../lib/reports/scope';
import { bucketsOfMonthQuery } from '../lib/storage/layout';
import { DEFAULT_BUSINESS_HOURS_SETTING } from '../lib/hours/businessHours';
import { drillDownRows } from './drillDown';
import { printTable } from './table';
import type { ReportRow, Shape } from './measure';
import { medianOfFive, monthsOf, recordsOfRange, reportRow, shapeName, timed } from './measure';
import { DAY_MS } from '../lib/time/units';
import { exactPercentile } from '../dev/oracles/percentile';

const APP_ID = 'bench-app';
const DATA_START = Date.UTC(2024, 0, 1);
const DATA_END = Date.UTC(2026, 0, 1); // two years of rooms
/** "Now" in the bench's world: the last afternoon of the data. */
const NOW = Date.UTC(2025, 11, 31, 15, 0);

/** The i-th room of a data set: spread evenly over two years, agents and departments in rotation. */
function roomRecord(i: number, size: number, shape: Shape, createdAt?: number): ServiceRecord {
    const agent = i % shape.agents;
    const department = shape.departments > 0 && i % 4 !== 0 ? `dept-${(i * 31) % shape.departments}` : undefined;
    return {
        v: 1,
        roomId: `room-${i}`,
        agentId: `agent-${agent}`,
        username: `agent${agent}`,
        createdAt: createdAt ?? DATA_START + Math.floor(((i * 2_654_435_761) % size) * ((DATA_END - DATA_START) / size)),
        durationMs: 1_000 + ((i * 7_919) % 3_600_000),
        ...(department && { departmentId: department }),
    };
}

/** The full scan: the records of every month the range touches, read month by month, then filtered and aggregated as the app does without buckets. */
async function fullScan(collection: PersistenceCollection, scope: ReportScope): Promise<AgentTotals[]> {
    return totalsFromRecords(await recordsOfRange(collection, APP_ID, scope.range), scope);
}

const RANGES: Array<[string, (shape: Shape) => ReportScope]> = [
    ['calendar year 2025', () => ({ range: { start: Date.UTC(2025, 0, 1), end: Date.UTC(2026, 0, 1) - 1 } })],
    [
        '365 days from Jan 15, noon',
        () => ({ range: { start: Date.UTC(2025, 0, 15, 12), end: Date.UTC(2025, 0, 15, 12) + 365 * DAY_MS - 1 } }),
    ],
    ['30 days ending now', () => ({ range: { start: NOW - 30 * DAY_MS + 1, end: NOW } })],
    ['two years', () => ({ range: { start: DATA_START, end: DATA_END - 1 } })],
    [
        'calendar year, one department',
        (shape) => ({
            range: { start: Date.UTC(2025, 0, 1), end: Date.UTC(2026, 0, 1) - 1 },
            departmentIds: shape.departments > 0 ? ['dept-1'] : ['none'],
        }),
    ],
];

/** The bench's workspace reports in São Paulo (Default_Timezone_For_Reporting = custom). */
const REPORTING_TIME_ZONE = 'America/Sao_Paulo';
const MANAGER_REQUEST = { user: { roles: ['livechat-manager'] } };
/** The local year 2025 in the reporting timezone: 365 days. */
const SERIES_QUERY = { start: '2025-01-01T00:00:00.000-03:00', end: '2025-12-31T23:59:59.999-03:00', interval: 'day' };

const SERIES_CASES: Array<[string, Record<string, string>]> = [
    ['365-day series, all agents, reporting timezone', {}],
    [
        '365-day series, all agents, Asia/Kolkata',
        { timezone: 'Asia/Kolkata', start: '2025-01-01T00:00:00.000+05:30', end: '2025-12-31T23:59:59.999+05:30' },
    ],
    ['365-day series, byAgent, reporting timezone', { byAgent: 'true' }],
];

type SeriesAnswer = { buckets: Array<{ start: string; chats: number; serviceTimeDuration: number; agents?: unknown[] }> };

/**
 * The full scan of a series: every record of the range's months, each added to its bucket (the same
 * calendar as the app's, found by binary search), per agent when the series lists agents.
 */
async function seriesScan(collection: PersistenceCollection, query: Record<string, string>, timeZone: string): Promise<SeriesAnswer> {
    const range = { start: Date.parse(query.start), end: Date.parse(query.end) };
    const buckets = seriesBuckets(range, 'day', timeZone) ?? [];
    const totals = buckets.map(() => new AgentTotalsAccumulator({ range }));
    for (const record of await recordsOfRange(collection, APP_ID, range)) {
        let low = 0;
        let high = buckets.length - 1;
        while (low <= high) {
            const middle = (low + high) >> 1;
            if (record.createdAt < buckets[middle].start) {
                high = middle - 1;
            } else if (record.createdAt > buckets[middle].end) {
                low = middle + 1;
            } else {
                totals[middle].add([record]);
                break;
            }
        }
    }
    return {
        buckets: buckets.map((bucket, i) => {
            const agents = totals[i].sorted();
            const chats = agents.reduce((sum, agent) => sum + agent.chats, 0);
            const sumMs = agents.reduce((sum, agent) => sum + agent.sumMs, 0);
            return {
                start: bucket.label,
                chats,
                serviceTimeDuration: ceilSeconds(sumMs),
                ...(query.byAgent && { agents: agents.map((agent) => [agent.agentId, agent.chats, ceilSeconds(agent.sumMs)]) }),
            };
        }),
    };
}

/** What the series answers, in the scan's terms. */
function seriesFigures(answer: SeriesAnswer): SeriesAnswer {
    return {
        buckets: answer.buckets.map(({ start, chats, serviceTimeDuration, agents }) => ({
            start,
            chats,
            serviceTimeDuration,
            ...(agents && {
                agents: (agents as Array<{ _id: string; chats: number; serviceTimeDuration: number }>).map((agent) => [
                    agent._id,
                    agent.chats,
                    agent.serviceTimeDuration,
                ]),
            }),
        })),
    };
}

/** The exact stats of a year, from every record: what the sketches are measured against. */
async function exactStats(collection: PersistenceCollection, scope: ReportScope) {
    const byAgent = new Map<string, number[]>();
    for (const record of await recordsOfRange(collection, APP_ID, scope.range)) {
        if (isInScope(record, scope)) {
            const durations = byAgent.get(record.agentId);
            if (durations) {
                durations.push(record.durationMs);
            } else {
                byAgent.set(record.agentId, [record.durationMs]);
            }
        }
    }
    return new Map(
        [...byAgent].map(([agentId, durations]) => [
            agentId,
            { chats: durations.length, p: [50, 90, 95].map((percent) => exactPercentile(durations, percent) ?? 0) },
        ]),
    );
}

/** Series and stats rows: each against its full scan, in the same run. */
async function seriesAndStatsRows(
    collection: PersistenceCollection,
    store: PersistenceRecordStore,
    size: number,
    shape: Shape,
    state: string,
): Promise<ReportRow[]> {
    const rows: ReportRow[] = [];
    const sources = storeSeriesSources(store, {
        allowedRoles: async () => ['livechat-manager'],
        reportingTimeZone: async () => REPORTING_TIME_ZONE,
        businessHoursSetting: async () => DEFAULT_BUSINESS_HOURS_SETTING,
    });
    for (const [name, extra] of SERIES_CASES) {
        const query = { ...SERIES_QUERY, ...extra };
        const ask = async () => (await answerSeries({ ...MANAGER_REQUEST, query }, sources)).content as unknown as SeriesAnswer;
        collection.resetCalls();
        const first = await timed(ask);
        const calls = collection.calls.read;
        const read = collection.documentsRead;
        const appMs = await medianOfFive(first.ms, ask);
        const scan = await timed(() => seriesScan(collection, query, extra.timezone ?? REPORTING_TIME_ZONE));
        const equal = first.result.buckets.length === 365 && isDeepStrictEqual(seriesFigures(first.result), scan.result);
        rows.push(reportRow({ size, shape, name, state }, appMs, scan.ms, { calls, read }, equal));
    }
    const year: ReportScope = { range: { start: Date.UTC(2025, 0, 1), end: Date.UTC(2026, 0, 1) - 1 } };
    collection.resetCalls();
    const stats = await timed(() => store.stats(year));
    const calls = collection.calls.read;
    const read = collection.documentsRead;
    const statsMs = await medianOfFive(stats.ms, () => store.stats(year));
    const exact = await timed(() => exactStats(collection, year));
    let worst = 0;
    let equal = stats.result.length === exact.result.size;
    for (const agent of stats.result) {
        const truth = exact.result.get(agent.agentId);
        equal &&= truth?.chats === agent.chats;
        [50, 90, 95].forEach((percent, i) => {
            const error = Math.abs((agent.sketch.percentile(percent) ?? 0) - (truth?.p[i] ?? 0)) / (truth?.p[i] ?? 1);
            worst = Math.max(worst, error);
        });
    }
    equal &&= worst <= SKETCH_RELATIVE_ACCURACY * (1 + 1e-9);
    rows.push(
        reportRow(
            { size, shape, name: 'stats, calendar year (p50/p90/p95)', state },
            statsMs,
            exact.ms,
            { calls, read },
            equal,
            equal ? `yes (worst ${(worst * 100).toFixed(2)} %)` : 'NO',
        ),
    );
    return rows;
}

/** Section 1 and 2: ingest a data set, build its buckets, time every range clean and dirty, and find its largest bucket document. */
async function reportsAt(size: number, shape: Shape): Promise<{ rows: ReportRow[]; largestBucketBytes: number; ingest: string }> {
    const collection = new PersistenceCollection();
    const { reader, writer } = appPersistence(collection, APP_ID);
    const ingest = await timed(async () => {
        for (let i = 0; i < size; i++) {
            // One store per room, as one closed event each.
            await new PersistenceRecordStore(reader, writer).save(roomRecord(i, size, shape));
        }
    });
    const ingestCalls = collection.calls.create + collection.calls.updateByAssociations + collection.calls.read;
    const ingestExamined = collection.entriesExamined;
    const store = new PersistenceRecordStore(reader, writer);
    const build = await timed(() => rebuildUntilReady(store));
    const ingestNote =
        `${size.toLocaleString('en')} rooms, ${shapeName(shape)}: ingest ${(ingest.ms / 1000).toFixed(1)} s ` +
        `(${(ingestCalls / size).toFixed(2)} calls and ${(ingestExamined / size).toFixed(2)} MongoDB-examined entries per room), ` +
        `full bucket build ${(build.ms / 1000).toFixed(1)} s in ${build.result} builder run(s)`;
    console.error(ingestNote);

    const rows: ReportRow[] = [];
    for (const state of ['clean', 'today dirty'] as const) {
        if (state === 'today dirty') {
            // Live closes the builder has not seen: 200 rooms created over the last hours before "now".
            for (let i = 0; i < 200; i++) {
                await store.save(roomRecord(size + i, size, shape, NOW - 6 * 3_600_000 + i * 97_000));
            }
        }
        for (const [name, scopeOf] of RANGES) {
            const scope = scopeOf(shape);
            collection.resetCalls();
            const app = await timed(() => store.totals(scope));
            const appCalls = collection.calls.read;
            const appRead = collection.documentsRead;
            const appExamined = collection.entriesExamined;
            const appMs = await medianOfFive(app.ms, () => store.totals(scope));
            collection.resetCalls();
            const scan = await timed(() => fullScan(collection, scope));
            const equal = isDeepStrictEqual(app.result, scan.result);
            rows.push(
                reportRow({ size, shape, name, state }, appMs, scan.ms, { calls: appCalls, read: appRead, examined: appExamined }, equal),
            );
        }
        rows.push(...(await seriesAndStatsRows(collection, store, size, shape, state)));
        rows.push(...(await drillDownRows(collection, APP_ID, store, { size, shape, state, now: NOW })));
    }
    let largestBucketBytes = 0;
    for (const month of monthsOf(DATA_START, DATA_END - 1)) {
        for (const document of await reader.readByAssociations(bucketsOfMonthQuery(month))) {
            largestBucketBytes = Math.max(largestBucketBytes, Buffer.byteLength(JSON.stringify(document)));
        }
    }
    return { rows, largestBucketBytes, ingest: ingestNote };
}

/**
 * Section 3: rooms close at `rate` per second for `hours`, each a save as the event handler makes it,
 * and the builder runs every 10 s as its job does. Counts what the saves and the builder cost per room.
 */
async function builderAtRate(rate: number, hours: number, shape: Shape): Promise<string[]> {
    const collection = new PersistenceCollection();
    const { reader, writer } = appPersistence(collection, APP_ID);
    const builder = new PersistenceRecordStore(reader, writer);
    await builder.rebuildBuckets(); // an empty store, made ready
    const dayStart = Date.UTC(2025, 5, 15);
    const runs = (hours * 3600) / 10;
    const perRun = rate * 10;
    let rooms = 0;
    let slowestRunMs = 0;
    const saves = { read: 0, calls: 0, examined: 0 };
    const builds = { read: 0, calls: 0, examined: 0 };
    const count = (into: typeof saves) => {
        const { create, updateByAssociations, read, remove } = collection.calls;
        into.calls += create + updateByAssociations + read + remove;
        into.read += collection.documentsRead;
        into.examined += collection.entriesExamined;
        collection.resetCalls();
    };
    collection.resetCalls();
    const started = process.hrtime.bigint();
    for (let run = 0; run < runs; run++) {
        for (let n = 0; n < perRun; n++) {
            // Created in the last 10 s, closed now: as a live workspace's rooms.
            const createdAt = dayStart + run * 10_000 + Math.floor((n * 10_000) / perRun);
            await new PersistenceRecordStore(reader, writer).save(roomRecord(rooms++, 1, shape, createdAt));
        }
        count(saves);
        const runTime = await timed(() => builder.rebuildBuckets(dayStart + (run + 1) * 10_000));
        count(builds);
        slowestRunMs = Math.max(slowestRunMs, runTime.ms);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perRoom = (n: number) => (n / rooms).toFixed(2);
    return [
        `${rate}/s for ${hours} h`,
        rooms.toLocaleString('en'),
        shapeName(shape),
        perRoom(builds.read),
        `${perRoom(saves.calls)} + ${perRoom(builds.calls)}`,
        perRoom(saves.examined),
        perRoom(builds.examined),
        slowestRunMs.toFixed(0),
        seconds.toFixed(0),
    ];
}

/** Section 4: a full rebuild of `rooms` rooms all created in one day. */
async function fullRebuildOfOneDay(rooms: number, shape: Shape): Promise<string[]> {
    const collection = new PersistenceCollection();
    const { reader, writer } = appPersistence(collection, APP_ID);
    const store = new PersistenceRecordStore(reader, writer);
    const day = Date.UTC(2025, 5, 15);
    for (let i = 0; i < rooms; i++) {
        await store.save(roomRecord(i, rooms, shape, day + Math.floor((i * DAY_MS) / rooms)));
    }
    collection.resetCalls();
    const build = await timed(() => rebuildUntilReady(store));
    return [
        rooms.toLocaleString('en'),
        (build.ms / 1000).toFixed(2),
        ((build.ms * 1000) / rooms).toFixed(1),
        String(collection.documentsRead),
    ];
}

/** The first full build, run after run as the builder's job would (each run stops after 20 s of work). */
async function rebuildUntilReady(store: PersistenceRecordStore): Promise<number> {
    let runs = 1;
    while (!(await store.rebuildBuckets()).complete) {
        runs++;
    }
    return runs;
}

function parseShape(text: string): Shape | undefined {
    if (text === 'none') {
        return undefined;
    }
    const [agents, departments] = text.split('x').map(Number);
    return { agents, departments };
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            rooms: { type: 'string', default: '100000,1000000' },
            agents: { type: 'string', default: '500' },
            wide: { type: 'string', default: '5000x200' },
            rate: { type: 'string', default: '20' },
            hours: { type: 'string', default: '24' },
            rebuild: { type: 'string', default: '20000,40000,80000' },
        },
    });
    const sizes = values.rooms === 'none' ? [] : values.rooms.split(',').map(Number);
    const narrow: Shape = { agents: Number(values.agents), departments: 3 };
    const wide = parseShape(values.wide);
    const reportRows: ReportRow[] = [];
    const bucketRows: string[][] = [];
    for (const shape of wide ? [narrow, wide] : [narrow]) {
        for (const size of shape === narrow ? sizes : sizes.slice(-1)) {
            const { rows, largestBucketBytes } = await reportsAt(size, shape);
            reportRows.push(...rows);
            bucketRows.push([
                size.toLocaleString('en'),
                shapeName(shape),
                largestBucketBytes.toLocaleString('en'),
                largestBucketBytes <= 1024 * 1024 ? 'yes' : 'NO',
            ]);
        }
    }
    printTable(
        'Reports: the app (buckets) against reading every record of the range, in the same run',
        [
            'rooms',
            'agents x depts',
            'range',
            'buckets',
            'app ms',
            'full scan ms',
            'speed-up',
            'reads',
            'docs read',
            'MongoDB-examined',
            'identical',
        ],
        reportRows.map((row) => row.cells),
    );
    printTable('Bucket documents', ['rooms', 'agents x depts', 'largest bucket document (bytes)', 'under 1 MiB'], bucketRows);

    const builderRows = Number(values.hours) > 0 ? [await builderAtRate(Number(values.rate), Number(values.hours), narrow)] : [];
    printTable(
        'The builder every 10 s while rooms close (saves and builder runs together, per closed room)',
        [
            'closes',
            'rooms',
            'agents x depts',
            'builder docs read/room',
            'calls/room (save + builder)',
            'MongoDB-examined/close',
            'builder MongoDB-examined/room',
            'slowest run ms',
            'bench s',
        ],
        builderRows,
    );

    const rebuildRows: string[][] = [];
    for (const rooms of values.rebuild === 'none' ? [] : values.rebuild.split(',').map(Number)) {
        rebuildRows.push(await fullRebuildOfOneDay(rooms, narrow));
    }
    printTable(
        'A full rebuild of one busy day (after install or an update)',
        ['rooms in the day', 'seconds', 'µs per room', 'docs read'],
        rebuildRows,
    );

    const allEqual = reportRows.every((row) => row.equal);
    console.log(`\nevery answer identical to the full scan: ${allEqual ? 'yes' : 'NO'}`);
    if (!allEqual) {
        process.exit(1);
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
