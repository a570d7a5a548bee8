import type { ChatsSources } from '../../../lib/http/answerChats';
import { answerChats, chatsCsv } from '../../../lib/http/answerChats';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../../../lib/chats/serviceRecord';
import { DEFAULT_BUSINESS_HOURS_SETTING } from '../../../lib/hours/businessHours';
import { creditsOf } from '../../../lib/reports/attribution';
import type { ChatItem } from '../../../lib/reports/chatRows';
import { toChatItem } from '../../../lib/reports/chatRows';
import { DEFAULT_PAGINATION_SETTINGS } from '../../../lib/reports/pagination';
import type { PaginationSettings } from '../../../lib/reports/pagination';
import type { ReportScope } from '../../../lib/reports/scope';

const manager = { roles: ['livechat-manager'] };
const T0 = Date.UTC(2026, 10, 2, 10);

const records: ServiceRecord[] = [
    { v: SERVICE_RECORD_VERSION, roomId: 'r1', agentId: 'id-ana', username: 'ana', createdAt: T0, durationMs: 5_000 },
    { v: SERVICE_RECORD_VERSION, roomId: 'r2', agentId: 'id-bea', username: 'bea', createdAt: T0, durationMs: 9_500 },
    {
        v: SERVICE_RECORD_VERSION,
        roomId: 'r3',
        agentId: 'id-ana',
        username: '=ana',
        createdAt: T0,
        durationMs: 60_000,
        closedAt: T0 + 120_000,
        legs: [
            { agentId: 'id-bea', username: 'bea', startedAt: T0, endedAt: T0 + 60_000, endedBy: 'transfer' },
            { agentId: 'id-ana', username: '=ana', startedAt: T0 + 60_000, endedAt: T0 + 120_000, endedBy: 'close' },
        ],
    },
];

function sources(options: { pagination?: PaginationSettings; siteUrl?: string } = {}): ChatsSources & { scopes: ReportScope[] } {
    const scopes: ReportScope[] = [];
    return {
        scopes,
        allowedRoles: async () => ['admin', 'livechat-manager'],
        paginationSettings: async () => options.pagination ?? DEFAULT_PAGINATION_SETTINGS,
        businessHoursSetting: async () => DEFAULT_BUSINESS_HOURS_SETTING,
        siteUrl: async () => options.siteUrl,
        credits: async (scope) => {
            scopes.push(scope);
            return records.flatMap((record) => creditsOf(record, scope));
        },
    };
}

const ask = (query: Record<string, unknown>, from = sources(), user: { roles: string[] } | undefined = manager, accept?: string) =>
    answerChats({ user, query, headers: accept ? { accept } : {} }, from);

const range = { start: '2026-11-01', end: '2026-11-30' };

describe('the checks of the chats list, in the reports’ order', () => {
    it('answers 401 without a caller, 400 for the schema, 403 for the role, then 400 for a date', async () => {
        expect((await answerChats({ user: undefined, query: { bogus: 1 } }, sources())).status).toBe(401);
        expect(await ask({ start: '2026-11-01' }, sources(), { roles: ['user'] })).toMatchObject({
            status: 400,
            content: { errorType: 'invalid-params', error: "must have required property 'end' [invalid-params]" },
        });
        expect(await ask({ ...range, interval: 'day' })).toMatchObject({ status: 400, content: { errorType: 'invalid-params' } });
        expect((await ask({ start: 'x', end: 'y' }, sources(), { roles: ['livechat-agent'] })).status).toBe(403);
        expect(await ask({ start: 'x', end: 'y' })).toEqual({
            status: 400,
            content: { success: false, error: 'The "start" query parameter must be a valid date.' },
        });
    });

    it('reads nothing for a reversed range: an empty list, as the reports', async () => {
        const from = sources();
        expect(await ask({ start: '2026-11-30', end: '2026-11-01' }, from)).toEqual({
            status: 200,
            content: { chats: [], count: 0, offset: 0, total: 0, success: true },
        });
        expect(from.scopes).toEqual([]);
    });
});

