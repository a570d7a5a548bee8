import fc from 'fast-check';

import { fetchChecked } from '../helpers/openApiValidator';
import type { EngineFixture } from './engineFixture';
import { AGENT, MANAGER, REPORT_PATH, TOTAL_PATH, startEngineWithApp } from './engineFixture';

const RUNS = 10_000;
let engine: EngineFixture;
let requestsSent = 0;

beforeAll(async () => {
    engine = await startEngineWithApp();
    engine.host.workspace.addUser({ _id: 'h-agent', username: 'hostile.agent', name: 'A', roles: ['livechat-agent'] });
    for (let i = 0; i < 40; i++) {
        await engine.closeRoom(`hostile-${i}`, new Date(Date.UTC(2024, 0, 1 + i)), 'h-agent', 1_000 + i, i % 2 ? 'sales' : undefined);
    }
});

afterAll(async () => {
    await engine?.host.stop();
});

const PARAMETERS = ['start', 'end', 'count', 'offset', 'sort', 'departmentId', 'format'];

const value = fc.oneof(
    fc.constantFrom(
        '2024-01-01',
        '2024-01-31T23:59:59.999Z',
        'Mon, 01 Jan 2024 10:00:00 GMT',
        '2024-02-30',
        '1704067200000',
        '+275760-09-13',
        '-271821-04-20',
        'now',
        '',
    ),
    fc.constantFrom(
        '0',
        '1',
        '-1',
        '0.5',
        '1e3',
        '1e400',
        '-0',
        'NaN',
        'Infinity',
        '0x10',
        ' 7 ',
        '9'.repeat(400),
        'csv',
        'json',
        'CSV',
        '__proto__',
        'constructor',
    ),
    fc.integer().map(String),
    fc.double().map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ minLength: 1000, maxLength: 3000 }),
);

/** Query keys as Express reads them: plain, repeated (an array), `key[]` and `key[sub]` (qs objects). */
const key = fc.oneof(
    fc.constantFrom(...PARAMETERS),
    fc.constantFrom(...PARAMETERS).map((name) => `${name}[]`),
    fc.tuple(fc.constantFrom(...PARAMETERS), fc.string({ maxLength: 5 })).map(([name, sub]) => `${name}[${sub}]`),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Numbers as a query carries them, weighted towards the edges of parsing. */
const numberish = fc.oneof(
    fc.constantFrom('1e400', '-1e400', 'Infinity', '-1', '0', '-0', '0.5', '1e3', '1e21', '9'.repeat(400), 'abc', ''),
    fc.integer().map(String),
    fc.double().map(String),
);

/** Random pairs; half the time on top of a valid range, so that the checks after the dates are reached too. */
const query = fc.oneof(
    fc.array(fc.tuple(key, value), { maxLength: 8 }),
    fc
        .array(
            fc.oneof(
                fc.tuple(fc.constantFrom('count', 'offset'), numberish),
                fc.tuple(fc.constantFrom('departmentId', 'format', 'sort'), value),
            ),
            { maxLength: 3 },
        )
        .map((extra) => [['start', '2024-01-01'], ['end', '2024-12-31T23:59:59.999Z'], ...extra] as Array<[string, string]>),
);

const caller = fc.constantFrom<Record<string, string>>(
    { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
    { 'X-User-Id': AGENT._id, 'X-Auth-Token': AGENT.authToken },
    { 'X-User-Id': MANAGER._id, 'X-Auth-Token': 'wrong' },
    { 'X-User-Id': MANAGER._id },
    { 'X-Auth-Token': MANAGER.authToken },
    { 'X-User-Id': '', 'X-Auth-Token': '' },
    {},
);

const endpoint = fc.constantFrom(
    { method: 'GET', path: REPORT_PATH },
    { method: 'GET', path: TOTAL_PATH },
    { method: 'GET', path: 'livechat/analytics/history-import' },
    { method: 'POST', path: 'livechat/analytics/history-import' },
    { method: 'GET', path: 'openapi.json' },
);

const accept = fc.constantFrom(undefined, 'text/csv', 'application/json', '*/*', 'text/csv;q=0.5, application/json', 'x'.repeat(300));

describe('hostile requests over HTTP', () => {
    it(`answers ${RUNS} generated requests with the contract's shapes and never a 500`, async () => {
        await fc.assert(
            fc.asyncProperty(endpoint, query, caller, accept, async ({ method, path }, pairs, headers, acceptHeader) => {
                const search = new URLSearchParams(pairs);
                requestsSent++;
                // fetchChecked validates status, content type and body against the OpenAPI document.
                const { status } = await fetchChecked(`${engine.host.url(engine.appId, path)}?${search}`, {
                    method,
                    headers: { ...headers, ...(acceptHeader && { Accept: acceptHeader }) },
                });
                // 409: a POST on the import while the import it started runs.
                expect(method === 'POST' ? [200, 401, 403, 409] : [200, 400, 401, 403]).toContain(status);
            }),
            { numRuns: RUNS, seed: 20261123 },
        );
        expect(requestsSent).toBe(RUNS);
    }, 600_000);

    it('keeps answering afterwards', async () => {
        const { status, body } = await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-12-31' });
        expect(status).toBe(200);
        expect(body).toMatchObject({ total: 1, agents: [{ username: 'hostile.agent' }] });
    });
});
