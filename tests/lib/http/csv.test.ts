import { toCsv } from '../../../lib/http/csv';

const rows = (csv: string) => csv.split('\r\n');

describe('CSV export', () => {
    it('writes a header line, CRLF line ends and RFC 4180 quoting', () => {
        expect(rows(toCsv([{ a: 'x,y', b: 'say "hi"' }], ['a', 'b']))).toEqual(['a,b', '"x,y","say ""hi"""', '']);
    });

    it('neutralises fields a spreadsheet would run as a formula (OWASP CSV injection)', () => {
        const items = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'].map((username) => ({ username }));
        expect(rows(toCsv(items, ['username'])).slice(1, -1)).toEqual([
            `"'=HYPERLINK(""http://x"",""y"")"`,
            `'+1+2`,
            `'-2+3`,
            `'@SUM(A1)`,
            `'\tx`,
            `"'\rx"`,
        ]);
    });

    it('leaves numbers and ordinary text as they are', () => {
        expect(rows(toCsv([{ username: 'ana.souza', n: -3, m: 553 }], ['username', 'n', 'm']))[1]).toBe('ana.souza,-3,553');
        // Only a formula's first character counts: a name holding one further in stays as it is.
        expect(rows(toCsv([{ username: 'ana-souza' }, { username: 'bo=b' }, { username: 'c@d' }], ['username'])).slice(1, -1)).toEqual([
            'ana-souza',
            'bo=b',
            'c@d',
        ]);
    });
});
