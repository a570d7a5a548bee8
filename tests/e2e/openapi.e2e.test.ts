import { readAppJson } from '../../dev/package';
import { assertMatchesOpenApi, fetchChecked } from '../helpers/openApiValidator';
import type { EngineFixture } from './engineFixture';
import { MANAGER, REPORT_PATH, startEngineWithApp } from './engineFixture';

let engine: EngineFixture;

beforeAll(async () => {
    engine = await startEngineWithApp();
});

afterAll(async () => {
    await engine?.host.stop();
});

describe('the OpenAPI document', () => {
    it('is served without credentials, for this app', async () => {
        const { status, body } = await fetchChecked(engine.host.url(engine.appId, 'openapi.json'));
        expect(status).toBe(200);
        expect(body).toMatchObject({ openapi: '3.1.0', info: { title: 'Agent Service Time', version: readAppJson().version } });
        expect((body as { servers: Array<{ url: string }> }).servers[0].url).toBe(`/api/apps/public/${engine.appId}`);
    });

    it('documents every endpoint the app registers', async () => {
        const { body } = await fetchChecked(engine.host.url(engine.appId, 'openapi.json'));
        const registered = engine.host.endpointPaths(engine.appId).map((path) => `/${path}`);
        expect(registered).toHaveLength(11);
        expect(Object.keys((body as { paths: object }).paths).sort()).toEqual(registered.sort());
    });

    it('refuses an answer that does not match it (the check can fail)', () => {
        const url = `${engine.host.url(engine.appId, REPORT_PATH)}?start=x`;
        expect(() =>
            assertMatchesOpenApi('GET', url, 200, 'application/json', {
                agents: [{ _id: 'a', username: 'b', averageServiceTimeInSeconds: '5' }],
                count: 1,
                offset: 0,
                total: 1,
                success: true,
            }),
        ).toThrow(/does not match/);
        expect(() => assertMatchesOpenApi('GET', url, 418, 'application/json', {})).toThrow(/does not document status 418/);
    });
});

describe('methods a route does not serve', () => {
    const routes: Array<[string, string]> = [
        [REPORT_PATH, 'GET'],
        ['livechat/analytics/agents/total-service-time', 'GET'],
        ['livechat/analytics/agents/service-time-stats', 'GET'],
        ['livechat/analytics/agents/service-time-series', 'GET'],
        ['livechat/analytics/history-import', 'GET, POST'],
        ['openapi.json', 'GET'],
    ];

    it.each(routes)('%s answers 405 with Allow: %s and a JSON body', async (path, allow) => {
        const unserved = ['PUT', 'DELETE', 'PATCH', ...(allow.includes('POST') ? [] : ['POST'])];
        for (const method of unserved) {
            const response = await fetch(engine.host.url(engine.appId, path), {
                method,
                headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken, 'content-type': 'application/json' },
                body: '{}',
            });
            expect({ method, status: response.status, allow: response.headers.get('allow') }).toEqual({ method, status: 405, allow });
            expect(response.headers.get('content-type')).toMatch(/^application\/json/);
            expect(await response.json()).toEqual({
                success: false,
                error: `The method ${method} is not allowed on this endpoint; use ${allow.replace(', ', ' or ')}.`,
            });
        }
    });
});
