import { stringify } from 'csv-stringify/sync';

/**
 * Rows as RFC 4180 CSV: a header line, CRLF line ends, and fields holding a comma, a quote, CR or
 * LF quoted with quotes doubled.
 */
export function toCsv<Item>(items: Item[], columns: ReadonlyArray<keyof Item & string>): string {
    const rows = items.map((item) => columns.map((column) => item[column]));
    return stringify([[...columns], ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
