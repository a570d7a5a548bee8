import type { IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { JobScheduler } from '../../dev/host/jobScheduler';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the host’s job scheduler', () => {
    it('runs nothing once paused and cancelled, even after a run forced while the job was running', async () => {
        let runs = 0;
        const processor: IProcessor = {
            id: 'builder',
            processor: async () => {
                runs++;
                await delay(30);
            },
        };
        const scheduler = new JobScheduler(() => processor);
        scheduler.scheduleRecurring({ id: 'builder', interval: '40 ms', skipImmediate: false }, 'app');
        await delay(5); // the first run is under way
        await scheduler.runRecurringNow('app');
        await scheduler.pause();
        scheduler.cancel();
        const runsAtStop = runs;
        // It did run: the first run, and the forced one after it (a scheduler that never runs would pass the rest).
        expect(runsAtStop).toBeGreaterThanOrEqual(2);
        await delay(200);
        expect(runs).toBe(runsAtStop);
    });

    it('runs a recurring job again at its interval until paused', async () => {
        let runs = 0;
        const scheduler = new JobScheduler(() => ({ id: 'builder', processor: async () => void runs++ }));
        scheduler.scheduleRecurring({ id: 'builder', interval: '20 ms', skipImmediate: false }, 'app');
        await delay(150);
        await scheduler.pause();
        scheduler.cancel();
        expect(runs).toBeGreaterThanOrEqual(3);
    });
});
