import * as path from 'path';

import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { readAppJson } from '../../dev/package';
import { storedTag } from '../../lib/storage/layout';
import { DIRTY_TAG, LEGACY, READY_TAG, RECORD_TAG } from '../../lib/storage/versions';
import { averageItems, fullScan } from '../helpers/fullScan';
import { fetchChecked, fetchParsed } from '../helpers/openApiValidator';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import { MANAGER, REPORT_PATH } from './engineFixture';

const SERIES_PATH = 'livechat/analytics/agents/service-time-series';
const STATS_PATH = 'livechat/analytics/agents/service-time-stats';
const CHATS_PATH = 'livechat/analytics/agents/service-time-chats';
import { testZipPath } from './testZip';

/**
 * Updates from the app as earlier releases shipped it: `tests/fixtures/agent-service-time_<version>.zip`
 * is that release's zip, built by `npm run package` (1.0.0 at commit 81a2d30, 1.1.0 at 5a96921, 1.7.0
 * at 51289b9, 1.8.0 at 3456e9e), so the data below is what each really wrote (1.0.0: records under
 * layout 1 and its buckets; 1.1.0: layout 2, whose buckets have no stats; 1.7.0: layout 3, without the
 * chat index; 1.8.0: layout 4, records and buckets without ratings), with markers its builder had not seen yet.
 */
const fixtureZip = (version: string) => path.join(__dirname, '..', 'fixtures', `agent-service-time_${version}.zip`);
const AGENTS = ['u-ann', 'u-bob', 'u-cid'];
const RANGES = [
    { start: '2024-05-01T00:00:00.000Z', end: '2024-06-30T23:59:59.999Z' },
    { start: '2024-05-17T13:21:00.000Z', end: '2024-06-02T08:00:00.000Z' },
];

let host: AppsEngineHost;
let appId: string;
let sequence = 0;
/** Whether the app runs this version yet (1.0.0 has no series or stats). */
let updated = false;
/** Whether the app answering is an earlier release: its stats lack the ratings of 1.9, so they are not checked against this OpenAPI. */
let olderRelease = false;
/** The rooms the visitor rated that closed while this version was installed: earlier releases keep no rating. */
const ratedUnderThisVersion = new Set<string>();
let thisVersionInstalled = false;

async function updateToThisVersion(): Promise<void> {
    await host.update(testZipPath());
    thisVersionInstalled = true;
}

async function installRelease(version: string): Promise<void> {
    updated = false;
    thisVersionInstalled = false;
    host = await AppsEngineHost.start();
    appId = (await host.install(fixtureZip(version))).id;
    host.workspace.addUser({ ...MANAGER, name: MANAGER.username });
    for (const id of AGENTS) {
        host.workspace.addUser({ _id: id, username: id.slice(2), name: id, roles: ['livechat-agent'] });
    }
}

afterEach(async () => {
    await host.stop();
});

async function closeRooms(count: number): Promise<void> {
    for (let n = 0; n < count; n++) {
        const i = sequence++;
        const roomId = `upd-${i}`;
        const ts = new Date(Date.UTC(2024, 4, 1) + ((i * 7_919_993) % (60 * 86_400_000)));
        host.workspace.openRoom({ _id: roomId, ts, ...(i % 3 === 0 && { departmentId: 'sales' }) });
        host.workspace.serveRoom(roomId, AGENTS[i % AGENTS.length], new Date(ts.getTime() + 1_000));
        if (i % 4 !== 0) {
            host.workspace.rateRoom(roomId, { satisfaction: String(1 + (i % 5)) }, new Date(ts.getTime() + 1_500));
            if (thisVersionInstalled) {
                ratedUnderThisVersion.add(roomId);
            }
        }
        await host.closeRoom(roomId, new Date(ts.getTime() + 2_000 + ((i * 104_729) % 900_000)));
    }
}

async function expectEveryReportExact(): Promise<void> {
    for (const { start, end } of RANGES) {
        for (const department of [undefined, 'sales']) {
            const query = `start=${start}&end=${end}&count=0${department ? `&departmentId=${department}` : ''}`;
            const answer = await fetchChecked(`${host.url(appId, REPORT_PATH)}?${query}`, {
                headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
            });
            const scan = fullScan(host.workspace.rooms.values(), new Date(start), new Date(end), department ? [department] : undefined);
            const agents = averageItems(scan);
            expect(answer.body).toEqual({ agents, count: agents.length, offset: 0, total: agents.length, success: true });
            if (updated) {
                await expectSeriesAndStatsExact(start, end, department);
            }
        }
    }
}

