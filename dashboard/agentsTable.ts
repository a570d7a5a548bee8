import { formatDuration } from '../lib/format/duration';
import type { DashboardStrings } from '../lib/dashboard/strings';
import type { AgentRow, Column, Sort } from './agentRows';
import { nameCollator, sortRows } from './agentRows';
import { el } from './dom';

const COLUMNS: Array<{ column: Column; key: keyof DashboardStrings['columns']; duration: boolean }> = [
    { column: 'username', key: 'agent', duration: false },
    { column: 'chats', key: 'chats', duration: false },
    { column: 'average', key: 'average', duration: true },
    { column: 'median', key: 'median', duration: true },
    { column: 'p90', key: 'p90', duration: true },
    { column: 'total', key: 'total', duration: true },
    { column: 'firstResponse', key: 'firstResponse', duration: true },
];

/**
 * The agents table: one row per agent, durations as people read them (the exact seconds in each
 * cell's `data-seconds`), sortable by any column; a header click flips the order of its column.
 * An agent's name is a button that lists the chats behind their figures (`onChats`).
 */
export function agentsTable(
    rows: readonly AgentRow[],
    sort: Sort,
    strings: DashboardStrings,
    onSort: (sort: Sort) => void,
    onChats: (row: AgentRow) => void,
): HTMLTableElement {
    const head = el(
        'tr',
        {},
        COLUMNS.map(({ column, key, duration }) => {
            const active = sort.column === column;
            const button = el('button', {
                text: strings.columns[key],
                attrs: { type: 'button', title: strings.sortBy(strings.columns[key]), 'data-column': column },
            });
            button.addEventListener('click', () => onSort({ column, descending: active ? !sort.descending : column !== 'username' }));
            return el(
                'th',
                {
                    class: duration || column === 'chats' ? 'number' : '',
                    attrs: { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
                },
                [button],
            );
        }),
    );
    const body = sortRows(rows, sort, nameCollator(document.documentElement.lang)).map((row) =>
        el(
            'tr',
            { attrs: { 'data-agent-id': row._id } },
            COLUMNS.map(({ column, duration }) => {
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
                const text = value === null ? strings.noValue : duration ? formatDuration(Number(value)) : String(value);
                return el('td', { class: 'number', text, attrs: value === null ? {} : { 'data-seconds': String(value) } });
            }),
        ),
    );
    return el('table', { class: 'agents', attrs: { id: 'agents' } }, [el('thead', {}, [head]), el('tbody', {}, body)]);
}
