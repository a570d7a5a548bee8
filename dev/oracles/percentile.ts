/**
 * The exact percentile by nearest rank, written from its definition and sharing no code with the
 * app's sketch (`lib/reports/quantileSketch.ts`): the smallest value such that at least `percent` % of
 * the values are at or below it. The oracle the tests and `npm run bench` compare the sketch with.
 * Integer arithmetic only (`rank x 100 >= percent x n`), so no floating point moves a rank.
 */
export function exactPercentile(values: readonly number[], percent: number): number | undefined {
    const sorted = [...values].sort((a, b) => a - b);
    for (let index = 0; index < sorted.length; index++) {
        if ((index + 1) * 100 >= percent * sorted.length) {
            return sorted[index];
        }
    }
    return undefined;
}
