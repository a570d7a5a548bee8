import { formatPercent, formatScore } from '../../../lib/format/number';

describe('shares and scores as people read them', () => {
    it('writes a share in percent, in the language’s own way, one decimal at most', () => {
        expect(formatPercent(66.7, 'en')).toBe('66.7%');
        expect(formatPercent(66.7, 'pt-BR')).toBe('66,7%');
        expect(formatPercent(66.7, 'es').replace(/\s/g, ' ')).toBe('66,7 %');
        expect(formatPercent(100, 'en')).toBe('100%');
        expect(formatPercent(0, 'en')).toBe('0%');
    });

    it('writes a score with two decimals at most, in the language’s own way', () => {
        expect(formatScore(4.25, 'en')).toBe('4.25');
        expect(formatScore(4.25, 'es')).toBe('4,25');
        expect(formatScore(5, 'pt-BR')).toBe('5');
    });
});
