import type { AgentTotals } from '../../../lib/reports/agentTotals';
import { AVERAGE_SERVICE_TIME, TOTAL_SERVICE_TIME } from '../../../lib/reports/shapes';
import { DEFAULT_PAGINATION_SETTINGS } from '../../../lib/reports/pagination';
import type { PaginationSettings } from '../../../lib/reports/pagination';
import type { ReportSources } from '../../../lib/http/answerReport';
import { answerAgentsReport } from '../../../lib/http/answerReport';
import type { ReportScope } from '../../../lib/reports/scope';
import { DEFAULT_BUSINESS_HOURS_SETTING } from '../../../lib/hours/businessHours';

const manager = { roles: ['livechat-manager'] };
const agents: AgentTotals[] = ['ann', 'bob', 'cid'].map((username, i) => ({
    agentId: `id-${username}`,
    username,
    chats: 1,
    sumMs: (i + 1) * 1000,
}));

/** A workspace as the report sees it, remembering which ranges were asked for. */
function sources(
    options: { roles?: string[]; pagination?: PaginationSettings; businessHours?: string } = {},
): ReportSources & { scopes: ReportScope[] } {
    const scopes: ReportScope[] = [];
    return {
        scopes,
        allowedRoles: async () => options.roles ?? ['admin', 'livechat-manager', 'livechat-monitor'],
        paginationSettings: async () => options.pagination ?? DEFAULT_PAGINATION_SETTINGS,
        businessHoursSetting: async () => options.businessHours ?? DEFAULT_BUSINESS_HOURS_SETTING,
        agentTotals: async (scope) => {
            scopes.push(scope);
            return agents;
        },
    };
}

const ask = (
    query: Record<string, unknown>,
    user: { roles: string[] } | undefined = manager,
    from = sources(),
    headers: Record<string, string> = {},
) => answerAgentsReport({ user, query, headers }, from, AVERAGE_SERVICE_TIME);

