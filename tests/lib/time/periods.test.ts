import { childStarts, periodEnd, periodStart, periodTag, utcMonthStart } from '../../../lib/time/periods';

/** An instant of the years 0000 to 0099, which `Date.UTC` would read as 1900 to 1999. */
const early = (iso: string) => Date.parse(iso);

describe('the store’s calendar in the first century', () => {
    it('starts a month where its tag says, in the years 0 to 99 as in any other', () => {
        expect(utcMonthStart(42, 0)).toBe(early('0042-01-01T00:00:00.000Z'));
        expect(utcMonthStart(99, 12)).toBe(early('0100-01-01T00:00:00.000Z'));
        expect(utcMonthStart(0, -1)).toBe(early('-000001-12-01T00:00:00.000Z'));
        expect(utcMonthStart(2026, 11)).toBe(Date.UTC(2026, 11, 1));
    });

    it('reads year and month tags of those years back to their own start and end', () => {
        expect(periodStart('year:0042')).toBe(early('0042-01-01T00:00:00.000Z'));
        expect(periodStart('month:0007-03')).toBe(early('0007-03-01T00:00:00.000Z'));
        expect(periodEnd('year', periodStart('year:0099'))).toBe(early('0099-12-31T23:59:59.999Z'));
        expect(periodEnd('month', periodStart('month:0050-02'))).toBe(early('0050-02-28T23:59:59.999Z'));
        const at = early('0050-06-15T10:07:00.000Z');
        for (const level of ['year', 'month', 'day', 'hour', 'slot'] as const) {
            expect(periodTag(level, periodStart(periodTag(level, at)))).toBe(periodTag(level, at));
        }
    });

    it('lists a year’s months in that year', () => {
        const months = [...childStarts('year', periodStart('year:0001'))].map((start) => periodTag('month', start));
        expect(months).toEqual(Array.from({ length: 12 }, (_, month) => `month:0001-${String(month + 1).padStart(2, '0')}`));
    });
});
