import { BUSINESS_HOURS_PATH, SERIES_PATH } from '../../lib/http/routes';
import type { EngineFixture } from './engineFixture';
import { startEngineWithApp, TOTAL_PATH } from './engineFixture';

const ANA = { _id: 'bh-ana', username: 'ana' };
const BRUNO = { _id: 'bh-bruno', username: 'bruno' };

const WEEKDAYS_9_TO_18 = { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'] };
/** São Paulo by default (Friday 3 April 2026 a holiday); the Berlin department on Berlin time. */
const SETTING = JSON.stringify({
    default: { timezone: 'America/Sao_Paulo', week: WEEKDAYS_9_TO_18, holidays: ['2026-04-03'] },
    departments: { berlin: { timezone: 'Europe/Berlin', week: WEEKDAYS_9_TO_18 } },
});

let engine: EngineFixture;

type TotalRow = { username: string; chats: number; serviceTimeDuration: number };

/** `username: [chats, seconds]` of the total report over the rooms created on one UTC day. */
async function totals(day: string, query: Record<string, string>): Promise<Record<string, [number, number]>> {
    const { status, body } = await engine.get(TOTAL_PATH, { start: `${day}T00:00:00.000Z`, end: `${day}T23:59:59.999Z`, ...query });
    expect(status).toBe(200);
    return Object.fromEntries((body as { agents: TotalRow[] }).agents.map((row) => [row.username, [row.chats, row.serviceTimeDuration]]));
}

/** A chat one agent serves from `servedAt` to `closedAt` (ISO times with their offsets). */
async function chat(id: string, agentId: string, servedAt: string, closedAt: string, departmentId?: string): Promise<void> {
    engine.host.workspace.openRoom({ _id: id, ts: new Date(servedAt), departmentId });
    engine.host.routing.take(id, agentId, new Date(servedAt));
    await engine.host.routing.settle();
    await engine.host.closeRoom(id, new Date(closedAt));
}

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const agent of [ANA, BRUNO]) {
        engine.host.workspace.addUser({ ...agent, name: agent.username, roles: ['livechat-agent'] });
    }
    engine.host.workspace.addDepartment({ _id: 'berlin', name: 'Berlin' });
    await engine.host.setAppSetting(engine.appId, 'business_hours', SETTING);
});

afterAll(async () => {
    await engine?.host.stop();
});

