import type { ChatItem } from '../../lib/reports/chatRows';
import type { EngineFixture } from './engineFixture';
import { AGENT, REPORT_PATH, startEngineWithApp, TOTAL_PATH } from './engineFixture';

const CHATS_PATH = 'livechat/analytics/agents/service-time-chats';
const STATS_PATH = 'livechat/analytics/agents/service-time-stats';
const EXPLAIN_PATH = 'livechat/analytics/agents/service-time-explain';

const ANA = { _id: 'chat-ana', username: 'ana' };
const BRUNO = { _id: 'chat-bruno', username: 'bruno' };
const CARLA = { _id: 'chat-carla', username: 'carla' };
const NOVEMBER = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-30T23:59:59.999Z' };
const at = (day: number, hhmm: string) => new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00.000Z`);

type Rows = { chats: ChatItem[]; count: number; offset: number; total: number };
type TotalRow = { _id: string; username: string; chats: number; serviceTimeDuration: number };

let engine: EngineFixture;

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const agent of [ANA, BRUNO, CARLA]) {
        engine.host.workspace.addUser({ ...agent, name: agent.username, roles: ['livechat-agent'] });
    }
    engine.host.workspace.addDepartment({ _id: 'sales', name: 'Sales' });
    // Monday 2 November: ana takes a chat at 08:50 UTC, bruno gets it at 09:10, carla at 09:40, closed at 10:00.
    const routing = engine.host.routing;
    engine.host.workspace.openRoom({ _id: 'handed', ts: at(2, '08:49'), departmentId: 'sales' });
    for (const step of [
        () => routing.take('handed', ANA._id, at(2, '08:50')),
        () => routing.transferToAgent('handed', BRUNO._id, at(2, '09:10')),
        () => routing.transferToAgent('handed', CARLA._id, at(2, '09:40')),
    ]) {
        await step();
        await routing.settle();
    }
    await engine.host.closeRoom('handed', at(2, '10:00'));
    // Chats of one agent each, some in the evening (outside the default Mon-Fri 09-18 UTC).
    for (let i = 0; i < 12; i++) {
        const agent = [ANA, BRUNO, CARLA][i % 3];
        await engine.closeRoom(
            `plain-${i}`,
            at(3 + i, i % 2 ? '20:00' : '10:00'),
            agent._id,
            60_000 + i * 7_777,
            i % 4 ? 'sales' : undefined,
        );
    }
});

afterAll(async () => {
    await engine?.host.stop();
});

async function rows(query: Record<string, string | string[]>): Promise<Rows> {
    const { status, body } = await engine.get(CHATS_PATH, { ...NOVEMBER, count: '0', ...query });
    expect(status).toBe(200);
    return body as Rows;
}

describe('the chats behind the figures, through the real engine', () => {
    it.each([
        [{}],
        [{ attribution: 'legs' }],
        [{ hours: 'business' }],
        [{ attribution: 'legs', hours: 'business' }],
        [{ departmentId: 'sales' }],
        [{ departmentId: 'sales', attribution: 'legs', hours: 'business' }],
    ])('lists for every agent of the total and stats reports exactly its chats, adding up to its total (%j)', async (query) => {
        const listed = (await rows(query)).chats;
        const totals = ((await engine.get(TOTAL_PATH, { ...NOVEMBER, ...query })).body as { agents: TotalRow[] }).agents;
        const stats = ((await engine.get(STATS_PATH, { ...NOVEMBER, ...query })).body as { agents: TotalRow[] }).agents;
        expect(stats.map((agent) => agent.chats)).toEqual(totals.map((agent) => agent.chats));
        expect(totals.length).toBeGreaterThan(0);
        for (const agent of totals) {
            const own = listed.filter((row) => row.agentId === agent._id && row.username === agent.username);
            const seconds = own.reduce((sum, row) => sum + row.serviceTimeInSeconds, 0);
            expect(own).toHaveLength(agent.chats);
            expect(seconds).toBeGreaterThanOrEqual(agent.serviceTimeDuration);
            expect(seconds).toBeLessThanOrEqual(agent.serviceTimeDuration + agent.chats);
        }
        expect(listed).toHaveLength(totals.reduce((sum, agent) => sum + agent.chats, 0));
    });

    it('shows a handed chat once per agent with legs, with its legs, the time each leg counts and the link to the room', async () => {
        const handed = (await rows({ attribution: 'legs', hours: 'business' })).chats.filter((row) => row.roomId === 'handed');
        expect(handed.map((row) => [row.username, row.serviceTimeInSeconds])).toEqual([
            ['bruno', 1800],
            ['carla', 1200],
            ['ana', 600],
        ]);
        expect(handed[0]).toMatchObject({
            departmentId: 'sales',
            closedAt: '2026-11-02T10:00:00.000Z',
            link: `${engine.host.baseUrl.replace(/\/+$/, '')}/omnichannel/current/handed`,
        });
        expect(handed[0].legs.map((leg) => [leg.username, leg.endedBy, leg.seconds])).toEqual([
            ['ana', 'transfer', 600],
            ['bruno', 'transfer', 1800],
            ['carla', 'close', 1200],
        ]);
        // With last, the core's credit: carla alone, for her whole stretch.
        const last = (await rows({ agentId: CARLA._id })).chats.find((row) => row.roomId === 'handed');
        expect(last).toMatchObject({ username: 'carla', serviceTimeInSeconds: 1200 });
    });

    it('pages as the reports page, longest first, and answers CSV', async () => {
        const all = (await rows({})).chats;
        const seconds = all.map((row) => row.serviceTimeInSeconds);
        expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
        const page = await rows({ count: '3', offset: '2' });
        expect(page).toMatchObject({ count: 3, offset: 2, total: all.length });
        expect(page.chats).toEqual(all.slice(2, 5));
        const csv = await engine.get(CHATS_PATH, { ...NOVEMBER, format: 'csv', attribution: 'legs' });
        expect(csv.status).toBe(200);
        const lines = String(csv.body).split('\r\n');
        expect(lines[0]).toMatch(/^roomId,agentId,username,.*,link,agent1,agent1Seconds,agent1EndedBy,agent2,/);
        expect(lines.filter((line) => line.startsWith('handed,'))).toHaveLength(3);
    });

    it('refuses an agent, and a bad query, as the reports do', async () => {
        expect((await engine.get(CHATS_PATH, NOVEMBER, AGENT)).status).toBe(403);
        expect(await engine.get(CHATS_PATH, { start: NOVEMBER.start })).toMatchObject({
            status: 400,
            body: { error: "must have required property 'end' [invalid-params]" },
        });
        expect((await engine.get(CHATS_PATH, NOVEMBER, null)).status).toBe(401);
    });
});

type Figure = { chats: number; serviceTimeDuration: number; averageServiceTimeInSeconds: number | null };
type Explained = { core: Figure; legs: Figure; business: Figure | null; transfers: { chats: number; top: Array<Record<string, unknown>> } };

describe('why an agent’s figure differs from the core’s, through the real engine', () => {
    /** The agent's row of the total and average reports asked one way, as the explanation states it. */
    async function reported(agentId: string, query: Record<string, string>): Promise<Figure> {
        const total = ((await engine.get(TOTAL_PATH, { ...NOVEMBER, ...query })).body as { agents: TotalRow[] }).agents;
        const average = (
            (await engine.get(REPORT_PATH, { ...NOVEMBER, ...query })).body as {
                agents: Array<{ _id: string; averageServiceTimeInSeconds: number }>;
            }
        ).agents;
        const row = total.find((agent) => agent._id === agentId);
        return {
            chats: row?.chats ?? 0,
            serviceTimeDuration: row?.serviceTimeDuration ?? 0,
            averageServiceTimeInSeconds: average.find((agent) => agent._id === agentId)?.averageServiceTimeInSeconds ?? null,
        };
    }

    it.each([[ANA], [BRUNO], [CARLA]])('states each figure as the reports give it (%j)', async (agent) => {
        for (const departments of [{}, { departmentId: 'sales' }] as Array<Record<string, string>>) {
            const { status, body } = await engine.get(EXPLAIN_PATH, { ...NOVEMBER, ...departments, agentId: agent._id });
            expect(status).toBe(200);
            const explained = body as Explained;
            expect(explained.core).toEqual(await reported(agent._id, departments));
            expect(explained.legs).toEqual(await reported(agent._id, { ...departments, attribution: 'legs' }));
            expect(explained.business).toEqual(await reported(agent._id, { ...departments, hours: 'business' }));
        }
    });

    it('names the handed chat as what moves time between the core’s figure and the legs’', async () => {
        const bruno = (await engine.get(EXPLAIN_PATH, { ...NOVEMBER, agentId: BRUNO._id })).body as Explained;
        expect(bruno.transfers).toEqual({
            chats: 1,
            top: [
                {
                    roomId: 'handed',
                    createdAt: '2026-11-02T08:49:00.000Z',
                    coreSeconds: 0,
                    otherSeconds: 1800,
                    link: `${engine.host.baseUrl.replace(/\/+$/, '')}/omnichannel/current/handed`,
                },
            ],
        });
    });

    it('refuses an agent caller, two agents and a bad date', async () => {
        expect((await engine.get(EXPLAIN_PATH, { ...NOVEMBER, agentId: ANA._id }, AGENT)).status).toBe(403);
        expect((await engine.get(EXPLAIN_PATH, { ...NOVEMBER, agentId: `${ANA._id},${BRUNO._id}` })).status).toBe(400);
        expect((await engine.get(EXPLAIN_PATH, { ...NOVEMBER, start: 'soon', agentId: ANA._id })).status).toBe(400);
    });
});
