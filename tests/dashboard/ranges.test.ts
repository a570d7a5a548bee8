import { customDays, suggestedInterval } from '../../dashboard/ranges';
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
