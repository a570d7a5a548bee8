import { averageItems, fullScan, totalItems } from '../helpers/fullScan';
import type { EngineFixture } from './engineFixture';
import { REPORT_PATH, TOTAL_PATH, startEngineWithApp } from './engineFixture';

let engine: EngineFixture;
const START = '2025-03-01T00:00:00.000Z';
const END = '2025-03-31T23:59:59.999Z';
const DEPARTMENTS = ['sales', 'support', undefined];

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const [id, username] of [
        ['d-ann', 'ann'],
        ['d-bob', 'bob'],
        ['d-cid', 'c,"quoted" name'],
    ]) {
        engine.host.workspace.addUser({ _id: id, username, name: username, roles: ['livechat-agent'] });
    }
    for (let i = 0; i < 30; i++) {
        const agent = ['d-ann', 'd-bob', 'd-cid'][i % 3];
        await engine.closeRoom(
            `dep-room-${i}`,
            new Date(Date.UTC(2025, 2, 1 + i, 12)),
            agent,
            1_500 + i * 1_111,
            DEPARTMENTS[i % 2 === 0 ? 0 : i % 3 === 0 ? 1 : 2],
        );
    }
});

afterAll(async () => {
    await engine?.host.stop();
});

const scan = (departmentIds?: string[]) => fullScan(engine.host.workspace.rooms.values(), new Date(START), new Date(END), departmentIds);

describe('total-service-time over HTTP', () => {
    it('answers chats and the summed seconds rounded up, as the full scan does', async () => {
        const agents = totalItems(scan());
        expect((await engine.get(TOTAL_PATH, { start: START, end: END })).body).toEqual({
            agents,
            count: agents.length,
            offset: 0,
            total: agents.length,
            success: true,
        });
    });

    it('makes the same checks as the average report', async () => {
        expect(await engine.get(TOTAL_PATH, { start: START })).toMatchObject({
            status: 400,
            body: { error: "must have required property 'end' [invalid-params]" },
        });
        expect((await engine.get(TOTAL_PATH, { start: START, end: END }, null)).status).toBe(401);
    });
});

describe('the department filter over HTTP', () => {
    it.each([
        [['sales'], 'sales'],
        [['sales', 'support'], 'sales,support'],
        [
            ['sales', 'support'],
            ['sales', 'support'],
        ],
        [['nowhere'], 'nowhere'],
    ])('counts only rooms of %j (departmentId=%j)', async (departments, departmentId) => {
        const agents = averageItems(scan(departments));
        expect(agents.length > 0).toBe(departments[0] !== 'nowhere');
        expect((await engine.get(REPORT_PATH, { start: START, end: END, departmentId })).body).toEqual({
            agents,
            count: agents.length,
            offset: 0,
            total: agents.length,
            success: true,
        });
    });

    it('gives an empty report for an unknown department', async () => {
        expect((await engine.get(REPORT_PATH, { start: START, end: END, departmentId: 'nowhere' })).body).toEqual({
            agents: [],
            count: 0,
            offset: 0,
            total: 0,
            success: true,
        });
    });
});

describe('CSV over HTTP', () => {
    it('answers text/csv with a header line and RFC 4180 quoting for Accept: text/csv', async () => {
        const { status, body, contentType } = await engine.get(REPORT_PATH, { start: START, end: END }, undefined, { Accept: 'text/csv' });
        expect(status).toBe(200);
        expect(contentType).toBe('text/csv; charset=utf-8');
        const expected = averageItems(scan()).map(
            (item) =>
                `${item._id},${item.username.includes(',') ? `"${item.username.replace(/"/g, '""')}"` : item.username},${item.averageServiceTimeInSeconds}`,
        );
        expect(body).toBe(['_id,username,averageServiceTimeInSeconds', ...expected, ''].join('\r\n'));
        expect(body).toContain('"c,""quoted"" name"');
    });

    it('pages CSV like JSON, and format=csv gives every row for count=0', async () => {
        const paged = (await engine.get(TOTAL_PATH, { start: START, end: END, format: 'csv', count: '1', offset: '1' })).body as string;
        expect(paged.split('\r\n')).toHaveLength(3);
        const all = (await engine.get(TOTAL_PATH, { start: START, end: END, format: 'csv', count: '0' })).body as string;
        expect(all.split('\r\n')).toHaveLength(2 + totalItems(scan()).length);
    });
});