describe('the order of checks', () => {
    it('answers 401 to a request without a caller, before looking at the query', async () => {
        expect(await answerAgentsReport({ user: undefined, query: { bogus: '1' } }, sources(), AVERAGE_SERVICE_TIME)).toEqual({
            status: 401,
            content: { status: 'error', message: 'You must be logged in to do this.' },
        });
    });

    it('answers 400 invalid-params for a bad query before checking the role', async () => {
        expect(await ask({ start: '2024-01-01' }, { roles: ['user'] })).toEqual({
            status: 400,
            content: { success: false, error: "must have required property 'end' [invalid-params]", errorType: 'invalid-params' },
        });
    });

    it('answers 403 to a caller without an allowed role before reading the dates', async () => {
        expect(await ask({ start: 'not a date', end: 'nor this' }, { roles: ['livechat-agent'] })).toEqual({
            status: 403,
            content: { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
        });
    });

    it('answers 400 for an invalid start, then for an invalid end', async () => {
        expect(await ask({ start: 'not a date', end: 'nor this' })).toEqual({
            status: 400,
            content: { success: false, error: 'The "start" query parameter must be a valid date.' },
        });
        expect(await ask({ start: '2024-01-01', end: 'nor this' })).toEqual({
            status: 400,
            content: { success: false, error: 'The "end" query parameter must be a valid date.' },
        });
    });

    it('answers 400 for a negative count (deliberate difference from the core)', async () => {
        expect(await ask({ start: '2024-01-01', end: '2024-02-01', count: '-1' })).toMatchObject({
            status: 400,
            content: { error: 'must be >= 0 [invalid-params]' },
        });
    });
});

describe('the answer', () => {
    it('is the page with count, offset, total and success', async () => {
        expect(await ask({ start: '2024-01-01', end: '2024-02-01', count: '2', offset: '1' })).toEqual({
            status: 200,
            content: {
                agents: [
                    { _id: 'id-bob', username: 'bob', averageServiceTimeInSeconds: 2 },
                    { _id: 'id-cid', username: 'cid', averageServiceTimeInSeconds: 3 },
                ],
                count: 2,
                offset: 1,
                total: 3,
                success: true,
            },
        });
    });

    it('asks the store for the inclusive range the dates name', async () => {
        const from = sources();
        await ask({ start: '2024-01-01T00:00:00.000Z', end: '2024-01-31T23:59:59.999Z' }, manager, from);
        expect(from.scopes).toEqual([
            { range: { start: Date.parse('2024-01-01T00:00:00.000Z'), end: Date.parse('2024-01-31T23:59:59.999Z') } },
        ]);
    });

    it('limits the scope to the departments named, comma-separated or repeated', async () => {
        const from = sources();
        await ask({ start: '2024-01-01', end: '2024-02-01', departmentId: 'sales, support' }, manager, from);
        await ask({ start: '2024-01-01', end: '2024-02-01', departmentId: ['sales', 'vip,sales'] }, manager, from);
        await ask({ start: '2024-01-01', end: '2024-02-01', departmentId: ' , ' }, manager, from);
        expect(from.scopes.map((scope) => scope.departmentIds)).toEqual([['sales', 'support'], ['sales', 'vip'], undefined]);
    });

    it('is empty, with total 0, when end is before start, without reading the store', async () => {
        const from = sources();
        expect(await ask({ start: '2024-02-01', end: '2024-01-01' }, manager, from)).toEqual({
            status: 200,
            content: { agents: [], count: 0, offset: 0, total: 0, success: true },
        });
        expect(from.scopes).toEqual([]);
    });

    it('pages with the workspace settings', async () => {
        const from = sources({ pagination: { defaultCount: 1, upperCountLimit: 2, allowInfiniteCount: false } });
        expect(await ask({ start: '2024-01-01', end: '2024-02-01' }, manager, from)).toMatchObject({ content: { count: 1, total: 3 } });
        expect(await ask({ start: '2024-01-01', end: '2024-02-01', count: '50' }, manager, from)).toMatchObject({ content: { count: 2 } });
        expect(await ask({ start: '2024-01-01', end: '2024-02-01', count: '0' }, manager, from)).toMatchObject({ content: { count: 1 } });
    });

    it('gives every agent for count=0 where infinite counts are allowed', async () => {
        expect(await ask({ start: '2024-01-01', end: '2024-02-01', count: '0' })).toMatchObject({ content: { count: 3, total: 3 } });
    });

    it('lets in exactly the roles the setting names', async () => {
        const onlyMonitors = sources({ roles: ['livechat-monitor'] });
        expect((await ask({ start: '2024-01-01', end: '2024-02-01' }, { roles: ['livechat-manager'] }, onlyMonitors)).status).toBe(403);
        expect((await ask({ start: '2024-01-01', end: '2024-02-01' }, { roles: ['livechat-monitor'] }, onlyMonitors)).status).toBe(200);
        expect((await ask({ start: '2024-01-01', end: '2024-02-01' }, { roles: ['admin'] }, sources({ roles: [] }))).status).toBe(403);
    });
});

describe('CSV', () => {
    const range = { start: '2024-01-01', end: '2024-02-01' };

    it('answers the page as CSV with a header line for format=csv', async () => {
        expect(await ask({ ...range, format: 'csv', count: '2' })).toEqual({
            status: 200,
            headers: {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition': 'attachment; filename="average-service-time.csv"',
            },
            content: '_id,username,averageServiceTimeInSeconds\r\nid-ann,ann,1\r\nid-bob,bob,2\r\n',
        });
    });

    it('weighs the quality values of Accept: q=0 refuses CSV, the higher q wins', async () => {
        const csvFor = async (accept: string) => typeof (await ask(range, manager, sources(), { accept })).content === 'string';
        expect(await csvFor('text/csv;q=0')).toBe(false);
        expect(await csvFor('text/csv;q=0, application/json')).toBe(false);
        expect(await csvFor('application/json;q=0.5, text/csv;q=0.9')).toBe(true);
        expect(await csvFor('text/csv;q=0.4, application/json;q=0.8')).toBe(false);
        expect(await csvFor('text/*')).toBe(true);
        expect(await csvFor('*/*')).toBe(false);
    });

    it('answers CSV when the caller accepts text/csv, JSON otherwise', async () => {
        expect((await ask(range, manager, sources(), { accept: 'text/csv' })).content).toEqual(expect.stringMatching(/^_id,username/));
        expect((await ask(range, manager, sources(), { accept: 'application/json, text/plain, */*' })).content).toMatchObject({
            success: true,
        });
        expect((await ask({ ...range, format: 'json' }, manager, sources(), { accept: 'text/csv' })).content).toMatchObject({
            success: true,
        });
    });

    it('gives every row for count=0', async () => {
        const csv = (await ask({ ...range, format: 'csv', count: '0' })).content as string;
        expect(csv.split('\r\n')).toEqual(['_id,username,averageServiceTimeInSeconds', 'id-ann,ann,1', 'id-bob,bob,2', 'id-cid,cid,3', '']);
    });

    it('has the total report’s columns for the total report', async () => {
        const answer = await answerAgentsReport({ user: manager, query: { ...range, format: 'csv' } }, sources(), TOTAL_SERVICE_TIME);
        expect((answer.content as string).split('\r\n')[0]).toBe('_id,username,chats,serviceTimeDuration');
    });

    it('keeps errors in JSON', async () => {
        expect(await ask({ start: 'x', end: 'y', format: 'csv' })).toMatchObject({ status: 400, content: { success: false } });
        expect(await ask({ ...range, format: 'xml' })).toMatchObject({
            status: 400,
            content: { error: 'must be equal to one of the allowed values [invalid-params]' },
        });
    });
});
