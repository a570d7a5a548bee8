import type { DashboardStrings } from '../lib/dashboard/strings';
import { el } from './dom';

/** When a chat started, as the lists show it: the page's language, in the timezone of the figures. */
export function chatStartFormat(timeZone: string): Intl.DateTimeFormat {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** The room in Rocket.Chat, opened in a new tab without handing it this page; a dash when its address is unknown. */
export function roomLink(link: string | null, strings: DashboardStrings): HTMLAnchorElement | string {
    return link
        ? el('a', { text: strings.chats.openRoom, attrs: { href: link, target: '_blank', rel: 'noopener noreferrer' } })
        : strings.noValue;
}

/** A table's header row: each column named, the numbers' headers right-aligned over their numbers. */
export function headerRow(texts: readonly string[], numberColumns: readonly number[]): HTMLTableRowElement {
    return el(
        'tr',
        {},
        texts.map((text, index) => el('th', { text, class: numberColumns.includes(index) ? 'number' : '', attrs: { scope: 'col' } })),
    );
}
