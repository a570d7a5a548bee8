import { agentsReportPath } from '../lib/http/routes';
import { SERVICE_TIME_STATS } from '../lib/reports/statsShape';
import type { ApiClient, Query } from './api';
import { PAGE_SIZE } from './api';
import { el } from './dom';

/**
 * The stats report as CSV, every page of it, for a scope: the file an integration would get, saved
 * by the browser as `service-time-stats.csv`.
 */
export async function downloadStatsCsv(api: ApiClient, scope: Query, agentCount: number): Promise<void> {
    const pages: string[] = [];
    for (let offset = 0; offset < Math.max(1, agentCount); offset += PAGE_SIZE) {
        const csv = await api.text(
            agentsReportPath(SERVICE_TIME_STATS.name),
            { ...scope, format: 'csv', count: String(PAGE_SIZE), offset: String(offset) },
            'text/csv',
        );
        // Each page repeats the header line: keep the first page's only.
        pages.push(offset === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
    }
    const link = el('a', {
        attrs: {
            href: URL.createObjectURL(new Blob([pages.join('')], { type: 'text/csv' })),
            download: `${SERVICE_TIME_STATS.name}.csv`,
        },
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
