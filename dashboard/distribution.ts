import { formatDuration } from '../lib/format/duration';
import type { DashboardStrings } from '../lib/dashboard/strings';
import type { AgentRow } from './agentRows';
import { el } from './dom';

/**
 * Each agent's spread: a bar from the median to p90 on one scale for all agents, so a manager sees
 * at a glance whose chats run long and whose vary most. Positions are set through the CSS object
 * model, which the page's Content-Security-Policy allows (inline `style` attributes it does not).
 */
export function distribution(rows: readonly AgentRow[], strings: DashboardStrings): HTMLElement {
    const scale = Math.max(1, ...rows.map((row) => row.p90));
    const items = rows.map((row) => {
        const bar = el('span', { class: 'bar' });
        bar.style.left = `${(100 * row.median) / scale}%`;
        bar.style.width = `${Math.max(0.5, (100 * (row.p90 - row.median)) / scale)}%`;
        return el('li', { attrs: { 'data-agent-id': row._id } }, [
            el('span', { class: 'name', text: row.username }),
            el('span', { class: 'track' }, [bar]),
            el('span', { class: 'values', text: `${formatDuration(row.median)} – ${formatDuration(row.p90)}` }),
        ]);
    });
    return el('section', { class: 'distribution', attrs: { id: 'distribution' } }, [
        el('h2', { text: strings.distributionTitle }),
        el('p', { class: 'hint', text: strings.distributionHint }),
        el('ul', {}, items),
    ]);
}
