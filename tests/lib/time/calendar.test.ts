import { isTimeZone, MAX_SERIES_BUCKETS, offsetZone, seriesBuckets } from '../../../lib/time/calendar';

const range = (start: string, end: string) => ({ start: Date.parse(start), end: Date.parse(end) });

describe('series calendar', () => {
    it('cuts days at local midnight, in a timezone three hours behind UTC', () => {
        const buckets = seriesBuckets(range('2026-11-01T03:00:00Z', '2026-11-03T02:59:59.999Z'), 'day', 'America/Sao_Paulo');
        expect(buckets).toEqual([
            {
                start: Date.parse('2026-11-01T03:00:00Z'),
                end: Date.parse('2026-11-02T02:59:59.999Z'),
                label: '2026-11-01T00:00:00.000-03:00',
            },
            {
                start: Date.parse('2026-11-02T03:00:00Z'),
                end: Date.parse('2026-11-03T02:59:59.999Z'),
                label: '2026-11-02T00:00:00.000-03:00',
            },
        ]);
    });

    it('cuts at offsets that are not whole hours (Kolkata +5:30, Kathmandu +5:45)', () => {
        expect(seriesBuckets(range('2026-01-10T12:00:00Z', '2026-01-10T12:00:00Z'), 'day', 'Asia/Kolkata')).toEqual([
            {
                start: Date.parse('2026-01-09T18:30:00Z'),
                end: Date.parse('2026-01-10T18:29:59.999Z'),
                label: '2026-01-10T00:00:00.000+05:30',
            },
        ]);
        expect(seriesBuckets(range('2026-01-10T12:00:00Z', '2026-01-10T12:00:00Z'), 'day', 'Asia/Kathmandu')?.[0].start).toBe(
            Date.parse('2026-01-09T18:15:00Z'),
        );
    });

    it('makes the days of a daylight-saving change 23 and 25 hours long (Berlin)', () => {
        const spring = seriesBuckets(range('2026-03-29T12:00:00Z', '2026-03-29T12:00:00Z'), 'day', 'Europe/Berlin')?.[0];
        expect(spring && (spring.end + 1 - spring.start) / 3_600_000).toBe(23);
        const autumn = seriesBuckets(range('2026-10-25T12:00:00Z', '2026-10-25T12:00:00Z'), 'day', 'Europe/Berlin')?.[0];
        expect(autumn && (autumn.end + 1 - autumn.start) / 3_600_000).toBe(25);
    });

    it('starts a day whose midnight a change skipped at its first instant (São Paulo, 4 Nov 2018)', () => {
        expect(seriesBuckets(range('2018-11-04T12:00:00Z', '2018-11-04T12:00:00Z'), 'day', 'America/Sao_Paulo')?.[0]).toMatchObject({
            start: Date.parse('2018-11-04T03:00:00Z'),
            label: '2018-11-04T01:00:00.000-02:00',
        });
    });

    it('starts weeks on Monday and months on the 1st, listing every period the range touches', () => {
        const weeks = seriesBuckets(range('2026-11-04T00:00:00Z', '2026-11-20T00:00:00Z'), 'week', 'UTC') ?? [];
        expect(weeks.map((bucket) => bucket.label)).toEqual([
            '2026-11-02T00:00:00.000+00:00',
            '2026-11-09T00:00:00.000+00:00',
            '2026-11-16T00:00:00.000+00:00',
        ]);
        const months = seriesBuckets(range('2026-01-31T00:00:00Z', '2026-03-01T00:00:00Z'), 'month', 'UTC') ?? [];
        expect(months.map((bucket) => bucket.label)).toEqual([
            '2026-01-01T00:00:00.000+00:00',
            '2026-02-01T00:00:00.000+00:00',
            '2026-03-01T00:00:00.000+00:00',
        ]);
    });

    it.each(['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', '+05:30', 'UTC'])(
        'cuts every day of 2017 and 2018 in %s exactly where the local calendar does',
        (timeZone) => {
            const buckets = seriesBuckets(range('2017-01-01T12:00:00Z', '2018-12-31T12:00:00Z'), 'day', timeZone) ?? [];
            expect(buckets.length).toBe(730);
            // Independent of the app's calendar: Intl names each bucket's first and last millisecond's local date and time.
            const local = (at: number) =>
                new Intl.DateTimeFormat('sv-SE', {
                    timeZone: timeZone.startsWith('+') ? 'Asia/Kolkata' : timeZone,
                    dateStyle: 'short',
                    timeStyle: 'medium',
                }).format(at);
            for (const [i, bucket] of buckets.entries()) {
                expect(local(bucket.start).slice(0, 10)).toBe(bucket.label.slice(0, 10));
                expect(local(bucket.start - 1).slice(0, 10)).not.toBe(bucket.label.slice(0, 10));
                expect(local(bucket.end).slice(0, 10)).toBe(bucket.label.slice(0, 10));
                if (i > 0) {
                    expect(bucket.start).toBe(buckets[i - 1].end + 1);
                }
            }
        },
    );

    it('refuses more buckets than the cap, and lists none for an empty range', () => {
        expect(seriesBuckets(range('2020-01-01T00:00:00Z', '2022-12-31T00:00:00Z'), 'day', 'UTC')).toBeUndefined();
        expect(seriesBuckets(range('2020-01-01T00:00:00Z', '2022-12-31T00:00:00Z'), 'week', 'UTC')?.length).toBeLessThan(
            MAX_SERIES_BUCKETS,
        );
        expect(seriesBuckets(range('2022-01-01T00:00:00Z', '2021-01-01T00:00:00Z'), 'day', 'UTC')).toEqual([]);
    });

    it('refuses a series over the whole date range as too many buckets, at every interval, and counts one at its very ends', () => {
        const whole = { start: -8.64e15, end: 8.64e15 };
        for (const interval of ['day', 'week', 'month'] as const) {
            for (const timeZone of ['UTC', 'America/Sao_Paulo', '+05:45']) {
                expect(seriesBuckets(whole, interval, timeZone)).toBeUndefined();
            }
        }
        const first = seriesBuckets({ start: -8.64e15, end: -8.64e15 + 86_400_000 }, 'month', 'America/Sao_Paulo');
        expect(first).toEqual([expect.objectContaining({ start: -8.64e15 })]);
        const last = seriesBuckets({ start: 8.64e15 - 86_400_000, end: 8.64e15 }, 'month', 'UTC');
        expect(last).toEqual([expect.objectContaining({ end: 8.64e15 })]);
    });

    it('knows IANA names and fixed offsets, and nothing else', () => {
        expect(isTimeZone('America/Sao_Paulo')).toBe(true);
        expect(isTimeZone('+05:30')).toBe(true);
        expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
        expect(isTimeZone('+25:00')).toBe(false);
        expect(offsetZone(5.5)).toBe('+05:30');
        expect(offsetZone(-3)).toBe('-03:00');
        expect(offsetZone(5.75)).toBe('+05:45');
    });
});
