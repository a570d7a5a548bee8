import { isBeyondRetention, isRetentionMonths, MAX_RETENTION_MONTHS, retentionCutoff } from '../../../lib/chats/retention';

describe('the retention setting', () => {
    const now = new Date('2026-11-24T06:00:00Z');

    it('keeps the current month and that many whole months before it', () => {
        expect(new Date(retentionCutoff(12, now) as number).toISOString()).toBe('2025-11-01T00:00:00.000Z');
        expect(new Date(retentionCutoff(1, now) as number).toISOString()).toBe('2026-10-01T00:00:00.000Z');
        expect(new Date(retentionCutoff(11, new Date('2026-01-31T23:59:59Z')) as number).toISOString()).toBe('2025-02-01T00:00:00.000Z');
    });

    it('keeps everything for 0, the default, and for anything that is not a whole number of months', () => {
        for (const months of [0, -3, 1.5, '12', null, undefined, Number.NaN]) {
            expect(retentionCutoff(months, now)).toBeUndefined();
        }
    });

    it('tells which creation times are beyond it', () => {
        const cutoff = Date.parse('2025-11-01T00:00:00.000Z');
        expect(isBeyondRetention(cutoff - 1, cutoff)).toBe(true);
        expect(isBeyondRetention(cutoff, cutoff)).toBe(false);
        expect(isBeyondRetention(0, undefined)).toBe(false);
    });

    it('takes whole months from 0 to a century, and keeps everything for a value it does not take (stored by an older version)', () => {
        expect([0, 1, 12, MAX_RETENTION_MONTHS].every(isRetentionMonths)).toBe(true);
        expect([-1, 2.5, MAX_RETENTION_MONTHS + 1, 1e9, Number.NaN, '12', null].some(isRetentionMonths)).toBe(false);
        expect(retentionCutoff(1e9, new Date('2026-11-15T00:00:00Z'))).toBeUndefined();
        expect(new Date(retentionCutoff(MAX_RETENTION_MONTHS, new Date('2026-11-15T00:00:00Z')) as number).toISOString()).toBe(
            '1926-11-01T00:00:00.000Z',
        );
    });
});
