/**
 * `npm run bench:e2e`: the reports, a year's daily series, a year's stats and one agent's chats of a month through the real engine (the packaged zip in the Apps-Engine with
 * its Deno subprocess), over HTTP, in the steady state of a live workspace: buckets built, the
 * builder job running every 10 s, and rooms closing today through the engine while the requests run,
 * so that today's slots are dirty. Prints p50/p95 per range and the documents and MongoDB-examined
 * entries one request reads (measured with the jobs held, so that the builder's reads are not counted).
 *
 * The records are written in-process through the app's own store code (as 1M closes would have left
 * them) and the first full bucket build runs in-process too: through the bridge it would take minutes
 * and is not what a manager waits on.
 *
 * Options: --rooms 100000,1000000 (default), --agents 500, --requests 40 (per range).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';

import { AppsEngineHost } from '../dev/host/AppsEngineHost';
import { packageApp } from '../dev/package';
import { appPersistence } from '../dev/workspace/appPersistence';
import { Workspace } from '../dev/workspace/workspace';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import type { ServiceRecord } from '../lib/chats/serviceRecord';
import { tag } from '../lib/storage/layout';
import { DIRTY_TAG } from '../lib/storage/versions';
import { printTable } from './table';
import { DAY_MS } from '../lib/time/units';

const MANAGER = { _id: 'bench-manager', username: 'manager', name: 'Manager', roles: ['livechat-manager'], authToken: 'bench-token' };

function percentile(sorted: number[], q: number): number {
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            rooms: { type: 'string', default: '100000,1000000' },
            agents: { type: 'string', default: '500' },
            requests: { type: 'string', default: '40' },
        },
    });
    const agents = Number(values.agents);
    const requests = Number(values.requests);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-bench-'));
    const zip = await packageApp({ outDir });
    const rows: string[][] = [];
    try {
        for (const size of values.rooms.split(',').map(Number)) {
            rows.push(...(await benchAt(zip, size, agents, requests)));
        }
    } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
    }
    printTable(
        `Reports over HTTP through the real engine (${agents} agents, ${requests} requests per range, builder running)`,
        ['rooms', 'range', 'p50 ms', 'p95 ms', 'docs read/request', 'MongoDB-examined/request', 'dirty slots'],
        rows,
    );
}

async function benchAt(zip: string, size: number, agents: number, requests: number): Promise<string[][]> {
    const workspace = new Workspace();
    workspace.addUser(MANAGER);
    for (let a = 0; a < agents; a++) {
        workspace.addUser({ _id: `agent-${a}`, username: `agent${a}`, name: `Agent ${a}`, roles: ['livechat-agent'] });
    }
    const host = await AppsEngineHost.start({ workspace });
    try {
        const { id: appId } = await host.install(zip);
        const now = Date.now();
        const first = now - 2 * 365 * DAY_MS;
        const { reader, writer } = appPersistence(workspace.persistence, appId);
        const started = Date.now();
        await host.whileJobsPaused(async () => {
            for (let i = 0; i < size; i++) {
                const agent = i % agents;
                const record: ServiceRecord = {
                    v: 1,
                    roomId: `old-${i}`,
                    agentId: `agent-${agent}`,
                    username: `agent${agent}`,
                    createdAt: first + Math.floor(((i * 2_654_435_761) % size) * ((now - DAY_MS - first) / size)),
                    durationMs: 1_000 + ((i * 7_919) % 3_600_000),
                    ...(i % 4 === 0 && { departmentId: `dept-${i % 3}` }),
                };
                await new PersistenceRecordStore(reader, writer).save(record);
            }
            const builder = new PersistenceRecordStore(reader, writer);
            while (!(await builder.rebuildBuckets()).complete) {
                // each run stops after 20 s of work, as the job's would
            }
        });
        console.error(`${size.toLocaleString('en')} rooms stored and built in ${((Date.now() - started) / 1000).toFixed(0)} s`);

        let closed = 0;
        /** Closes rooms created in today's last hours through the engine: each one a dirty slot until the builder runs. */
        const closeToday = async (count: number) => {
            for (let n = 0; n < count; n++) {
                const roomId = `live-${closed}`;
                const ts = new Date(Date.now() - 3 * 3_600_000 + ((closed * 337_000) % (3 * 3_600_000)));
                workspace.openRoom({ _id: roomId, ts });
                workspace.serveRoom(roomId, `agent-${closed % agents}`, new Date(ts.getTime() + 5_000));
                await host.closeRoom(roomId, new Date(Date.now()));
                closed++;
            }
        };
        const year = new Date(now).getUTCFullYear() - 1;
        const unalignedStart = Date.UTC(year, 0, 15, 12);
        const average = 'average-service-time';
        // São Paulo is UTC-3 all year (no daylight saving since 2019): its local year starts at 03:00 UTC.
        const localYear = Date.UTC(year, 0, 1, 3);
        const thisMonthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
        const lastMonthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - 1, 1);
        const lastMonthName = new Date(lastMonthStart).toISOString().slice(0, 7);
        const ranges: Array<[string, number, number, string?, string?]> = [
            [`calendar year ${year}`, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1) - 1],
            ['365 days from Jan 15, noon', unalignedStart, unalignedStart + 365 * DAY_MS - 1],
            ['30 days ending now', now - 30 * DAY_MS, now],
            ['two years', first, now],
            [
                `series: each day of ${year} in São Paulo`,
                localYear,
                localYear + 365 * DAY_MS - 1,
                'service-time-series',
                '&interval=day&timezone=America/Sao_Paulo',
            ],
            [`stats: calendar year ${year}`, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1) - 1, 'service-time-stats', '&count=0'],
            // The drill-down a manager opens from the agents table: one agent's chats of the last full month.
            [`chats: one agent, ${lastMonthName}`, lastMonthStart, thisMonthStart - 1, 'service-time-chats', '&count=0&agentId=agent-7'],
        ];
        const rows: string[][] = [];
        for (const [name, start, end, report = average, extra = ''] of ranges) {
            const url = `${host.url(appId, `livechat/analytics/agents/${report}`)}?start=${new Date(start).toISOString()}&end=${new Date(end).toISOString()}${extra || '&count=0'}`;
            const get = async () => {
                const response = await fetch(url, { headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken } });
                if (response.status !== 200) {
                    throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
                }
                await response.json();
            };
            const times: number[] = [];
            for (let r = 0; r < requests; r++) {
                await closeToday(5); // the steady state: rooms keep closing, the builder keeps up every 10 s
                const began = process.hrtime.bigint();
                await get();
                times.push(Number(process.hrtime.bigint() - began) / 1e6);
            }
            times.sort((a, b) => a - b);
            // One request counted with the jobs held, after a few more closes: its own reads only.
            const counted = await host.whileJobsPaused(async () => {
                await closeToday(5);
                const markers = await reader.readByAssociations([tag(DIRTY_TAG)]);
                const slots = new Set((markers as Array<{ slot: string }>).map((marker) => marker.slot)).size;
                workspace.persistence.resetCalls();
                await get();
                return { read: workspace.persistence.documentsRead, examined: workspace.persistence.entriesExamined, slots };
            });
            rows.push([
                size.toLocaleString('en'),
                name,
                percentile(times, 0.5).toFixed(0),
                percentile(times, 0.95).toFixed(0),
                String(counted.read),
                String(counted.examined),
                String(counted.slots),
            ]);
        }
        return rows;
    } finally {
        await host.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
