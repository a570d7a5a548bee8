import { COUNT_STEPS, DURATION_STEPS, labelledBuckets } from '../../dashboard/axis';

describe('the labels of the chart’s x axis', () => {
    it('labels every bucket, once, when they all fit', () => {
        expect(labelledBuckets(1, 1000)).toEqual([0]);
        expect(labelledBuckets(5, 1000)).toEqual([0, 1, 2, 3, 4]);
    });

    it('labels every n-th bucket from the first when they do not, never more than fit', () => {
        // 90 days at 1,000 px: 11 labels fit (88 px each), so every 9th day.
        const labelled = labelledBuckets(90, 1000);
        expect(labelled).toEqual([0, 9, 18, 27, 36, 45, 54, 63, 72, 81]);
        expect(labelled.length).toBeLessThanOrEqual(Math.floor(1000 / 88));
        expect(labelledBuckets(30, 320)).toEqual([0, 10, 20]);
    });

    it('labels one bucket on a plot too narrow for any, and none without buckets', () => {
        expect(labelledBuckets(7, 40)).toEqual([0]);
        expect(labelledBuckets(0, 1000)).toEqual([]);
    });
});

describe('the steps of the chart’s y axes', () => {
    it('ticks durations only at round steps people read: whole seconds, minutes, hours and days', () => {
        expect(DURATION_STEPS).toEqual([...DURATION_STEPS].sort((a, b) => a - b));
        for (const step of DURATION_STEPS) {
            const round =
                step < 60
                    ? [1, 5, 10, 15, 30].includes(step)
                    : step < 3600
                      ? step % 60 === 0 && [1, 2, 5, 10, 15, 30].includes(step / 60)
                      : step % 3600 === 0;
            expect([step, round]).toEqual([step, true]);
        }
        expect(DURATION_STEPS).not.toContain(2000); // 33m 20s
    });

    it('ticks chats only at whole numbers', () => {
        expect(COUNT_STEPS.slice(0, 7)).toEqual([1, 2, 5, 10, 20, 50, 100]);
        expect(COUNT_STEPS.every((step) => Number.isInteger(step))).toBe(true);
    });
});
