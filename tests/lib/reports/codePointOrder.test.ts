import { compareCodePoints } from '../../../lib/reports/codePointOrder';

const sortByCodePoint = (values: string[]) => [...values].sort(compareCodePoints);

describe('username order, as MongoDB compares strings', () => {
    it('puts upper case before lower case (code points, not locale)', () => {
        expect(sortByCodePoint(['adam', 'Zoe', 'bob'])).toEqual(['Zoe', 'adam', 'bob']);
    });

    it('compares digits as characters', () => {
        expect(sortByCodePoint(['agent9', 'agent10', 'agent1'])).toEqual(['agent1', 'agent10', 'agent9']);
    });

    it('puts a prefix before the longer string', () => {
        expect(sortByCodePoint(['ann', 'an', 'anna'])).toEqual(['an', 'ann', 'anna']);
    });

    it('orders characters beyond U+FFFF after U+E000..U+FFFF, unlike UTF-16 comparison', () => {
        const astral = '\u{1F600}'; // code point 0x1F600
        const privateUse = '\uE000'; // code point 0xE000
        // `<` compares UTF-16 code units and would put the astral character first.
        expect(sortByCodePoint([astral, privateUse])).toEqual([privateUse, astral]);
        expect(compareCodePoints(`a${astral}`, `a${privateUse}`)).toBe(1);
    });

    it('says equal strings are equal', () => {
        expect(compareCodePoints('é\u{1F600}', 'é\u{1F600}')).toBe(0);
    });
});
