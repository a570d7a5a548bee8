import { formatDuration } from '../lib/format/duration';
import { formatPercent, formatScore } from '../lib/format/number';
import type { DashboardStrings } from '../lib/dashboard/strings';
import type { AgentRow, Column, Sort } from './agentRows';
import { nameCollator, sortRows } from './agentRows';
import { el } from './dom';

/** How a column's values read: durations as people read them, shares in percent, scores of 1 to 5. */
type Kind = 'name' | 'count' | 'duration' | 'percent' | 'score';

const COLUMNS: Array<{ column: Column; key: keyof DashboardStrings['columns']; kind: Kind; ratings?: true }> = [
    { column: 'username', key: 'agent', kind: 'name' },
    { column: 'chats', key: 'chats', kind: 'count' },
    { column: 'average', key: 'average', kind: 'duration' },
    { column: 'median', key: 'median', kind: 'duration' },
    { column: 'p90', key: 'p90', kind: 'duration' },
    { column: 'total', key: 'total', kind: 'duration' },
    { column: 'firstResponse', key: 'firstResponse', kind: 'duration' },
    { column: 'rated', key: 'rated', kind: 'percent', ratings: true },
    { column: 'csat', key: 'csat', kind: 'percent', ratings: true },
    { column: 'satisfaction', key: 'satisfaction', kind: 'score', ratings: true },
];

function cellText(value: number, kind: Kind, language: string): string {
    switch (kind) {
        case 'duration':
            return formatDuration(value);
        case 'percent':
            return formatPercent(value, language);
        case 'score':
            return formatScore(value, language);
        default:
            return String(value);
    }
}

/**
 * The agents table: one row per agent, durations as people read them (the exact figure in each
 * cell's `data-seconds` or `data-value`), sortable by any column; a header click flips the order of
 * its column. The ratings' columns show only with `showRatings`, so the table stays readable. An
 * agent's name is a button that lists the chats behind their figures (`onChats`).
 */
export function agentsTable(
    rows: readonly AgentRow[],
    sort: Sort,
    strings: DashboardStrings,
    onSort: (sort: Sort) => void,
    onChats: (row: AgentRow) => void,
    showRatings = false,
): HTMLTableElement {
    const columns = COLUMNS.filter((column) => showRatings || !column.ratings);
    const language = document.documentElement.lang;
    const head = el(
        'tr',
        {},
        columns.map(({ column, key, kind }) => {
            const active = sort.column === column;
            const button = el('button', {
                text: strings.columns[key],
                attrs: {
                    type: 'button',
                    title: column === 'csat' ? strings.csatHint : strings.sortBy(strings.columns[key]),
                    'data-column': column,
                },
            });
            button.addEventListener('click', () => onSort({ column, descending: active ? !sort.descending : column !== 'username' }));
            return el(
                'th',
                {
                    class: kind === 'name' ? '' : 'number',
                    attrs: { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
                },
                [button],
            );
        }),
    );
    const body = sortRows(rows, sort, nameCollator(language)).map((row) =>
        el(
            'tr',
            { attrs: { 'data-agent-id': row._id } },
            columns.map(({ column, kind }) => {
                const value = row[column];
                if (column === 'username') {
                    const chats = el('button', {
                        text: String(value),
                        class: 'agent-chats',
                        attrs: { type: 'button', title: strings.chats.show(row.username), 'data-agent-id': row._id },
                    });
                    chats.addEventListener('click', () => onChats(row));
                    return el('th', { attrs: { scope: 'row' } }, [chats]);
                }
                const text = value === null ? strings.noValue : cellText(Number(value), kind, language);
                const data = kind === 'duration' ? 'data-seconds' : 'data-value';
                return el('td', { class: 'number', text, attrs: value === null ? {} : { [data]: String(value) } });
            }),
        ),
    );
    return el('table', { class: 'agents', attrs: { id: 'agents' } }, [el('thead', {}, [head]), el('tbody', {}, body)]);
}

/** The switch that adds the visitors' ratings to the table: it changes no query, as the stats carry them. */
export function ratingsSwitch(checked: boolean, label: string, onChange: (checked: boolean) => void): HTMLElement {
    const box = el('input', { attrs: { type: 'checkbox', id: 'show-ratings' } });
    box.checked = checked;
    box.addEventListener('change', () => onChange(box.checked));
    return el('p', { class: 'table-options' }, [el('label', {}, [box, ' ', label])]);
}
