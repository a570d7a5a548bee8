/** Prints a Markdown table, right-aligned, under a title: how every bench shows its figures. */
export function printTable(title: string, header: string[], rows: string[][]): void {
    const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i])).join(' | ')} |`;
    console.log(`\n${title}\n`);
    console.log(line(header));
    console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
    rows.forEach((row) => console.log(line(row)));
}
