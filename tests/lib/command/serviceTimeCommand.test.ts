import { answerServiceTimeCommand, formatServiceTimeTable, parseServiceTimeArgs, USAGE } from '../../../lib/command/serviceTimeCommand';
import type { Preset } from '../../../lib/time/presets';
import { presetRange } from '../../../lib/time/presets';

// Monday 23 November 2026, 12:00 UTC: 09:00 in São Paulo (UTC-3, no daylight saving since 2019).
const now = new Date('2026-11-23T12:00:00.000Z');
const SAO_PAULO = 'America/Sao_Paulo';
/** Local midnight in São Paulo of a day of November 2026, as the reports' ms. */
const spMidnight = (day: number) => Date.parse(`2026-11-${String(day).padStart(2, '0')}T03:00:00.000Z`);
const endOfToday = spMidnight(24) - 1;

/** Each word reads as the dashboard's preset of the same name, in São Paulo. */
function expectTheDashboardsRanges(words: ReadonlyArray<readonly [string, Preset]>): void {
    for (const [word, preset] of words) {
        const dashboard = presetRange(preset, now, SAO_PAULO);
        expect(parseServiceTimeArgs([word], now, SAO_PAULO)).toMatchObject({
            ok: true,
            scope: { range: { start: dashboard?.start.getTime(), end: dashboard?.end.getTime() } },
        });
    }
}

describe('/service-time arguments: the dashboard’s named ranges, whole local days of the reporting timezone', () => {
    it('defaults to the last 30 days: today and the 29 days before it', () => {
        expect(parseServiceTimeArgs([], now, SAO_PAULO)).toEqual({
            ok: true,
            scope: { range: { start: Date.parse('2026-10-25T03:00:00.000Z'), end: endOfToday } },
            label: 'the last 30 days in America/Sao_Paulo',
        });
    });

    it('reads 7d, 30d and 90d as the dashboard’s last 7, 30 and 90 days, with an optional department', () => {
        expectTheDashboardsRanges([
            ['7d', 'last7'],
            ['30d', 'last30'],
            ['90d', 'last90'],
        ]);
        expect(parseServiceTimeArgs(['7d'], now, SAO_PAULO)).toMatchObject({
            scope: { range: { start: spMidnight(17), end: endOfToday } },
        });
        expect(parseServiceTimeArgs(['90d', 'sales'], now, 'UTC')).toMatchObject({
            ok: true,
            scope: { departmentIds: ['sales'] },
            label: 'the last 90 days in UTC, department sales',
        });
    });

    it('reads two dates as whole local days, both included', () => {
        expect(parseServiceTimeArgs(['2024-01-01', '2024-01-31', 'sales'], now, SAO_PAULO)).toEqual({
            ok: true,
            scope: {
                range: { start: Date.parse('2024-01-01T03:00:00.000Z'), end: Date.parse('2024-02-01T02:59:59.999Z') },
                departmentIds: ['sales'],
            },
            label: '2024-01-01 to 2024-01-31 in America/Sao_Paulo, department sales',
        });
        expect(parseServiceTimeArgs(['2024-01-01', '2024-01-31'], now, 'UTC')).toMatchObject({
            scope: { range: { start: Date.parse('2024-01-01T00:00:00.000Z'), end: Date.parse('2024-01-31T23:59:59.999Z') } },
        });
    });

    it('reads any department id, names of Object.prototype included', () => {
        for (const departmentId of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
            expect(parseServiceTimeArgs([departmentId], now, 'UTC')).toMatchObject({
                ok: true,
                scope: { departmentIds: [departmentId] },
                label: `the last 30 days in UTC, department ${departmentId}`,
            });
        }
    });

    it('says what was wrong before the usage text: a range it does not know, one date, a date that is none, reversed dates', () => {
        const cases: Array<[string[], string]> = [
            [['8d'], '"8d" is not a range: use today, 7d, 30d, 90d, month, or two dates.'],
            [['7d', '30d'], '"30d" is not a range: use today, 7d, 30d, 90d, month, or two dates.'],
            [['2024-01'], '"2024-01" is not a range: use today, 7d, 30d, 90d, month, or two dates.'],
            [['2024-01-01'], 'A range of dates needs two dates: 2024-01-01 and the last day (YYYY-MM-DD).'],
            [['2024-01-01', 'sales'], 'A range of dates needs two dates: 2024-01-01 and the last day (YYYY-MM-DD).'],
            [['2024-02-30', '2024-03-01'], '"2024-02-30" is not a date (YYYY-MM-DD).'],
            [['2024-13-45', '2024-14-01'], '"2024-13-45" is not a date (YYYY-MM-DD).'],
            [['2024-01-31', '2024-01-01'], '2024-01-31 comes after 2024-01-01: give the first day first.'],
        ];
        for (const [args, problem] of cases) {
            expect(parseServiceTimeArgs(args, now, 'UTC')).toEqual({ ok: false, usage: `${problem}\n${USAGE}` });
        }
        for (const help of [['help'], ['--help'], ['-h'], ['HELP']]) {
            expect(parseServiceTimeArgs(help, now, 'UTC')).toEqual({ ok: false, usage: USAGE });
        }
    });

    it('reads the ranges in any case, today and this month as on the dashboard', () => {
        expectTheDashboardsRanges([
            ['30D', 'last30'],
            ['Today', 'today'],
            ['month', 'thisMonth'],
        ]);
        expect(parseServiceTimeArgs(['today'], now, 'UTC')).toMatchObject({ label: 'today in UTC' });
        expect(parseServiceTimeArgs(['month'], now, 'UTC')).toMatchObject({ label: 'this month in UTC' });
    });
});

