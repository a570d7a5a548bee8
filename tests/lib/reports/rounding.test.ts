import { ceilDiv, ceilSeconds, ceilSecondsAverage, percentOrNull, ratioOrNull, scoreAverageOrNull } from '../../../lib/reports/rounding';

describe('rounding', () => {
    it('leaves an exact integer average as it is', () => {
        expect(ceilSecondsAverage(10_000, 2)).toBe(5);
        expect(ceilSecondsAverage(3_000, 1)).toBe(3);
    });

    it('rounds up an average just above an integer', () => {
        expect(ceilSecondsAverage(10_001, 2)).toBe(6);
        expect(ceilSecondsAverage(3_001, 1)).toBe(4);
        expect(ceilSecondsAverage(1, 1)).toBe(1);
    });

    it('stays exact for sums of years of service time', () => {
        const chats = 3;
        const exactSeconds = 2 ** 40;
        expect(ceilSecondsAverage(exactSeconds * 1000 * chats, chats)).toBe(exactSeconds);
        expect(ceilSecondsAverage(exactSeconds * 1000 * chats + 1, chats)).toBe(exactSeconds + 1);
        expect(ceilSecondsAverage(exactSeconds * 1000 * chats - 1, chats)).toBe(exactSeconds);
    });

    it('rounds negative quotients towards positive infinity, as Math.ceil does', () => {
        expect(ceilDiv(-1500, 1000)).toBe(-1);
        expect(ceilDiv(-2000, 1000)).toBe(-2);
        expect(ceilDiv(7, 7)).toBe(1);
    });

    it('rounds a sum of milliseconds up to whole seconds, as the total report does', () => {
        expect(ceilSeconds(0)).toBe(0);
        expect(ceilSeconds(1)).toBe(1);
        expect(ceilSeconds(6_633_000)).toBe(6_633);
        expect(ceilSeconds(6_633_001)).toBe(6_634);
    });
});

describe('shares and scores', () => {
    it('gives a share in percent to one decimal, half up, and none of nothing', () => {
        expect(percentOrNull(1, 3)).toBe(33.3);
        expect(percentOrNull(2, 3)).toBe(66.7);
        expect(percentOrNull(1, 8)).toBe(12.5);
        expect(percentOrNull(1, 16)).toBe(6.3);
        expect(percentOrNull(5, 5)).toBe(100);
        expect(percentOrNull(0, 0)).toBeNull();
    });

    it('gives an average score to two decimals, half up, and none of no scores', () => {
        expect(scoreAverageOrNull(14, 3)).toBe(4.67);
        expect(scoreAverageOrNull(9, 8)).toBe(1.13); // 1.125
        expect(scoreAverageOrNull(10, 2)).toBe(5);
        expect(scoreAverageOrNull(0, 0)).toBeNull();
    });
});

describe('ratios', () => {
    it('gives a ratio to two decimals, half up, and none over nothing', () => {
        expect(ratioOrNull(65, 40)).toBe(1.63); // 1.625
        expect(ratioOrNull(7_200_000, 3_600_000)).toBe(2);
        expect(ratioOrNull(1, 3)).toBe(0.33);
        expect(ratioOrNull(5, 0)).toBeNull();
    });
});
