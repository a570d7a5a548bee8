import { presetRange } from '../../../lib/time/presets';

// 2026-03-29 is Berlin's change to summer time (a 23-hour day); 2026-11-24 10:00 UTC is a Tuesday.
const NOW = new Date('2026-11-24T10:00:00.000Z');

describe('the named ranges, in whole local days of the chosen timezone', () => {
    it('starts "today" at local midnight and ends it at the last millisecond of the local day', () => {
        expect(presetRange('today', NOW, 'America/Sao_Paulo')).toEqual({
            start: new Date('2026-11-24T03:00:00.000Z'),
            end: new Date('2026-11-25T02:59:59.999Z'),
        });
        // At 10:00 UTC it is already 15:30 in Kolkata, whose offset is not a whole hour.
        expect(presetRange('today', NOW, 'Asia/Kolkata')).toEqual({
            start: new Date('2026-11-23T18:30:00.000Z'),
            end: new Date('2026-11-24T18:29:59.999Z'),
        });
    });

    it('counts today in the last 7, 30 and 90 days, and starts this month on its first day', () => {
        expect(presetRange('last7', NOW, 'UTC')?.start).toEqual(new Date('2026-11-18T00:00:00.000Z'));
        expect(presetRange('last30', NOW, 'UTC')?.start).toEqual(new Date('2026-10-26T00:00:00.000Z'));
        expect(presetRange('last90', NOW, 'UTC')?.start).toEqual(new Date('2026-08-27T00:00:00.000Z'));
        expect(presetRange('thisMonth', NOW, '-03:00')).toEqual({
            start: new Date('2026-11-01T03:00:00.000Z'),
            end: new Date('2026-11-25T02:59:59.999Z'),
        });
    });

    it('runs a custom range from the first instant of its first day to the last of its last, across a DST change', () => {
        expect(presetRange('custom', NOW, 'Europe/Berlin', { from: '2026-03-29', to: '2026-03-29' })).toEqual({
            start: new Date('2026-03-28T23:00:00.000Z'),
            end: new Date('2026-03-29T21:59:59.999Z'),
        });
    });

    it('refuses a custom range that is missing, not a day, or backwards', () => {
        expect(presetRange('custom', NOW, 'UTC')).toBeUndefined();
        expect(presetRange('custom', NOW, 'UTC', { from: '', to: '2026-01-01' })).toBeUndefined();
        expect(presetRange('custom', NOW, 'UTC', { from: '2026-02-30', to: '2026-03-01' })).toBeUndefined();
        expect(presetRange('custom', NOW, 'UTC', { from: '2026-03-02', to: '2026-03-01' })).toBeUndefined();
    });
});
