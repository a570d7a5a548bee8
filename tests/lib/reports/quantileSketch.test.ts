import { DDSketch } from '@datadog/sketches-js';
import { LogarithmicMapping } from '@datadog/sketches-js/dist/ddsketch/mapping';
import fc from 'fast-check';

import { logarithmicBin, nearestRank, QuantileSketch, SKETCH_RELATIVE_ACCURACY } from '../../../lib/reports/quantileSketch';
import { exactPercentile } from '../../../dev/oracles/percentile';

const PERCENTILES = [50, 90, 95];
/** The bound, with room for the last bits of floating point in log and pow. */
const BOUND = SKETCH_RELATIVE_ACCURACY * (1 + 1e-9);

function sketchOf(values: readonly number[]): QuantileSketch {
    const sketch = new QuantileSketch();
    values.forEach((value) => sketch.add(value));
    return sketch;
}

function relativeError(estimate: number | undefined, exact: number | undefined): number {
    if (estimate === undefined || exact === undefined) {
        throw new Error(`no value: ${estimate} for ${exact}`);
    }
    return exact === 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / Math.abs(exact);
}

/** Whole milliseconds from 1 ms to a week, log-uniform (service times span that much). */
const durationMs = fc.double({ min: 0, max: Math.log(7 * 86_400_000), noNaN: true }).map((log) => Math.max(1, Math.round(Math.exp(log))));
/** A heavy tail: Pareto with shape 0.8 (no mean), scaled to seconds, capped at a century. */
const paretoMs = fc.double({ min: 1e-9, max: 1, noNaN: true }).map((u) => Math.min(3e12, Math.round(1000 * Math.pow(u, -1 / 0.8))));

describe('the quantile sketch', () => {
    it('ranks as the exact nearest-rank percentile does, even where floating point would not', () => {
        expect(nearestRank(90, 30)).toBe(27);
        expect(nearestRank(50, 2)).toBe(1);
        expect(nearestRank(90, 10)).toBe(9);
        expect(nearestRank(95, 1)).toBe(1);
        // ceil, not round: 0.9 x 7 = 6.3, so p90 of 7 chats is the 7th (rounding would give the 6th).
        expect(nearestRank(90, 7)).toBe(7);
        expect(nearestRank(50, 7)).toBe(4);
    });

    it('is compared with an oracle written from the definition', () => {
        expect(exactPercentile([5, 1, 3], 50)).toBe(3);
        expect(exactPercentile([1, 2, 3, 4, 5, 6, 7], 90)).toBe(7);
        expect(exactPercentile([10, 20, 30, 40], 50)).toBe(20);
        expect(exactPercentile([], 50)).toBeUndefined();
        const sketch = sketchOf([1000, 2000, 3000, 4000, 5000, 6000, 7000]);
        expect(relativeError(sketch.percentile(90), 7000)).toBeLessThanOrEqual(BOUND);
    });

    it("bins values as Datadog's LogarithmicMapping does", () => {
        const mapping = new LogarithmicMapping(SKETCH_RELATIVE_ACCURACY);
        for (const value of [1, 2, 999, 1000, 1001, 60_000, 3_600_000, 86_400_000, 3e12]) {
            expect(logarithmicBin(value)).toBe(mapping.key(value));
        }
    });

    it.each([
        ['log-uniform durations', durationMs, 1, 400],
        ['small samples (1 to 5 values)', durationMs, 1, 5],
        ['heavy-tailed (Pareto) durations', paretoMs, 1, 2000],
    ])('stays within the bound of the exact nearest-rank percentile: %s', (_name, values, minLength, maxLength) => {
        fc.assert(
            fc.property(fc.array(values, { minLength, maxLength }), (sample) => {
                const sketch = sketchOf(sample);
                for (const percent of PERCENTILES) {
                    expect(relativeError(sketch.percentile(percent), exactPercentile(sample, percent))).toBeLessThanOrEqual(BOUND);
                }
            }),
            { numRuns: 200 },
        );
    });

    it('answers the same after a round trip through storage and after merging parts', () => {
        fc.assert(
            fc.property(
                fc.array(
                    fc.array(
                        fc.oneof(
                            durationMs,
                            durationMs.map((ms) => -ms),
                            fc.constant(0),
                        ),
                        { maxLength: 50 },
                    ),
                    { minLength: 1, maxLength: 6 },
                ),
                (parts) => {
                    const merged = new QuantileSketch();
                    parts.forEach((part) => merged.merge(sketchOf(part).toStored()));
                    const all = parts.flat();
                    expect(merged.count).toBe(all.length);
                    expect(merged.toStored()).toEqual(sketchOf(all).toStored());
                    for (const percent of PERCENTILES) {
                        const exact = exactPercentile(all, percent);
                        if (exact === undefined) {
                            expect(merged.percentile(percent)).toBeUndefined();
                        } else {
                            expect(relativeError(merged.percentile(percent), exact)).toBeLessThanOrEqual(BOUND);
                        }
                    }
                },
            ),
        );
    });

    it('answers the same whether it was one stored sketch, one stored sketch and more values, or values alone', () => {
        fc.assert(
            fc.property(fc.array(durationMs, { minLength: 1, maxLength: 60 }), fc.array(durationMs, { maxLength: 20 }), (stored, added) => {
                const sketch = new QuantileSketch();
                sketch.merge(sketchOf(stored).toStored());
                expect(PERCENTILES.map((percent) => sketch.percentile(percent))).toEqual(
                    PERCENTILES.map((percent) => sketchOf(stored).percentile(percent)),
                );
                added.forEach((value) => sketch.add(value));
                const all = [...stored, ...added];
                expect(sketch.count).toBe(all.length);
                expect(sketch.toStored()).toEqual(sketchOf(all).toStored());
            }),
        );
    });

    it('would miss small samples by far more than its bound if it ranked as sketches-js does', () => {
        // Two chats of 10 s and 100 s: the median by nearest rank is 10 s, p90 is 100 s.
        const sketch = sketchOf([10_000, 100_000]);
        expect(relativeError(sketch.percentile(50), 10_000)).toBeLessThanOrEqual(BOUND);
        expect(relativeError(sketch.percentile(90), 100_000)).toBeLessThanOrEqual(BOUND);
        // sketches-js ranks by q·(n − 1): 0.9 for p90 of two values, the lower one, 90 % off.
        const library = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
        [10_000, 100_000].forEach((value) => library.accept(value));
        expect(relativeError(library.getValueAtQuantile(0.9), 100_000)).toBeGreaterThan(0.8);
    });
});
