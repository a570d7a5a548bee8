import type { ApiClient, Query } from './api';
import { PAGE_SIZE } from './api';
import { el } from './dom';

/**
 * A paged list as CSV, every page of it, for a query: the file an integration would get, saved by the
 * browser as `fileName`. Each page repeats the header line (the same for every page of one query):
 * only the first page's is kept.
 */
export async function downloadCsvPages(api: ApiClient, path: string, query: Query, total: number, fileName: string): Promise<void> {
    const pages: string[] = [];
    for (let offset = 0; offset < Math.max(1, total); offset += PAGE_SIZE) {
        const csv = await api.text(path, { ...query, format: 'csv', count: String(PAGE_SIZE), offset: String(offset) }, 'text/csv');
        pages.push(offset === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
    }
    const link = el('a', {
        attrs: { href: URL.createObjectURL(new Blob([pages.join('')], { type: 'text/csv' })), download: fileName },
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