describe('/service-time departments, as the dashboard names them', () => {
    const departments = [
        { _id: 'kX9fQ2', name: 'Sales' },
        { _id: 'p7Lm3a', name: 'Customer Support' },
        { _id: 'z1Yt8c', name: 'Customer Success' },
    ];

    it('finds a department by its name in any case, a name of several words, or the start of it, and reads it by its id', () => {
        for (const words of [['sales'], ['SALES'], ['sa'], ['kX9fQ2']]) {
            expect(parseServiceTimeArgs(['7d', ...words], now, 'UTC', undefined, departments)).toMatchObject({
                ok: true,
                scope: { departmentIds: ['kX9fQ2'] },
                label: 'the last 7 days in UTC, department Sales',
            });
        }
        expect(parseServiceTimeArgs(['customer', 'support'], now, 'UTC', undefined, departments)).toMatchObject({
            ok: true,
            scope: { departmentIds: ['p7Lm3a'] },
            label: 'the last 30 days in UTC, department Customer Support',
        });
    });

    it('takes a department whose name holds a range word, and refuses the range word otherwise', () => {
        const printing = [...departments, { _id: 'q3', name: '3D Printing' }];
        expect(parseServiceTimeArgs(['7d', '3d', 'printing'], now, 'UTC', undefined, printing)).toMatchObject({
            ok: true,
            scope: { departmentIds: ['q3'] },
        });
        expect(parseServiceTimeArgs(['sales', '7d'], now, 'UTC', undefined, departments)).toEqual({
            ok: false,
            usage: `"7d" is not a range: use today, 7d, 30d, 90d, month, or two dates.\n${USAGE}`,
        });
    });

    it('says when no department has that name, or when several begin so', () => {
        expect(parseServiceTimeArgs(['7d', 'billing'], now, 'UTC', undefined, departments)).toEqual({
            ok: false,
            usage: `No department is named "billing". Departments: Sales, Customer Support, Customer Success.\n${USAGE}`,
        });
        expect(parseServiceTimeArgs(['customer'], now, 'UTC', undefined, departments)).toEqual({
            ok: false,
            usage: `"customer" could be Customer Support or Customer Success: type more of the name.\n${USAGE}`,
        });
    });
});

describe('/service-time answer', () => {
    it('is a table of agents, chats and the average rounded up like the report', () => {
        const table = formatServiceTimeTable(
            [
                { agentId: 'a', username: 'ann', chats: 2, sumMs: 7_446_001 },
                { agentId: 'b', username: 'bartholomew', chats: 10, sumMs: 90_000 },
            ],
            'the last 7 days',
        );
        expect(table).toBe(
            [
                'Average service time, the last 7 days:',
                '```',
                'Agent        Chats  Average service time',
                'ann              2            1h 02m 04s',
                'bartholomew     10                    9s',
                '```',
            ].join('\n'),
        );
    });

    it('keeps user data inside its code block: no name can close the fence, start a line of its own or be read as Markdown', () => {
        const hostile = 'eve```\n[click me](https://evil.example/phish) @all **bold**\r\n```';
        const table = formatServiceTimeTable([{ agentId: 'e', username: hostile, chats: 1, sumMs: 1_000 }], 'the last 7 days');
        const lines = table.split('\n');
        // The block opens on line 2 and closes on the last line; nothing between them is a fence or carries a backtick.
        expect(lines[1]).toBe('```');
        expect(lines[lines.length - 1]).toBe('```');
        expect(lines).toHaveLength(5);
        expect(lines.slice(2, -1).join('\n')).not.toContain('`');
        expect(lines[3]).toContain('[click me](https://evil.example/phish) @all **bold**');
    });

    it('says so when nothing was found', () => {
        expect(formatServiceTimeTable([], 'the last 7 days')).toBe('No closed chats with service time in the last 7 days.');
    });
});