describe('the chats listed', () => {
    it('lists the chats longest first, with the room’s link, in pages of the workspace’s size', async () => {
        const answer = await ask({ ...range, count: 2, offset: 1 }, sources({ siteUrl: 'https://chat.example.com' }));
        expect(answer.status).toBe(200);
        const content = answer.content as { chats: ChatItem[]; count: number; offset: number; total: number };
        expect(content).toMatchObject({ count: 2, offset: 1, total: 3 });
        expect(content.chats.map((chat) => [chat.roomId, chat.serviceTimeInSeconds, chat.link])).toEqual([
            ['r2', 10, 'https://chat.example.com/omnichannel/current/r2'],
            ['r1', 5, 'https://chat.example.com/omnichannel/current/r1'],
        ]);
    });

    it('lists a chat once per agent who took part with attribution=legs, and only the agents named', async () => {
        const answer = await ask({ ...range, attribution: 'legs', agentId: ['id-bea'] });
        const content = answer.content as { chats: ChatItem[] };
        expect(content.chats.map((chat) => [chat.roomId, chat.username, chat.serviceTimeInSeconds])).toEqual([
            ['r3', 'bea', 60],
            ['r2', 'bea', 10],
        ]);
    });

    it('hands the departments, attribution and business hours of the query to the read', async () => {
        const from = sources();
        await ask({ ...range, departmentId: 'sales,support', hours: 'business', attribution: 'legs' }, from);
        expect(from.scopes).toHaveLength(1);
        expect(from.scopes[0]).toMatchObject({ departmentIds: ['sales', 'support'], attribution: 'legs' });
        expect(from.scopes[0].businessHours).toBeDefined();
    });

    it('answers CSV for format=csv and for Accept: text/csv', async () => {
        for (const answer of [await ask({ ...range, format: 'csv' }), await ask(range, sources(), manager, 'text/csv')]) {
            expect(answer.headers).toMatchObject({ 'content-type': 'text/csv; charset=utf-8' });
            expect(String(answer.content).split('\r\n')[0]).toBe(
                'roomId,agentId,username,createdAt,closedAt,departmentId,serviceTimeInSeconds,firstResponseInSeconds,chatDurationInSeconds,satisfaction,link,agent1,agent1Seconds,agent1EndedBy,agent2,agent2Seconds,agent2EndedBy',
            );
        }
    });
});

describe('the chats as CSV', () => {
    it('gives every page of one query the same columns, so that pages put one after another make one sheet', async () => {
        // r3 has two legs and is the longest: the last page holds only r1, which has none.
        const pages = await Promise.all([0, 1, 2].map((offset) => ask({ ...range, format: 'csv', count: 1, offset })));
        const headers = pages.map((answer) => String(answer.content).split('\r\n')[0]);
        expect(new Set(headers).size).toBe(1);
        expect(headers[2]).toMatch(/,agent2EndedBy$/);
        expect(String(pages[2].content).split('\r\n')[1]).toBe('r1,id-ana,ana,2026-11-02T10:00:00.000Z,,,5,,,,,,,,,,');
    });

    it('puts each leg in its own columns, leaves nulls empty and neutralises formulas', async () => {
        const answer = await ask(range);
        const csv = chatsCsv((answer.content as { chats: ChatItem[] }).chats);
        expect(csv.split('\r\n')).toEqual([
            expect.stringMatching(/^roomId,/),
            "r3,id-ana,'=ana,2026-11-02T10:00:00.000Z,2026-11-02T10:02:00.000Z,,60,,,,,bea,60,transfer,'=ana,60,close",
            'r2,id-bea,bea,2026-11-02T10:00:00.000Z,,,10,,,,,,,,,,',
            'r1,id-ana,ana,2026-11-02T10:00:00.000Z,,,5,,,,,,,,,,',
            '',
        ]);
    });

    it('writes every chat of a large page (count=0 lists them all)', () => {
        const [one] = records.flatMap((record) => creditsOf(record)).map((credit) => toChatItem(credit, undefined, undefined));
        const csv = chatsCsv(Array.from({ length: 200_000 }, () => one));
        expect(csv.split('\r\n')).toHaveLength(200_002); // the header, the rows, the final line end
    });

    it('has only the chat’s columns when no chat has legs', () => {
        expect(chatsCsv([])).toBe(
            'roomId,agentId,username,createdAt,closedAt,departmentId,serviceTimeInSeconds,firstResponseInSeconds,chatDurationInSeconds,satisfaction,link\r\n',
        );
    });
});
