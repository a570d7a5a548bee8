import * as http from 'http';

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
        expect(registered).toHaveLength(13);
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

describe('methods beyond the five that Rocket.Chat also routes to the app', () => {
    /** A request with Node's own client: fetch refuses TRACE and CONNECT. */
    function send(method: string, path: string): Promise<{ status: number; allow?: string; type?: string; body: string }> {
        const url = new URL(engine.host.url(engine.appId, path));
        return new Promise((resolve, reject) => {
            const request = http.request(
                url,
                { method, headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken } },
                (response) => {
                    let body = '';
                    response.on('data', (chunk: Buffer) => (body += chunk.toString()));
                    response.on('end', () =>
                        resolve({
                            status: response.statusCode ?? 0,
                            allow: response.headers.allow,
                            type: response.headers['content-type'],
                            body,
                        }),
                    );
                },
            );
            request.on('error', reject);
            request.end();
        });
    }

    it('answers HEAD as GET, without a body', async () => {
        const path = 'livechat/analytics/agents/average-service-time?start=2024-01-01&end=2024-01-31';
        const head = await send('HEAD', path);
        expect({ status: head.status, body: head.body }).toEqual({ status: 200, body: '' });
        expect(head.type).toMatch(/^application\/json/);
    });

    it.each(['OPTIONS', 'TRACE', 'PROPFIND', 'LOCK', 'M-SEARCH'])(
        'answers %s with 405, the Allow header and a JSON body',
        async (method) => {
            const answer = await send(method, 'livechat/analytics/agents/average-service-time');
            expect({ status: answer.status, allow: answer.allow }).toEqual({ status: 405, allow: 'GET' });
            expect(JSON.parse(answer.body)).toEqual({
                success: false,
                error: `The method ${method} is not allowed on this endpoint; use GET.`,
            });
        },
    );
});