describe('/service-time in the caller’s language', () => {
    const totals = [{ agentId: 'a', username: 'ann', chats: 2, sumMs: 7_446_001 }];
    const sources = (roles: string[], dashboardUrl?: string) => ({
        allowedRoles: async () => ['livechat-manager'],
        agentTotals: async () => totals,
        reportingTimeZone: async () => 'UTC',
        dashboardUrl: async () => dashboardUrl,
        departments: async () => [],
        roles,
    });
    const caller = (language?: string, roles = ['livechat-manager']) => ({ roles, settings: { preferences: { language } } });

    it('answers in Spanish and in Brazilian Portuguese, by the user’s language preference', async () => {
        expect(await answerServiceTimeCommand(caller('es'), ['7d', 'ventas'], sources([]), now)).toBe(
            [
                'Tiempo medio de atención, los últimos 7 días en UTC, departamento ventas:',
                '```',
                'Agente  Chats  Tiempo medio de atención',
                'ann         2                1h 02m 04s',
                '```',
            ].join('\n'),
        );
        expect(await answerServiceTimeCommand(caller('pt-BR'), ['2024-01-01', '2024-01-31'], sources([]), now)).toBe(
            [
                'Tempo médio de atendimento, de 2024-01-01 a 2024-01-31 em UTC:',
                '```',
                'Agente  Chats  Tempo médio de atendimento',
                'ann         2                  1h 02m 04s',
                '```',
            ].join('\n'),
        );
    });

    it('picks the nearest language it has (es-MX is Spanish, pt is Brazilian Portuguese), and English otherwise', async () => {
        expect(await answerServiceTimeCommand(caller('es-MX', ['user']), [], sources([]), now)).toBe(
            'No tiene los permisos necesarios para leer los informes de tiempo de atención.',
        );
        expect(await answerServiceTimeCommand(caller('pt', ['user']), [], sources([]), now)).toBe(
            'Você não tem as permissões necessárias para ler os relatórios de tempo de atendimento.',
        );
        expect(await answerServiceTimeCommand(caller('de', ['user']), [], sources([]), now)).toBe(
            'You do not have the permissions required to read the service time reports.',
        );
        expect(await answerServiceTimeCommand({ roles: ['user'] }, [], sources([]), now)).toBe(
            'You do not have the permissions required to read the service time reports.',
        );
    });

    it('gives the usage and the empty answer in that language too', async () => {
        expect(await answerServiceTimeCommand(caller('es'), ['ayuda'], sources([]), now)).toMatch(/^Uso: \/service-time/);
        expect(await answerServiceTimeCommand(caller('pt-BR'), ['8d'], sources([]), now)).toMatch(
            /^"8d" não é um período: use today, 7d, 30d, 90d, month ou duas datas\.\nUso: \/service-time .*\n {2}\/service-time +os últimos 30 dias/,
        );
        expect(await answerServiceTimeCommand(caller('es'), ['2024-01-31', '2024-01-01'], sources([]), now)).toMatch(
            /^2024-01-31 es posterior a 2024-01-01: indique primero el primer día\.\nUso:/,
        );
        const withDepartments = { ...sources([]), departments: async () => [{ _id: 'd1', name: 'Vendas' }] };
        expect(await answerServiceTimeCommand(caller('pt-BR'), ['7d', 'suporte'], withDepartments, now)).toMatch(
            /^Nenhum departamento se chama "suporte"\. Departamentos: Vendas\.\nUso:/,
        );
        const none = { ...sources([]), agentTotals: async () => [] };
        expect(await answerServiceTimeCommand(caller('pt-BR'), ['90d'], none, now)).toBe(
            'Nenhum chat encerrado com tempo de atendimento (os últimos 90 dias em UTC).',
        );
    });

    it('ends a table with the dashboard’s link, in the caller’s language, when the workspace’s address is known', async () => {
        const url = 'https://chat.example.com/api/apps/public/app-id/dashboard';
        expect(await answerServiceTimeCommand(caller('pt-BR'), ['7d'], sources([], url), now)).toMatch(
            new RegExp(`1h 02m 04s\n\`\`\`\nGráficos, mediana e p90 no painel: ${url}$`),
        );
        expect(await answerServiceTimeCommand(caller('en'), ['7d'], sources([], url), now)).toMatch(
            /\nCharts, median and p90 on the dashboard: https:\/\/chat\.example\.com\/api\/apps\/public\/app-id\/dashboard$/,
        );
        // Not to someone who may not read it.
        expect(await answerServiceTimeCommand(caller('en', ['user']), [], sources([], url), now)).not.toMatch(/dashboard/);
    });
});
