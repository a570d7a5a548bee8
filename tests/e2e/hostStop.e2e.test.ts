import { agentsReportPath } from '../../lib/http/routes';
import { AVERAGE_SERVICE_TIME } from '../../lib/reports/shapes';
import { startEngineWithApp } from './engineFixture';

/**
 * A host stopped while a request is being served (a test's page closed mid-load) answers it first:
 * stopped under it, the engine would time it out 30 s later and log that after the test file ended,
 * which jest reports as "Cannot log after tests are done" and turns into a failed run.
 */
describe('stopping the host', () => {
    it('answers the requests being served before it stops the app', async () => {
        const engine = await startEngineWithApp();
        let release: () => void = () => undefined;
        engine.host.workspace.persistence.holdReads = new Promise<void>((resolve) => (release = resolve));
        const answer = engine.get(agentsReportPath(AVERAGE_SERVICE_TIME.name), { start: '2024-01-01', end: '2024-12-31' });
        while (engine.host.requestsInFlight === 0) {
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const started = Date.now();
        const stopped = engine.host.stop();
        await new Promise((resolve) => setTimeout(resolve, 200)); // the request is still reading when the stop begins
        release();
        await stopped;
        expect((await answer).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(20_000);
    });

    it('takes no new request once it begins to stop: none can reach an app being stopped', async () => {
        const engine = await startEngineWithApp();
        const stopped = engine.host.stop();
        const started = Date.now();
        await expect(engine.get(agentsReportPath(AVERAGE_SERVICE_TIME.name), { start: '2024-01-01', end: '2024-12-31' })).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(5_000);
        await stopped;
    });
});
