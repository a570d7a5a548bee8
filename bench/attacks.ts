/**
 * `npm run bench:attacks`: the shapes the adversarial review of 1.4.0 measured through the real engine
 * (issue "Nothing counted that should not be, nothing leaked, nothing frozen"), each answer compared
 * with a full scan in the same run:
 * 1. ghost records: 200 rooms closed and deleted at once, 200 deleted before a late close and a late
 *    leg event, and a history import of 3,000 rooms while 200 of them are deleted;
 * 3. one report naming 20 departments with 3,000 writes pending, and 1,000 departments with 300:
 *    persistence reads and time of the request;
 * 4. a burst of `--burst` saves (default 50,000) over March 2026, then the builder job through the
 *    engine every 10 s (a run the engine stops waiting for at 30 s goes on, as in Rocket.Chat): time
 *    until every write is settled, and the day series (UTC and São Paulo) against a full scan.
 * The burst's and the reads' records are written in-process through the app's own store code (the
 * save path of a close); everything else goes through the engine.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';

import { AppsEngineHost } from '../dev/host/AppsEngineHost';
import { packageApp } from '../dev/package';
import { appPersistence } from '../dev/workspace/appPersistence';
import { Workspace } from '../dev/workspace/workspace';
import type { ServiceRecord } from '../lib/chats/serviceRecord';
import { totalsFromRecords } from '../lib/reports/agentTotals';
import { ceilSecondsAverage } from '../lib/reports/rounding';
import { storedTag, tag } from '../lib/storage/layout';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { DIRTY_TAG, RECORD_TAG } from '../lib/storage/versions';
import { DAY_MS, HOUR_MS } from '../lib/time/units';
import { printTable } from './table';

const MANAGER = { _id: 'bench-manager', username: 'manager', name: 'Manager', roles: ['livechat-manager'], authToken: 'bench-token' };
const AGENTS = 20;
const headers = { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken };

async function withHost<T>(zip: string, run: (host: AppsEngineHost, appId: string) => Promise<T>): Promise<T> {
    const workspace = new Workspace();
    workspace.addUser(MANAGER);
    for (let a = 0; a < AGENTS; a++) {
        workspace.addUser({ _id: `agent-${a}`, username: `agent${a}`, name: `Agent ${a}`, roles: ['livechat-agent'] });
    }
    const host = await AppsEngineHost.start({ workspace });
    try {
        return await run(host, (await host.install(zip)).id);
    } finally {
        await host.stop();
    }
}

async function storedRoomIds(host: AppsEngineHost, appId: string): Promise<Set<string>> {
    const records = (await host.workspace.persistence.readByAssociations(appId, [storedTag(RECORD_TAG)])) as Array<{ roomId: string }>;
    return new Set(records.map((record) => record.roomId));
}

/** Opens and serves a room in June 2026 in the workspace; closing it is left to the caller. */
function servedRoom(host: AppsEngineHost, id: string, i: number): Date {
    const ts = new Date(Date.UTC(2026, 5, 1) + ((i * 7_919_993) % (29 * DAY_MS)));
    host.workspace.openRoom({ _id: id, ts });
    host.workspace.serveRoom(id, `agent-${i % AGENTS}`, new Date(ts.getTime() + 1_000));
    return new Date(ts.getTime() + 61_000 + ((i * 104_729) % 900_000));
}