/**
 * The series and the stats over the same data: records of 1.0 carry no close, first response or chat
 * duration, so their rooms count in every figure but those two averages (null when no room has them).
 */
async function expectSeriesAndStatsExact(start: string, end: string, department: string | undefined): Promise<void> {
    const headers = { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken };
    const filter = department ? `&departmentId=${department}` : '';
    const inRange = [...host.workspace.rooms.values()].filter(
        (room) =>
            room.metrics?.serviceTimeDuration &&
            room.ts >= new Date(start) &&
            room.ts <= new Date(end) &&
            (!department || room.departmentId === department),
    );
    const series = await fetchChecked(`${host.url(appId, SERIES_PATH)}?start=${start}&end=${end}&interval=day&timezone=UTC${filter}`, {
        headers,
    });
    const perDay = new Map<string, number>();
    inRange.forEach((room) => perDay.set(room.ts.toISOString().slice(0, 10), (perDay.get(room.ts.toISOString().slice(0, 10)) ?? 0) + 1));
    for (const bucket of (series.body as { buckets: Array<{ start: string; chats: number }> }).buckets) {
        expect([bucket.start, bucket.chats]).toEqual([bucket.start, perDay.get(bucket.start.slice(0, 10)) ?? 0]);
    }
    const stats = await (olderRelease ? fetchParsed : fetchChecked)(
        `${host.url(appId, STATS_PATH)}?start=${start}&end=${end}&count=0${filter}`,
        {
            headers,
        },
    );
    const average = averageItems(
        fullScan(host.workspace.rooms.values(), new Date(start), new Date(end), department ? [department] : undefined),
    );
    const items = (
        stats.body as {
            agents: Array<{ _id: string; averageServiceTimeInSeconds: number; averageFirstResponseTimeInSeconds: null | number }>;
        }
    ).agents;
    expect(items.map((item) => [item._id, item.averageServiceTimeInSeconds])).toEqual(
        average.map((item) => [item._id, item.averageServiceTimeInSeconds]),
    );
    expect(items.map((item) => item.averageFirstResponseTimeInSeconds)).toEqual(items.map(() => null));
    if (!olderRelease) {
        // Ratings only of the rooms closed since the update: the records of earlier releases carry none, and their buckets no rating columns.
        const rated = (agentId: string) => inRange.filter((room) => room.servedBy?._id === agentId && ratedUnderThisVersion.has(room._id));
        expect(items.map((item) => [item._id, (item as unknown as ServiceTimeStatsItem).ratedChats])).toEqual(
            items.map((item) => [item._id, rated(item._id).length]),
        );
        expect(items.map((item) => (item as unknown as ServiceTimeStatsItem).averageSatisfaction)).toEqual(
            items.map((item) => {
                const scores = rated(item._id).map((room) => Number(room.surveyFeedback?.satisfaction));
                return scores.length > 0 ? Math.round((scores.reduce((sum, score) => sum + score, 0) * 100) / scores.length) / 100 : null;
            }),
        );
    }
}

/** Each agent's chats list (which reads the chat index once it is built) against the rooms themselves. */
async function expectChatsListsExact(): Promise<void> {
    const { start, end } = RANGES[1];
    for (const agentId of AGENTS) {
        const fetchAnswer = olderRelease ? fetchParsed : fetchChecked; // an earlier release's items lack this version's fields
        const answer = await fetchAnswer(`${host.url(appId, CHATS_PATH)}?start=${start}&end=${end}&count=0&agentId=${agentId}`, {
            headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
        });
        const rooms = [...host.workspace.rooms.values()].filter(
            (room) =>
                room.servedBy?._id === agentId &&
                room.metrics?.serviceTimeDuration &&
                room.ts >= new Date(start) &&
                room.ts <= new Date(end),
        );
        expect(rooms.length).toBeGreaterThan(0);
        const listed = (answer.body as { chats: Array<{ roomId: string }> }).chats.map((chat) => chat.roomId).sort();
        expect(listed).toEqual(rooms.map((room) => room._id).sort());
    }
}

const stored = (tagId: string) => host.workspace.persistence.readByAssociations(appId, [storedTag(tagId)]);

