import { codeBlockCell } from '../../../lib/format/codeBlock';

describe('codeBlockCell', () => {
    it('turns every backtick, however many in a row, into a character that ends no fence', () => {
        expect(codeBlockCell('a```b`c``')).toBe('a\uFF40\uFF40\uFF40b\uFF40c\uFF40\uFF40');
    });

    it('turns line breaks and other control characters into spaces, so a cell stays on its line', () => {
        expect(codeBlockCell('a\nb\r\nc\u2028d\u0000e\u0085f')).toBe('a b  c d e f');
    });

    it('leaves every other character as it is, Markdown and non-Latin text included', () => {
        const text = '[link](https://x.example) @all **b** _i_ ~s~ José 李 😀';
        expect(codeBlockCell(text)).toBe(text);
    });
});
