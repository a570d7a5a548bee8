import { isCreatedWithin } from '../../../lib/time/range';

describe('the range rule', () => {
    const range = { start: Date.parse('2024-01-01T00:00:00.000Z'), end: Date.parse('2024-01-31T23:59:59.999Z') };

    it('includes both ends to the millisecond', () => {
        expect(isCreatedWithin(range.start, range)).toBe(true);
        expect(isCreatedWithin(range.end, range)).toBe(true);
    });

    it('excludes one millisecond outside either end', () => {
        expect(isCreatedWithin(range.start - 1, range)).toBe(false);
        expect(isCreatedWithin(range.end + 1, range)).toBe(false);
    });
});
