/** The width one bucket label takes on the chart's x axis (a date, `2026-11-03`, and the space around it). */
export const LABEL_WIDTH_PX = 88;

/**
 * Which buckets the x axis labels: one label per bucket, at the bucket, every `step`-th bucket from the
 * first so that no two labels overlap in `widthPx` (the step is the same all along the axis).
 */
export function labelledBuckets(buckets: number, widthPx: number, labelWidthPx = LABEL_WIDTH_PX): number[] {
    if (buckets <= 0) {
        return [];
    }
    const fit = Math.max(1, Math.floor(widthPx / labelWidthPx));
    const step = Math.ceil(buckets / fit);
    const indices: number[] = [];
    for (let index = 0; index < buckets; index += step) {
        indices.push(index);
    }
    return indices;
}

/**
 * The steps a duration axis may tick at, in seconds: 1, 5, 10, 15 and 30 s, 1, 2, 5, 10, 15 and 30 min,
 * 1, 2, 3, 6 and 12 h, then days. uPlot picks the smallest that leaves room between ticks, so a tick
 * reads "15m 00s", never "33m 20s".
 */
export const DURATION_STEPS: readonly number[] = [
    1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 2_592_000,
];

/** The steps a count axis may tick at: whole numbers only (no "2.5 chats"): 1, 2, 5, 10, 20, 50, ... */
export const COUNT_STEPS: readonly number[] = Array.from({ length: 10 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();
