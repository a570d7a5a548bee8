import { stringify } from 'csv-stringify/sync';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula. OWASP's "CSV Injection"
 * advice: prefix such a field with a single quote, so it is shown as text. Usernames can start with
 * `-` in Rocket.Chat, and LDAP or SAML imports can bring the others.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function neutraliseFormula(value: unknown): unknown {
    return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Rows as RFC 4180 CSV: a header line, CRLF line ends, and fields holding a comma, a quote, CR or
 * LF quoted with quotes doubled; text fields that a spreadsheet would run as formulas are neutralised.
 */
export function toCsv<Item>(items: Item[], columns: ReadonlyArray<keyof Item & string>): string {
    const rows = items.map((item) => columns.map((column) => neutraliseFormula(item[column])));
    return stringify([[...columns], ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
