import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import type { EngineFixture } from './engineFixture';
import { startEngineWithApp } from './engineFixture';

const STATS_PATH = 'livechat/analytics/agents/service-time-stats';
const ANA = { _id: 'csat-ana', username: 'ana' };
const BEA = { _id: 'csat-bea', username: 'bea' };
const RANGE = { start: '2026-05-04T00:00:00.000Z', end: '2026-05-04T23:59:59.999Z' };
const at = (hhmm: string) => new Date(`2026-05-04T${hhmm}:00.000Z`);

let engine: EngineFixture;

/** A chat of the day: opened, served by `agentId`, rated before the close if `before` says so, closed through the engine. */
async function chat(id: string, agentId: string, hhmm: string, before?: Record<string, string>): Promise<void> {
    const { workspace } = engine.host;
    workspace.openRoom({ _id: id, ts: at(hhmm) });
    workspace.serveRoom(id, agentId, new Date(at(hhmm).getTime() + 10_000));
    if (before) {
        workspace.rateRoom(id, before, new Date(at(hhmm).getTime() + 60_000));
    }
    await engine.host.closeRoom(id, new Date(at(hhmm).getTime() + 300_000));
}

async function ratings(attribution = 'last'): Promise<Record<string, Partial<ServiceTimeStatsItem>>> {
    const { status, body } = await engine.get(STATS_PATH, { ...RANGE, attribution });
    expect(status).toBe(200);
    return Object.fromEntries(
        (body as { agents: ServiceTimeStatsItem[] }).agents.map((row) => [
            row.username,
            {
                ratedChats: row.ratedChats,
                ratedChatsPct: row.ratedChatsPct,
                csatPct: row.csatPct,
                averageSatisfaction: row.averageSatisfaction,
            },
        ]),
    );
}

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const agent of [ANA, BEA]) {
        engine.host.workspace.addUser({ ...agent, name: agent.username, roles: ['livechat-agent'] });
    }
    await engine.host.setAppSetting(engine.appId, 'rating_recheck_minutes', 0); // look again at the next run
});

afterAll(async () => {
    await engine?.host.stop();
});

describe("the visitor's ratings, in the real engine", () => {
    it('counts a rating given before the close and one given after it, each once, and keeps no comment', async () => {
        await chat('csat-1', ANA._id, '09:00', { satisfaction: '5', agentKnowledge: '4', additionalFeedback: 'Ana solved it' });
        await chat('csat-2', ANA._id, '10:00');
        await chat('csat-3', BEA._id, '11:00');
        expect(await ratings()).toEqual({
            ana: { ratedChats: 1, ratedChatsPct: 50, csatPct: 100, averageSatisfaction: 5 },
            bea: { ratedChats: 0, ratedChatsPct: 0, csatPct: null, averageSatisfaction: null },
        });

        // The visitor of csat-2 rates once the chat is closed: Rocket.Chat tells apps nothing; the app looks again.
        engine.host.workspace.rateRoom('csat-2', { satisfaction: '2', additionalFeedback: 'too slow' }, new Date());
        await engine.host.runRecurringJobsNow(engine.appId);
        const expected = {
            ana: { ratedChats: 2, ratedChatsPct: 100, csatPct: 50, averageSatisfaction: 3.5 },
            bea: { ratedChats: 0, ratedChatsPct: 0, csatPct: null, averageSatisfaction: null },
        };
        expect(await ratings()).toEqual(expected);
        await engine.host.runRecurringJobsNow(engine.appId); // buckets built from the re-saved record
        await engine.host.runRecurringJobsNow(engine.appId);
        expect(await ratings()).toEqual(expected);
        expect(await ratings('legs')).toEqual(expected);

        const stored = JSON.stringify(engine.host.workspace.persistence.all(engine.appId));
        expect(stored).toContain('csat-2');
        expect(stored).not.toMatch(/too slow|Ana solved it/);
    });

    it('answers the ratings in the CSV, one column each', async () => {
        const { body } = await engine.get(STATS_PATH, RANGE, undefined, { accept: 'text/csv' });
        const [header, ana] = String(body).split('\r\n');
        const columns = header.split(',');
        const row = ana.split(',');
        const cell = (name: string) => row[columns.indexOf(name)];
        expect([cell('username'), cell('ratedChats'), cell('csatPct'), cell('averageSatisfaction'), cell('averageAgentKnowledge')]).toEqual(
            ['ana', '2', '50', '3.5', '4'],
        );
    });
});
