import type { ChildProcess } from 'child_process';

import type { EngineFixture } from './engineFixture';
import { MANAGER, REPORT_PATH, startEngineWithApp } from './engineFixture';

/**
 * The app's Deno process killed (an out-of-memory kill, an admin's `kill -9`) while requests reach
 * it: the engine restarts it, and the host survives. The engine writes to the process's stdin
 * without an 'error' listener (server/runtime/deno/ProcessMessenger.js), so a write after the process
 * died is an EPIPE that Node throws; Rocket.Chat survives it, as its ErrorHandler listens to
 * `uncaughtException` (apps/meteor/app/error-handler/server/lib/RocketChat.ErrorHandler.ts), and so must the host.
 */
let engine: EngineFixture;

beforeAll(async () => {
    // The engine reports each request the dead process never answers (console.error, 30 s later): expected here.
    jest.spyOn(console, 'error').mockImplementation(() => {});
    jest.spyOn(console, 'warn').mockImplementation(() => {});
    engine = await startEngineWithApp();
});

afterAll(async () => {
    await engine.host.stop();
});

function denoProcess(): ChildProcess {
    const app = engine.host.manager.getOneById(engine.appId) as unknown as {
        getRuntimeController?: () => { deno: ChildProcess };
        getDenoRuntime?: () => { deno: ChildProcess };
    };
    return (app.getDenoRuntime ?? app.getRuntimeController)?.call(app).deno as ChildProcess;
}

const report = () =>
    fetch(`${engine.host.url(engine.appId, REPORT_PATH)}?start=2024-01-01&end=2024-01-31`, {
        headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken },
    }).then((response) => response.status);

describe('the app’s Deno process killed twice while requests come in', () => {
    it('is restarted by the engine each time, and the host goes on serving', async () => {
        for (let kill = 0; kill < 2; kill++) {
            const deno = denoProcess();
            const answers = Array.from({ length: 5 }, () => report().catch(() => 0));
            const exited = new Promise((resolve) => deno.once('exit', resolve));
            deno.kill('SIGKILL');
            await exited;
            // Before the engine's restart (a second later) its messenger still writes to the dead process.
            answers.push(...Array.from({ length: 5 }, () => report().catch(() => 0)));
            await Promise.all(answers);
            // The engine restarts the process a second after it died, then boots the app again.
            const deadline = Date.now() + 60_000;
            while (!(denoProcess()?.pid !== deno.pid && (await report().catch(() => 0)) === 200) && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 250));
            }
            expect(await report()).toBe(200);
        }
    }, 120_000);
});
