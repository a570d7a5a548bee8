import { isBeyondRetention, retentionCutoff } from '../../../lib/chats/retention';

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
});
