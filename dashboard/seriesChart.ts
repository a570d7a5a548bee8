import uPlot from 'uplot';

import { formatDuration } from '../lib/format/duration';
import type { SeriesBucketItem } from '../lib/http/answerSeries';
import type { DashboardStrings } from '../lib/dashboard/strings';
import { COUNT_STEPS, DURATION_STEPS, labelledBuckets } from './axis';
import { headerRow } from './cells';
import { el } from './dom';
import type { Interval } from './ranges';

/**
 * Chats (bars, left axis) and average service time (line, right axis) per bucket, drawn by uPlot
 * from the series endpoint's buckets. The x axis is the buckets' order, labelled with each bucket's
 * local day as the endpoint names it, so the chart shows the chosen timezone's days whatever the
 * browser's own zone. The same figures are listed in a table under it, for screen readers and for
 * anyone who wants the numbers.
 */
export function seriesChart(
    buckets: readonly SeriesBucketItem[],
    shown: { interval: Interval; timeZone: string },
    strings: DashboardStrings,
    onBucket: (index: number) => void,
): { element: HTMLElement; draw(): void } {
    const plot = el('div', { class: 'plot', attrs: { role: 'img', 'aria-label': strings.chartTitle } });
    const days = buckets.map((bucket) => bucket.start.slice(0, 10));
    const data: uPlot.AlignedData = [
        buckets.map((_, index) => index),
        buckets.map((bucket) => bucket.chats),
        buckets.map((bucket) => (bucket.chats > 0 ? bucket.averageServiceTimeInSeconds : null)),
    ];
    const figure = el('figure', { class: 'chart', attrs: { id: 'chart', 'data-buckets': String(buckets.length) } }, [
        el('figcaption', { text: strings.chartCaption(strings.intervals[shown.interval], shown.timeZone) }),
        plot,
        el('details', {}, [
            el('summary', { text: strings.chartFigures }),
            bucketTable(buckets, days, strings, strings.intervals[shown.interval], onBucket),
        ]),
    ]);
    let chart: uPlot | undefined;
    const draw = () => {
        const width = Math.max(280, plot.clientWidth);
        if (chart) {
            chart.setSize({ width, height: 280 });
            return;
        }
        // Axis text and grid in the page's own colours (light or dark), which uPlot cannot read from CSS.
        const narrow = width < 500;
        const colours = getComputedStyle(document.documentElement);
        const axis = {
            stroke: colours.getPropertyValue('--muted').trim() || '#6c727a',
            grid: { stroke: colours.getPropertyValue('--line').trim() || '#e4e7ea' },
        };
        chart = new uPlot(
            {
                width,
                height: 280,
                scales: {
                    // Half a bucket of room on each side, so the first and last bars are whole.
                    x: { time: false, range: () => [-0.5, buckets.length - 0.5] },
                    chats: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] },
                    seconds: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] },
                },
                axes: [
                    {
                        ...axis,
                        // One label per bucket, at the bucket, every n-th one so that none overlap (uPlot's own
                        // splits fall between buckets and repeat a day under one bar).
                        splits: (u) => labelledBuckets(buckets.length, u.bbox.width / uPlot.pxRatio),
                        values: (_u, splits) => {
                            const labels = splits.map((split) => days[split] ?? '');
                            plot.dataset.xLabels = JSON.stringify(labels);
                            return labels;
                        },
                    },
                    {
                        ...axis,
                        scale: 'chats',
                        label: narrow ? undefined : strings.chatsSeries,
                        ...(narrow && { size: 36 }),
                        incrs: [...COUNT_STEPS],
                        values: ticksOf(plot, 'chatsTicks', String),
                    },
                    {
                        scale: 'seconds',
                        ...axis,
                        side: 1,
                        label: narrow ? undefined : strings.averageSeries,
                        grid: { show: false },
                        // Room for "2h 30m 00s" and the title beside it: they had overlapped. On a phone, no
                        // title (the legend names the line) and a narrower axis, so the plot keeps its room.
                        size: narrow ? 76 : 96,
                        labelGap: 8,
                        incrs: [...DURATION_STEPS],
                        values: ticksOf(plot, 'secondsTicks', formatDuration),
                    },
                ],
                series: [
                    {
                        label: strings.intervals[shown.interval],
                        value: (_u, index) => (index === null ? '' : (days[Math.round(index)] ?? '')),
                    },
                    {
                        label: strings.chatsSeries,
                        scale: 'chats',
                        stroke: '#1d74f5',
                        fill: 'rgba(29, 116, 245, 0.35)',
                        paths: uPlot.paths.bars?.({ size: [0.6, 40] }),
                        points: { show: false },
                    },
                    {
                        label: strings.averageSeries,
                        scale: 'seconds',
                        stroke: '#f5455c',
                        width: 2,
                        spanGaps: false,
                        value: (_u, seconds) => (seconds === null ? '' : formatDuration(seconds)),
                    },
                ],
                legend: { show: true },
            },
            data,
            plot,
        );
        plot.setAttribute('data-points', String(chart.data[0].length));
        // A click on a bar lists its chats; the figures' table under the chart offers the same to the keyboard.
        const drawn = chart;
        drawn.over.addEventListener('click', () => {
            const index = drawn.cursor.idx;
            if (index !== null && index !== undefined && buckets[index]?.chats > 0) {
                onBucket(index);
            }
        });
    };
    return { element: figure, draw };
}

/** An axis' tick labels, kept on the plot as what it drew (`data-chats-ticks`, `data-seconds-ticks`): what the browser tests read. */
function ticksOf(plot: HTMLElement, name: 'chatsTicks' | 'secondsTicks', format: (value: number) => string) {
    return (_u: uPlot, splits: number[]) => {
        plot.dataset[name] = JSON.stringify(splits);
        return splits.map(format);
    };
}

function bucketTable(
    buckets: readonly SeriesBucketItem[],
    days: string[],
    strings: DashboardStrings,
    intervalName: string,
    onBucket: (index: number) => void,
): HTMLTableElement {
    const dayCell = (index: number) => {
        if (buckets[index].chats === 0) {
            return el('th', { text: days[index], attrs: { scope: 'row' } });
        }
        const button = el('button', {
            text: days[index],
            class: 'link bucket-chats',
            attrs: { type: 'button', 'data-index': String(index) },
        });
        button.addEventListener('click', () => onBucket(index));
        return el('th', { attrs: { scope: 'row' } }, [button]);
    };
    return el('table', { class: 'buckets' }, [
        el('thead', {}, [headerRow([intervalName, strings.chatsSeries, strings.averageSeries], [1, 2])]),
        el(
            'tbody',
            {},
            buckets.map((bucket, index) =>
                el('tr', { attrs: { 'data-start': bucket.start } }, [
                    dayCell(index),
                    el('td', { class: 'number', text: String(bucket.chats) }),
                    el('td', {
                        class: 'number',
                        text: bucket.chats > 0 ? formatDuration(bucket.averageServiceTimeInSeconds) : strings.noValue,
                    }),
                ]),
            ),
        ),
    ]);
}
