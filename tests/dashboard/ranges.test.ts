import { bucketRange, customDays, suggestedInterval } from '../../dashboard/ranges';
import { dayInZone, presetRange } from '../../lib/time/presets';

const NOW = new Date('2026-11-24T10:00:00.000Z');

describe('the dashboard’s range controls', () => {
    it('keeps what is on screen when switching to a custom range', () => {
        const range = presetRange('last7', NOW, 'America/Sao_Paulo');
        expect(range && customDays(range, 'America/Sao_Paulo')).toEqual({ from: '2026-11-18', to: '2026-11-24' });
        expect(dayInZone(new Date('2026-11-24T02:00:00.000Z'), 'America/Sao_Paulo')).toBe('2026-11-23');
    });

    it('charts up to two months by day, up to a year by week, and longer ranges by month', () => {
        const days = (from: string, to: string) => presetRange('custom', NOW, 'UTC', { from, to }) as { start: Date; end: Date };
        expect(suggestedInterval(days('2026-01-01', '2026-03-03'), 'UTC')).toBe('day');
        expect(suggestedInterval(days('2026-01-01', '2026-03-04'), 'UTC')).toBe('week');
        expect(suggestedInterval(days('2025-01-01', '2025-12-31'), 'UTC')).toBe('week');
        expect(suggestedInterval(days('2024-01-01', '2025-12-31'), 'UTC')).toBe('month');
    });
});

describe('a chart bucket’s part of the range', () => {
    // Weeks of Monday 2 November to Sunday 8 November 2026 in São Paulo (UTC-3), as the series labels them.
    const weeks = [{ start: '2026-10-26T00:00:00.000-03:00' }, { start: '2026-11-02T00:00:00.000-03:00' }];
    const range = { start: new Date('2026-10-28T03:00:00.000Z'), end: new Date('2026-11-05T02:59:59.999Z') };

    it('starts a first week that began before the range at the range’s start', () => {
        expect(bucketRange(weeks, 0, range, 'America/Sao_Paulo')).toEqual({
            start: range.start,
            end: new Date('2026-11-02T02:59:59.999Z'),
            days: '2026-10-28 – 2026-11-01',
        });
    });

    it('ends the last bucket at the range’s end, and names a one-day bucket by its day alone', () => {
        expect(bucketRange(weeks, 1, range, 'America/Sao_Paulo')).toMatchObject({
            start: new Date('2026-11-02T03:00:00.000Z'),
            end: range.end,
            days: '2026-11-02 – 2026-11-04',
        });
        const day = [{ start: '2026-11-04T00:00:00.000-03:00' }];
        const oneDay = { start: new Date('2026-11-04T03:00:00.000Z'), end: new Date('2026-11-05T02:59:59.999Z') };
        expect(bucketRange(day, 0, oneDay, 'America/Sao_Paulo').days).toBe('2026-11-04');
    });
});
