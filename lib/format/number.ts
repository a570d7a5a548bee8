/** A percentage as people of a language write it (`66.7 %`, `66,7 %`), one decimal at most. */
export function formatPercent(value: number, language?: string): string {
    return new Intl.NumberFormat(language || undefined, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** A score of 1 to 5 as people of a language write it (`4.25`, `4,25`), two decimals at most. */
export function formatScore(value: number, language?: string): string {
    return new Intl.NumberFormat(language || undefined, { maximumFractionDigits: 2 }).format(value);
}
