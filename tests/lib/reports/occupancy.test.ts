import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import type { Stretch } from '../../../lib/reports/occupancy';
import { heldStretches, occupancyOf } from '../../../lib/reports/occupancy';

const MIN = 60_000;
const at = (start: number, end: number): Stretch => ({ start: start * MIN, end: end * MIN });
const minutes = (occupancy: ReturnType<typeof occupancyOf>) => ({
    busy: occupancy.busyMs / MIN,
    held: occupancy.heldMs / MIN,
    shared: occupancy.sharedMs / MIN,
    peak: occupancy.peak,
});

describe('occupancy', () => {
    it('of chats one after another: busy as long as held, none shared, one at a time (a handover at an instant is no overlap)', () => {
        expect(minutes(occupancyOf([at(0, 10), at(10, 30), at(40, 45)]))).toEqual({ busy: 35, held: 35, shared: 0, peak: 1 });
    });

    it('of overlapping chats, by hand: 0-30, 10-20 and 15-40', () => {
        // Held: 1 (0-10), 2 (10-15), 3 (15-20), 2 (20-30), 1 (30-40).
        expect(minutes(occupancyOf([at(0, 30), at(10, 20), at(15, 40)]))).toEqual({
            busy: 40,
            held: 30 + 10 + 25,
            shared: 2 * 5 + 3 * 5 + 2 * 10,
            peak: 3,
        });
    });

    it('of one chat inside another, and of two of the same stretch', () => {
        expect(minutes(occupancyOf([at(0, 60), at(20, 30)]))).toEqual({ busy: 60, held: 70, shared: 20, peak: 2 });
        expect(minutes(occupancyOf([at(5, 15), at(5, 15)]))).toEqual({ busy: 10, held: 20, shared: 20, peak: 2 });
    });

    it('of nothing, and of empty stretches, is nothing', () => {
        expect(occupancyOf([])).toEqual({ busyMs: 0, heldMs: 0, sharedMs: 0, peak: 0 });
        expect(occupancyOf([at(5, 5)])).toEqual({ busyMs: 0, heldMs: 0, sharedMs: 0, peak: 0 });
    });

    it('keeps held time equal to the stretches’ sum, and busy between the longest and the sum, on random stretches', () => {
        let seed = 11;
        const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
        for (let round = 0; round < 200; round++) {
            const stretches = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
                const start = Math.floor(random() * 100);
                return at(start, start + 1 + Math.floor(random() * 30));
            });
            const { busyMs, heldMs, sharedMs, peak } = occupancyOf(stretches);
            const sum = stretches.reduce((total, s) => total + s.end - s.start, 0);
            expect(heldMs).toBe(sum);
            expect(busyMs).toBeLessThanOrEqual(sum);
            expect(busyMs).toBeGreaterThanOrEqual(Math.max(...stretches.map((s) => s.end - s.start)));
            // Held time alone is held - shared; alone it is also busy time with exactly one chat: never more than busy.
            expect(heldMs - sharedMs).toBeLessThanOrEqual(busyMs);
            // Brute force, minute by minute.
            let busy = 0;
            let most = 0;
            for (let minute = 0; minute < 140; minute++) {
                const count = stretches.filter((s) => s.start <= minute * MIN && minute * MIN < s.end).length;
                busy += count > 0 ? 1 : 0;
                most = Math.max(most, count);
            }
            expect([busyMs / MIN, peak]).toEqual([busy, most]);
        }
    });
});

describe('the stretches an agent held a chat', () => {
    const base: ServiceRecord = {
        v: 1,
        roomId: 'r',
        agentId: 'a',
        username: 'ana',
        createdAt: 0,
        durationMs: 10 * MIN,
        closedAt: 30 * MIN,
    };

    it('are the core’s stretch for a chat without legs, and nothing without its close', () => {
        expect(heldStretches(base, 'a', 'ana')).toEqual([at(20, 30)]);
        expect(heldStretches({ ...base, closedAt: undefined }, 'a', 'ana')).toEqual([]);
        expect(heldStretches(base, 'b', 'bea')).toEqual([]);
    });

    it('are the agent’s own legs with a known start, a return to them included', () => {
        const legs: ServiceRecord['legs'] = [
            { agentId: 'a', username: 'ana', endedAt: 5 * MIN, endedBy: 'transfer' },
            { agentId: 'b', username: 'bea', startedAt: 5 * MIN, endedAt: 12 * MIN, endedBy: 'transfer' },
            { agentId: 'a', username: 'ana', startedAt: 12 * MIN, endedAt: 30 * MIN, endedBy: 'close' },
        ];
        expect(heldStretches({ ...base, legs }, 'a', 'ana')).toEqual([at(12, 30)]);
        expect(heldStretches({ ...base, legs }, 'b', 'bea')).toEqual([at(5, 12)]);
    });
});