describe('an update from 1.0.0', () => {
    it('moves 1.0.0’s records to the new layout and keeps every report exact before, during and after', async () => {
        await installRelease('1.0.0');
        await closeRooms(60);
        await host.runRecurringJobsNow(appId); // 1.0.0's builder builds its buckets
        await closeRooms(5); // and these it has not seen: 1.0.0's markers are pending at the update
        expect(await stored(LEGACY.RECORD_TAG)).toHaveLength(65);
        expect(await stored(LEGACY.DIRTY_TAG)).toHaveLength(5);
        await expectEveryReportExact();

        await updateToThisVersion();
        updated = true;
        expect(host.manager.getOneById(appId).getInfo().version).toBe(readAppJson().version);
        await expectEveryReportExact(); // before the first builder run: both layouts' records

        await closeRooms(5); // recorded in the new layout while 1.0.0's records are still there
        await expectEveryReportExact();

        await host.runRecurringJobsNow(appId);
        expect(await stored(LEGACY.RECORD_TAG)).toEqual([]);
        expect(await stored(LEGACY.DIRTY_TAG)).toEqual([]);
        for (const bucketTag of LEGACY.BUCKET_TAGS) {
            expect(await stored(bucketTag)).toEqual([]);
        }
        expect(await stored(RECORD_TAG)).toHaveLength(70);
        expect(await stored(DIRTY_TAG)).toEqual([]);
        await expectEveryReportExact();

        await closeRooms(5);
        await expectEveryReportExact();
        await host.runRecurringJobsNow(appId);
        await expectEveryReportExact();
    });
});

describe('an update from 1.1.0', () => {
    it('rebuilds the buckets with stats and timelines, and keeps every report exact before, during and after', async () => {
        await installRelease('1.1.0');
        await closeRooms(60);
        await host.runRecurringJobsNow(appId); // 1.1.0's builder builds its buckets (layout 2, no stats)
        await closeRooms(5);
        expect(await stored('service-buckets-ready-v2')).toHaveLength(1);
        expect(await stored(DIRTY_TAG)).toHaveLength(5);
        await expectEveryReportExact();

        await updateToThisVersion();
        updated = true;
        await expectEveryReportExact(); // layout 2's buckets are not read: records until the new ones are built
        await closeRooms(5);
        await expectEveryReportExact();

        await host.runRecurringJobsNow(appId);
        expect(await stored(READY_TAG)).toHaveLength(1);
        expect(await stored('service-buckets-ready-v2')).toEqual([]);
        expect(await stored(DIRTY_TAG)).toEqual([]);
        expect(await stored(RECORD_TAG)).toHaveLength(70);
        await expectEveryReportExact();

        await closeRooms(5);
        await host.runRecurringJobsNow(appId);
        await expectEveryReportExact();
    });
});

describe('an update from 1.8.0', () => {
    it('reads the buckets of 1.8.0, which have no rating columns, and counts the ratings of the rooms closed since', async () => {
        await installRelease('1.8.0');
        await closeRooms(40); // rated, but 1.8.0 keeps no rating
        await host.runRecurringJobsNow(appId);
        expect(await stored(READY_TAG)).toHaveLength(1);
        updated = true;
        olderRelease = true;
        await expectEveryReportExact();
        olderRelease = false;

        await updateToThisVersion();
        expect(await stored(READY_TAG)).toHaveLength(1); // the same layout: its buckets are read as they are
        await expectEveryReportExact();
        await closeRooms(12);
        await expectEveryReportExact(); // the new rooms' slots from their records
        await host.runRecurringJobsNow(appId);
        expect(await stored(DIRTY_TAG)).toEqual([]);
        await expectEveryReportExact(); // buckets of both versions merged
    });
});

describe('an update from 1.7.0', () => {
    it('builds the chat index with the buckets, and keeps every report and chats list exact before, during and after', async () => {
        await installRelease('1.7.0');
        await closeRooms(60);
        await host.runRecurringJobsNow(appId); // 1.7.0's builder builds layout 3's buckets
        await closeRooms(5);
        expect(await stored('service-buckets-ready-v3')).toHaveLength(1);
        expect(await stored(DIRTY_TAG)).toHaveLength(5);
        updated = true; // 1.7.0 has the series, the stats and the chats list
        olderRelease = true;
        await expectEveryReportExact();
        await expectChatsListsExact();
        olderRelease = false;

        await updateToThisVersion();
        expect(await stored(READY_TAG)).toEqual([]);
        await expectEveryReportExact(); // no chat index yet: records until the builder has built it
        await expectChatsListsExact();
        await closeRooms(5);

        await host.runRecurringJobsNow(appId);
        expect(await stored(READY_TAG)).toHaveLength(1);
        expect(await stored('service-buckets-ready-v3')).toEqual([]);
        expect(await stored(DIRTY_TAG)).toEqual([]);
        await expectEveryReportExact();
        await expectChatsListsExact();

        await closeRooms(5); // pending: the lists read these rooms' slots from their records
        await expectChatsListsExact();
        await host.runRecurringJobsNow(appId);
        await expectEveryReportExact();
        await expectChatsListsExact();
    });
});
