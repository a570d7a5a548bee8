import { assertMatchesOpenApi, fetchChecked } from '../helpers/openApiValidator';
import type { EngineFixture } from './engineFixture';
import { REPORT_PATH, startEngineWithApp } from './engineFixture';

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
        expect(body).toMatchObject({ openapi: '3.1.0', info: { title: 'Agent Service Time', version: '1.0.0' } });
        expect((body as { servers: Array<{ url: string }> }).servers[0].url).toBe(`/api/apps/public/${engine.appId}`);
    });

    it('documents every endpoint the app registers', async () => {
        const { body } = await fetchChecked(engine.host.url(engine.appId, 'openapi.json'));
        expect(Object.keys((body as { paths: object }).paths).sort()).toEqual([
            '/livechat/analytics/agents/average-service-time',
            '/livechat/analytics/agents/total-service-time',
            '/livechat/analytics/history-import',
            '/openapi.json',
        ]);
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
