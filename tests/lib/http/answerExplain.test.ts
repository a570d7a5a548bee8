import type { ExplainSources } from '../../../lib/http/answerExplain';
import { answerExplain } from '../../../lib/http/answerExplain';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../../../lib/chats/serviceRecord';
import { DEFAULT_BUSINESS_HOURS_SETTING } from '../../../lib/hours/businessHours';
import { creditsOf } from '../../../lib/reports/attribution';
import type { ReportScope } from '../../../lib/reports/scope';
import { isInScope } from '../../../lib/reports/scope';

const manager = { roles: ['livechat-manager'] };
/** A Monday, 10:00 UTC: inside the default business hours. */
const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;

const records: ServiceRecord[] = [
    {
        v: SERVICE_RECORD_VERSION,
        roomId: 'r1',
        agentId: 'id-ana',
        username: 'ana',
        createdAt: T0,
        durationMs: 10 * MIN,
        closedAt: T0 + 15 * MIN,
        departmentId: 'sales',
        legs: [
            { agentId: 'id-bea', username: 'bea', startedAt: T0, endedAt: T0 + 5 * MIN, endedBy: 'transfer' },
            { agentId: 'id-ana', username: 'ana', startedAt: T0 + 5 * MIN, endedAt: T0 + 15 * MIN, endedBy: 'close' },
        ],
    },
    {
        v: SERVICE_RECORD_VERSION,
        roomId: 'r2',
        agentId: 'id-bea',
        username: 'bea',
        createdAt: T0,
        durationMs: 2 * MIN,
        closedAt: T0 + 2 * MIN,
    },
];

/** `siteUrl: null`: a workspace whose address cannot be read. */
function sources({
    setting = DEFAULT_BUSINESS_HOURS_SETTING,
    siteUrl = 'https://chat.example.com' as string | null,
} = {}): ExplainSources & {
    scopes: ReportScope[];
} {
    const scopes: ReportScope[] = [];
    return {
        scopes,
        allowedRoles: async () => ['livechat-manager'],
        businessHoursSetting: async () => setting,
        siteUrl: async () => siteUrl ?? undefined,
        credits: async (scope) => {
            scopes.push(scope);
            return records.filter((record) => isInScope(record, scope)).flatMap((record) => creditsOf(record, scope));
        },
    };
}

const ask = (query: Record<string, unknown>, from = sources(), user: { roles: string[] } | undefined = manager) =>
    answerExplain({ user, query }, from);

const range = { start: '2026-11-01', end: '2026-11-30' };

describe('the checks of the explanation, in the reports’ order', () => {
    it('answers 401 without a caller, 400 for the schema, 403 for the role, then 400 for a date', async () => {
        expect((await answerExplain({ user: undefined, query: {} }, sources())).status).toBe(401);
        expect(await ask(range, sources(), { roles: ['user'] })).toMatchObject({
            status: 400,
            content: { errorType: 'invalid-params', error: "must have required property 'agentId' [invalid-params]" },
        });
        expect(await ask({ ...range, agentId: 'id-bea', attribution: 'legs' })).toMatchObject({ status: 400 });
        expect((await ask({ ...range, agentId: 'id-bea' }, sources(), { roles: ['livechat-agent'] })).status).toBe(403);
        expect(await ask({ start: 'x', end: 'y', agentId: 'id-bea' })).toMatchObject({ status: 400, content: { success: false } });
    });

    it('answers 400 unless agentId names exactly one agent', async () => {
        for (const agentId of ['a,b', ['a', 'b'], ' , ']) {
            expect(await ask({ ...range, agentId })).toMatchObject({
                status: 400,
                content: { success: false, errorType: 'invalid-params', error: expect.stringContaining('exactly one agent') },
            });
        }
    });
});

describe('the explanation', () => {
    it('puts the core’s count, the legs’ and business hours’ side by side, with the transferred chat and its link', async () => {
        const answer = await ask({ ...range, agentId: 'id-bea' });
        expect(answer.status).toBe(200);
        expect(answer.content).toEqual({
            success: true,
            agent: { _id: 'id-bea', username: 'bea' },
            core: { chats: 1, serviceTimeDuration: 120, averageServiceTimeInSeconds: 120 },
            legs: { chats: 2, serviceTimeDuration: 420, averageServiceTimeInSeconds: 210 },
            business: { chats: 1, serviceTimeDuration: 120, averageServiceTimeInSeconds: 120 },
            businessUnavailable: null,
            transfers: {
                chats: 1,
                top: [
                    {
                        roomId: 'r1',
                        createdAt: new Date(T0).toISOString(),
                        coreSeconds: 0,
                        otherSeconds: 300,
                        link: 'https://chat.example.com/omnichannel/current/r1',
                    },
                ],
            },
            outsideHours: { chats: 0, wholly: 0, top: [] },
        });
    });

    it('reads the range’s chats once, in the departments named, under the core’s counting', async () => {
        const from = sources();
        const answer = await ask({ ...range, agentId: 'id-bea', departmentId: 'sales' }, from);
        expect(from.scopes).toEqual([{ range: { start: Date.parse(range.start), end: Date.parse(range.end) }, departmentIds: ['sales'] }]);
        expect(answer.content).toMatchObject({ core: { chats: 0 }, legs: { chats: 1, serviceTimeDuration: 300 } });
    });

    it('keeps the core’s and the legs’ figures when business hours do not read, and says why', async () => {
        const answer = await ask({ ...range, agentId: 'id-ana' }, sources({ setting: '{"default": 3}' }));
        expect(answer.content).toMatchObject({
            core: { chats: 1, serviceTimeDuration: 600 },
            business: null,
            outsideHours: null,
            businessUnavailable: { why: 'invalid-setting', problems: [expect.any(String)] },
        });
    });

    it('gives null links when the workspace’s address cannot be read, and reads nothing for a reversed range', async () => {
        const noSite = await ask({ ...range, agentId: 'id-bea' }, sources({ siteUrl: null }));
        expect(noSite.content).toMatchObject({ transfers: { top: [{ link: null }] } });
        const from = sources();
        const reversed = await ask({ start: range.end, end: range.start, agentId: 'id-bea' }, from);
        expect(reversed.content).toMatchObject({ agent: { username: null }, core: { chats: 0 }, legs: { chats: 0 } });
        expect(from.scopes).toEqual([]);
    });
});