describe('service time within business hours, through the real engine', () => {
    it('counts a chat left open over a weekend for its Friday evening and Monday morning only', async () => {
        // Friday 6 March 2026 16:00 to Monday 11:00, São Paulo: 2 h on Friday, 2 h on Monday.
        await chat('weekend', ANA._id, '2026-03-06T16:00:00-03:00', '2026-03-09T11:00:00-03:00');
        expect(await totals('2026-03-06', { hours: 'business' })).toEqual({ ana: [1, 4 * 3600] });
        expect(await totals('2026-03-06', {})).toEqual({ ana: [1, 67 * 3600] });
    });

    it('leaves a holiday out', async () => {
        // Thursday 2 April 17:00 to Monday 6 April 10:00, Friday a holiday: 1 h + 1 h.
        await chat('holiday', ANA._id, '2026-04-02T17:00:00-03:00', '2026-04-06T10:00:00-03:00');
        expect(await totals('2026-04-02', { hours: 'business' })).toEqual({ ana: [1, 2 * 3600] });
    });

    it('follows Berlin’s change to summer time for a Berlin department chat', async () => {
        // Friday 27 March 17:00 (+01:00) to Monday 30 March 10:00 (+02:00): 1 h + 1 h, by Berlin's schedule.
        await chat('berlin-dst', BRUNO._id, '2026-03-27T17:00:00+01:00', '2026-03-30T10:00:00+02:00', 'berlin');
        expect(await totals('2026-03-27', { hours: 'business' })).toEqual({ bruno: [1, 2 * 3600] });
    });

    it('follows São Paulo’s last change to summer time (midnight of 4 November 2018 skipped)', async () => {
        // Friday 2 November 2018 17:00 (-03:00) to Monday 5 November 10:00 (-02:00): 1 h + 1 h.
        await chat('sp-dst', ANA._id, '2018-11-02T17:00:00-03:00', '2018-11-05T10:00:00-02:00');
        expect(await totals('2018-11-02', { hours: 'business' })).toEqual({ ana: [1, 2 * 3600] });
    });

    it('counts each agent’s own legs within business hours with attribution=legs', async () => {
        // Thursday 12 March, São Paulo: Ana 17:00 to 20:00 (1 h in hours), then Bruno to Friday 10:00 (1 h in hours).
        engine.host.workspace.openRoom({ _id: 'legs-night', ts: new Date('2026-03-12T17:00:00-03:00') });
        engine.host.routing.take('legs-night', ANA._id, new Date('2026-03-12T17:00:00-03:00'));
        engine.host.routing.transferToAgent('legs-night', BRUNO._id, new Date('2026-03-12T20:00:00-03:00'));
        await engine.host.routing.settle();
        await engine.host.closeRoom('legs-night', new Date('2026-03-13T10:00:00-03:00'));
        expect(await totals('2026-03-12', { hours: 'business', attribution: 'legs' })).toEqual({ ana: [1, 3600], bruno: [1, 3600] });
        expect(await totals('2026-03-12', { hours: 'business' })).toEqual({ bruno: [1, 3600] });
        // The series adds up the same credits.
        const { body } = await engine.get(SERIES_PATH, {
            start: '2026-03-12T00:00:00.000Z',
            end: '2026-03-12T23:59:59.999Z',
            interval: 'day',
            timezone: 'UTC',
            hours: 'business',
            attribution: 'legs',
        });
        expect((body as { buckets: Array<{ chats: number; serviceTimeDuration: number }> }).buckets).toEqual([
            expect.objectContaining({ chats: 2, serviceTimeDuration: 7200 }),
        ]);
    });

    it('says rooms recorded without their close time cannot be answered in business hours', async () => {
        // A record as app 1.1 wrote it: no closedAt.
        await engine.host.workspace.persistence.create(
            engine.appId,
            { v: 1, roomId: 'old', agentId: ANA._id, username: 'ana', createdAt: Date.parse('2026-05-04T12:00:00Z'), durationMs: 60_000 },
            [
                { model: 'room', id: 'old' },
                { model: 'misc', id: 'service-record-v2' },
                { model: 'misc', id: 'month:2026-05' },
            ],
        );
        const { status, body } = await engine.get(TOTAL_PATH, { start: '2026-05-01', end: '2026-05-31T23:59:59.999Z', hours: 'business' });
        expect(status).toBe(400);
        expect(body).toEqual({
            success: false,
            error: expect.stringContaining('room old, created 2026-05-04T12:00:00.000Z'),
            errorType: 'no-times-for-business-hours',
        });
        expect((await engine.get(TOTAL_PATH, { start: '2026-05-01', end: '2026-05-31T23:59:59.999Z' })).status).toBe(200);
    });

    it('refuses a department named __proto__ in the setting, and answers at once (the engine could not decode such an answer)', async () => {
        const day = { timezone: 'UTC', week: { mon: ['09:00-18:00'] } };
        // A computed key: an own property "__proto__", as JSON.parse makes of the admin's text.
        await engine.host.setAppSetting(
            engine.appId,
            'business_hours',
            JSON.stringify({ default: day, departments: { ['__proto__']: day } }),
        );
        try {
            const answer = await engine.get(BUSINESS_HOURS_PATH, {});
            expect(answer.body).toEqual({
                valid: false,
                problems: ['departments: "__proto__" is not a department id (use the department\'s _id)'],
                success: true,
            });
        } finally {
            await engine.host.setAppSetting(engine.appId, 'business_hours', SETTING);
        }
    }, 20_000);

    it('names what is wrong with the setting, at its endpoint and on a report', async () => {
        expect((await engine.get(BUSINESS_HOURS_PATH, {})).body).toEqual(
            expect.objectContaining({ valid: true, default: expect.objectContaining({ timezone: 'America/Sao_Paulo' }) }),
        );
        await engine.host.setAppSetting(engine.appId, 'business_hours', '{"default": {"timezone": "Mars/Olympus", "week": {}}}');
        try {
            const problem = 'default.timezone: "Mars/Olympus" is not a timezone (an IANA name such as "America/Sao_Paulo")';
            expect((await engine.get(BUSINESS_HOURS_PATH, {})).body).toEqual({ valid: false, problems: [problem], success: true });
            // The app's log says it as soon as the setting is saved.
            const logged = engine.host.logs.entries.flatMap((entry) => entry.entries.map((line) => line.args.join(' ')));
            expect(logged).toContain(`The app setting "Business hours" is not valid: ${problem}.`);
            const { status, body } = await engine.get(TOTAL_PATH, { start: '2026-03-01', end: '2026-03-31', hours: 'business' });
            expect(status).toBe(400);
            expect(body).toEqual({
                success: false,
                error: `The app setting "Business hours" is not valid, so hours=business cannot be answered: ${problem}.`,
                errorType: 'invalid-business-hours',
            });
        } finally {
            await engine.host.setAppSetting(engine.appId, 'business_hours', SETTING);
        }
    });
});