describe('/service-time in the real engine', () => {
    // The command's days are whole days of the reporting timezone, as the dashboard's (`time/presets.ts`).
    beforeAll(() => {
        engine.host.workspace.serverSettings.set('Default_Timezone_For_Reporting', 'custom');
        engine.host.workspace.serverSettings.set('Default_Custom_Timezone', 'UTC');
    });
    afterAll(() => {
        engine.host.workspace.serverSettings.delete('Default_Timezone_For_Reporting');
        engine.host.workspace.serverSettings.delete('Default_Custom_Timezone');
    });

    it('answers the caller alone with a table of the range', async () => {
        engine.host.workspace.addUser({ _id: 'cmd-manager', username: 'cmd.manager', name: 'M', roles: ['livechat-manager'] });
        const [answer, ...more] = await engine.host.runSlashCommand('service-time', 'cmd-manager', ['2025-03-01', '2025-03-31', 'sales']);
        expect(more).toEqual([]);
        const expected = scan(['sales']);
        expect(expected.length).toBeGreaterThan(0);
        expect(answer).toContain('Average service time, 2025-03-01 to 2025-03-31 in UTC, department sales:');
        for (const agent of expected) {
            expect(answer).toMatch(new RegExp(`${agent.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${agent.chats}\\s`));
        }
    });

    it('finds a department by the name the dashboard shows, in any case and by the start of it', async () => {
        engine.host.workspace.addDepartment({ _id: 'sales', name: 'Sales Desk' });
        try {
            const [answer] = await engine.host.runSlashCommand('service-time', 'cmd-manager', ['2025-03-01', '2025-03-31', 'sales', 'D']);
            expect(answer).toContain('Average service time, 2025-03-01 to 2025-03-31 in UTC, department Sales Desk:');
            for (const agent of scan(['sales'])) {
                expect(answer).toMatch(new RegExp(`${agent.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${agent.chats}\\s`));
            }
            expect(await engine.host.runSlashCommand('service-time', 'cmd-manager', ['7d', 'support'])).toEqual([
                expect.stringMatching(/^No department is named "support"\. Departments: Sales Desk\.\nUsage:/),
            ]);
        } finally {
            engine.host.workspace.departments.delete('sales');
        }
    });

    it('answers in the caller’s language', async () => {
        engine.host.workspace.addUser({
            _id: 'cmd-gerente',
            username: 'cmd.gerente',
            name: 'G',
            roles: ['livechat-manager'],
            language: 'pt-BR',
        });
        const [answer] = await engine.host.runSlashCommand('service-time', 'cmd-gerente', ['2025-03-01', '2025-03-31', 'sales']);
        expect(answer).toContain('Tempo médio de atendimento, de 2025-03-01 a 2025-03-31 em UTC, departamento sales:');
        expect(answer).toContain('Agente');
    });

    it('answers the usage text for bad arguments, and refuses callers without an allowed role', async () => {
        engine.host.workspace.addUser({ _id: 'cmd-agent', username: 'cmd.agent', name: 'A', roles: ['livechat-agent'] });
        expect(await engine.host.runSlashCommand('service-time', 'cmd-manager', ['2024-01-01'])).toEqual([
            expect.stringMatching(/^A range of dates needs two dates: 2024-01-01 and the last day \(YYYY-MM-DD\)\.\nUsage: \/service-time/),
        ]);
        expect(await engine.host.runSlashCommand('service-time', 'cmd-agent', ['7d'])).toEqual([
            'You do not have the permissions required to read the service time reports.',
        ]);
    });
});
