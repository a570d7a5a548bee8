import { pickLanguage } from '../../../lib/i18n/language';

describe('the language a user reads', () => {
    it('takes the first tag the app speaks, by its base language', () => {
        expect(pickLanguage(['pt-BR'])).toBe('pt-BR');
        expect(pickLanguage(['pt_PT'])).toBe('pt-BR');
        expect(pickLanguage(['es-MX'])).toBe('es');
        expect(pickLanguage(['EN-gb'])).toBe('en');
        expect(pickLanguage(['de', 'fr-CA', 'es', 'pt'])).toBe('es');
    });

    it('is English when no tag is one it speaks, or none is given', () => {
        expect(pickLanguage(['de', 'ja'])).toBe('en');
        expect(pickLanguage([undefined, null, ''])).toBe('en');
        expect(pickLanguage([])).toBe('en');
    });
});