async function ghosts(zip: string): Promise<string[][]> {
    return withHost(zip, async (host, appId) => {
        const listeners = host.manager.getListenerManager();
        const { AppInterface } = await import('@rocket.chat/apps-engine/definition/metadata');
        const together = Array.from({ length: 200 }, (_, i) => `together-${i}`);
        await Promise.all(
            together.map(async (id, i) => {
                const closed = host.workspace.convertRoom(host.workspace.closeRoom(id, servedRoom(host, id, i)));
                await Promise.all([listeners.executeListener(AppInterface.IPostLivechatRoomClosed, closed), host.deleteRoom(id)]);
            }),
        );
        const late = Array.from({ length: 200 }, (_, i) => `late-${i}`);
        for (const [i, id] of late.entries()) {
            const closed = host.workspace.convertRoom(host.workspace.closeRoom(id, servedRoom(host, id, i)));
            await host.deleteRoom(id);
            await listeners.executeListener(AppInterface.IPostLivechatRoomClosed, closed);
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // the deletion's event is not awaited by Rocket.Chat
        const stored = await storedRoomIds(host, appId);
        const rows = [
            ['closed and deleted at once (200)', String(together.filter((id) => stored.has(id)).length)],
            ['deleted, then a late close (200)', String(late.filter((id) => stored.has(id)).length)],
        ];
        // The history import while rooms are deleted.
        const rooms = Array.from({ length: 3_000 }, (_, i) => `import-${i}`);
        rooms.forEach((id, i) => host.workspace.closeRoom(id, servedRoom(host, id, i)));
        await fetch(host.url(appId, 'livechat/analytics/history-import'), { method: 'POST', headers });
        const deleted = new Set<string>();
        for (let i = 0; deleted.size < 200; i++) {
            const id = rooms[(i * 7_919) % rooms.length];
            if (!deleted.has(id)) {
                deleted.add(id);
                await host.deleteRoom(id);
            }
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        for (;;) {
            const status = (await (await fetch(host.url(appId, 'livechat/analytics/history-import'), { headers })).json()) as {
                state: string;
            };
            if (status.state !== 'running') {
                break;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        await host.runRecurringJobsNow(appId);
        const afterImport = await storedRoomIds(host, appId);
        const existing = rooms.filter((id) => !deleted.has(id));
        const answer = (await (
            await fetch(
                `${host.url(appId, 'livechat/analytics/agents/total-service-time')}?start=2026-06-01&end=2026-06-30T23:59:59.999Z&count=0`,
                { headers },
            )
        ).json()) as { agents: Array<{ chats: number }> };
        rows.push(
            [
                'import of 3,000 rooms, 200 deleted during it: records of deleted rooms',
                String([...deleted].filter((id) => afterImport.has(id)).length),
            ],
            ['  rooms that exist left without a record (offset paging)', String(existing.filter((id) => !afterImport.has(id)).length)],
            [
                '  chats in the June report / rooms that exist',
                `${answer.agents.reduce((sum, agent) => sum + agent.chats, 0)} / ${existing.length}`,
            ],
        );
        return rows;
    });
}

async function boundedReads(zip: string, departments: number, pending: number): Promise<string[]> {
    return withHost(zip, async (host, appId) => {
        const { reader, writer } = appPersistence(host.workspace.persistence, appId);
        const store = new PersistenceRecordStore(reader, writer);
        const records: ServiceRecord[] = [];
        const record = (i: number, createdAt: number): ServiceRecord => ({
            v: 1,
            roomId: `r-${i}`,
            agentId: `agent-${i % AGENTS}`,
            username: `agent${i % AGENTS}`,
            createdAt,
            durationMs: 1_000 + ((i * 7_919) % 3_600_000),
            departmentId: `dept-${i % departments}`,
        });
        const year = Date.UTC(2026, 0, 1);
        return host.whileJobsPaused(async () => {
            for (let i = 0; i < 20_000; i++) {
                records.push(record(i, year + Math.floor((i / 20_000) * 330 * DAY_MS)));
                await store.save(records[i]);
            }
            while (!(await store.rebuildBuckets()).complete) {
                // each run stops after its budget, as the job's would
            }
            for (let i = 20_000; i < 20_000 + pending; i++) {
                records.push(record(i, year + ((i * 104_729) % 330) * DAY_MS + ((i * 7) % 24) * HOUR_MS));
                await store.save(records[i]);
            }
            const named = Array.from({ length: departments }, (_, d) => `dept-${d}`);
            const scope = { range: { start: year, end: Date.UTC(2027, 0, 1) - 1 }, departmentIds: named };
            const url = `${host.url(appId, 'livechat/analytics/agents/average-service-time')}?start=2026-01-01&end=2026-12-31T23:59:59.999Z&count=0&departmentId=${named.join(',')}`;
            host.workspace.persistence.resetCalls();
            const began = Date.now();
            const answer = (await (await fetch(url, { headers })).json()) as {
                agents: Array<{ _id: string; averageServiceTimeInSeconds: number }>;
            };
            const ms = Date.now() - began;
            const reads = host.workspace.persistence.calls.read;
            const scan = totalsFromRecords(records, scope).map((agent) => ({
                _id: agent.agentId,
                seconds: ceilSecondsAverage(agent.sumMs, agent.chats),
            }));
            const equal =
                JSON.stringify(answer.agents.map((agent) => ({ _id: agent._id, seconds: agent.averageServiceTimeInSeconds }))) ===
                JSON.stringify(scan);
            return [`${departments} departments, ${pending} writes pending`, String(reads), String(ms), equal ? 'yes' : 'NO'];
        });
    });
}

async function burst(zip: string, size: number): Promise<string[][]> {
    return withHost(zip, async (host, appId) => {
        const { reader, writer } = appPersistence(host.workspace.persistence, appId);
        const store = new PersistenceRecordStore(reader, writer);
        const march = Date.UTC(2026, 2, 1);
        const records: ServiceRecord[] = [];
        await host.whileJobsPaused(async () => {
            await store.rebuildBuckets(); // ready, as a live workspace's buckets are
            for (let i = 0; i < size; i++) {
                const agent = i % AGENTS;
                records.push({
                    v: 1,
                    roomId: `burst-${i}`,
                    agentId: `agent-${agent}`,
                    username: `agent${agent}`,
                    createdAt: march + Math.floor(((i * 2_654_435_761) % size) * ((31 * DAY_MS - 1) / size)),
                    durationMs: 1_000 + ((i * 7_919) % 3_600_000),
                });
                await store.save(records[i]);
            }
        });
        const failuresBefore = host.jobFailures.length;
        const began = Date.now();
        let waiting = size;
        while (waiting > 0 && Date.now() - began < 1_800_000) {
            await new Promise((resolve) => setTimeout(resolve, 2_000)); // the job runs every 10 s by itself
            waiting = (await reader.readByAssociations([tag(DIRTY_TAG)])).length;
        }
        const cleared = (Date.now() - began) / 1000;
        const timedOut = host.jobFailures
            .slice(failuresBefore)
            .filter((failure) => failure.includes('bucket-builder') && failure.includes('timed out')).length;
        const series = async (timezone: string, offsetMs: number) => {
            const url = `${host.url(appId, 'livechat/analytics/agents/service-time-series')}?interval=day&timezone=${timezone}&start=${new Date(march + offsetMs).toISOString()}&end=${new Date(march + 31 * DAY_MS + offsetMs - 1).toISOString()}`;
            const answer = (await (await fetch(url, { headers })).json()) as { buckets: Array<{ chats: number }> };
            let off = 0;
            answer.buckets.forEach((bucket, day) => {
                const range = { start: march + offsetMs + day * DAY_MS, end: march + offsetMs + (day + 1) * DAY_MS - 1 };
                const chats = totalsFromRecords(records, { range }).reduce((sum, agent) => sum + agent.chats, 0);
                off += bucket.chats === chats ? 0 : 1;
            });
            return `${answer.buckets.reduce((sum, bucket) => sum + bucket.chats, 0)} chats, ${off} of ${answer.buckets.length} days off`;
        };
        return [
            [
                `${size.toLocaleString('en')} saves over March 2026`,
                'time until every write settled',
                waiting === 0 ? `${cleared.toFixed(0)} s` : `not after ${cleared.toFixed(0)} s (${waiting} left)`,
            ],
            ['', "builder runs past the engine's 30 s", String(timedOut)],
            [
                '',
                'day series, UTC (full scan: ' + `${records.filter((r) => r.createdAt < march + 31 * DAY_MS).length} chats)`,
                await series('UTC', 0),
            ],
            ['', 'day series, São Paulo', await series('America/Sao_Paulo', 3 * HOUR_MS)],
        ];
    });
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { burst: { type: 'string', default: '50000' } } });
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-bench-'));
    try {
        const zip = await packageApp({ outDir });
        const ghostRows = await ghosts(zip);
        printTable('1. Records of deleted rooms, through the real engine', ['case', 'records of deleted rooms'], ghostRows);
        const readRows = [await boundedReads(zip, 20, 3_000), await boundedReads(zip, 1_000, 300)];
        printTable(
            '3. One report naming many departments while writes are pending',
            ['shape', 'persistence reads', 'ms', 'equals a full scan'],
            readRows,
        );
        const burstRows = await burst(zip, Number(values.burst));
        printTable('4. A burst of saves, then the builder job through the engine', ['burst', 'figure', 'value'], burstRows);
        // Any ghost, any room missed, any report unlike its scan, any day off: the bench fails.
        const exact =
            ghostRows.slice(0, 4).every((row) => row[1] === '0') &&
            readRows.every((row) => row[3] === 'yes') &&
            burstRows.slice(2).every((row) => row[2].endsWith(' 0 of 31 days off'));
        if (!exact) {
            console.error('An answer differs from its full scan (above).');
            process.exitCode = 1;
        }
    } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
