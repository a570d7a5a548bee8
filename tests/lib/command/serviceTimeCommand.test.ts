import { answerServiceTimeCommand, formatServiceTimeTable, parseServiceTimeArgs, USAGE } from '../../../lib/command/serviceTimeCommand';
import { presetRange } from '../../../lib/time/presets';

// Monday 23 November 2026, 12:00 UTC: 09:00 in São Paulo (UTC-3, no daylight saving since 2019).
const now = new Date('2026-11-23T12:00:00.000Z');
const SAO_PAULO = 'America/Sao_Paulo';
/** Local midnight in São Paulo of a day of November 2026, as the reports' ms. */
const spMidnight = (day: number) => Date.parse(`2026-11-${String(day).padStart(2, '0')}T03:00:00.000Z`);
const endOfToday = spMidnight(24) - 1;

describe('/service-time arguments: the dashboard’s named ranges, whole local days of the reporting timezone', () => {
    it('defaults to the last 30 days: today and the 29 days before it', () => {
        expect(parseServiceTimeArgs([], now, SAO_PAULO)).toEqual({
            ok: true,
            scope: { range: { start: Date.parse('2026-10-25T03:00:00.000Z'), end: endOfToday } },
            label: 'the last 30 days in America/Sao_Paulo',
        });
    });

    it('reads 7d, 30d and 90d as the dashboard’s last 7, 30 and 90 days, with an optional department', () => {
        for (const [word, preset] of [
            ['7d', 'last7'],
            ['30d', 'last30'],
            ['90d', 'last90'],
        ] as const) {
            const dashboard = presetRange(preset, now, SAO_PAULO);
            expect(parseServiceTimeArgs([word], now, SAO_PAULO)).toMatchObject({
                ok: true,
                scope: { range: { start: dashboard?.start.getTime(), end: dashboard?.end.getTime() } },
            });
        }
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

    it('answers the usage text for anything else', () => {
        for (const args of [
            ['2024-01-31', '2024-01-01'],
            ['2024-01-01'],
            ['sales', 'support'],
            ['7d', '30d'],
            ['2024-13-45', '2024-14-01'],
            ['2024-02-30', '2024-03-01'],
            ['yesterday', 'x'],
            ['help'],
        ]) {
            expect(parseServiceTimeArgs(args, now, 'UTC')).toEqual({ ok: false, usage: USAGE });
        }
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
        expect(await answerServiceTimeCommand(caller('pt-BR'), ['x', 'y'], sources([]), now)).toMatch(
            /^Uso: \/service-time .*\n {2}\/service-time +os últimos 30 dias/,
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
