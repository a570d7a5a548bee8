import { formatDuration, formatDurationChange } from '../../../lib/format/duration';

describe('durations as people read them', () => {
    it('shows seconds, minutes and hours with padded parts', () => {
        expect(formatDuration(0)).toBe('0s');
        expect(formatDuration(9)).toBe('9s');
        expect(formatDuration(553)).toBe('9m 13s');
        expect(formatDuration(245)).toBe('4m 05s');
        expect(formatDuration(3723)).toBe('1h 02m 03s');
        expect(formatDuration(86_399)).toBe('23h 59m 59s');
    });

    it('counts days past 24 hours and leaves seconds out there', () => {
        expect(formatDuration(86_400)).toBe('1d 00h 00m');
        expect(formatDuration(2 * 86_400 + 3 * 3600 + 4 * 60 + 59)).toBe('2d 03h 04m');
    });

    it('rounds to whole seconds and never shows a negative duration', () => {
        expect(formatDuration(59.6)).toBe('1m 00s');
        expect(formatDuration(-5)).toBe('0s');
    });
});

describe('a change of a duration', () => {
    it('signs a gain with a plus and a loss with a minus sign, and a nil change with neither', () => {
        expect(formatDurationChange(300)).toBe('+5m 00s');
        expect(formatDurationChange(-130)).toBe('−2m 10s');
        expect(formatDurationChange(0)).toBe('0s');
        expect(formatDurationChange(-86_400)).toBe('−1d 00h 00m');
    });
});
