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
