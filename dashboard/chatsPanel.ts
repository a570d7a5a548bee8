import { formatDuration } from '../lib/format/duration';
import type { DashboardStrings } from '../lib/dashboard/strings';
import type { ChatItem, ChatLegItem } from '../lib/reports/chatRows';
import { CHATS_CSV_NAME, CHATS_PATH } from '../lib/http/routes';
import type { ApiClient, Query } from './api';
import { chatStartFormat, headerRow, roomLink } from './cells';
import { el } from './dom';
import { downloadCsvPages } from './download';

/** Rows per page of the chats list: what a manager scans at once. */
export const CHATS_PAGE_SIZE = 25;

interface ChatsPage {
    chats: ChatItem[];
    count: number;
    offset: number;
    total: number;
}

/** What the list shows the chats of: an agent's, a chart bucket's (of one agent or all), in the scope of the figures on screen. */
export interface ChatsRequest {
    /** Absent for every agent's chats (a bucket of the all-agents chart). */
    agentId?: string;
    title: string;
    /** The reports' query: the range (a bucket's, for a bar) and the filters on screen. */
    scope: Query;
}

/**
 * The chats behind an agent's figures, under the agents table: the endpoint's rows for the scope on
 * screen, longest first, a page at a time, each with its legs drawn as a bar (one segment per leg,
 * as long as its share of the chat) and said in words, and the link to the room. Text only.
 */
export class ChatsPanel {
    public readonly element = el('section', { attrs: { id: 'chats-section', 'aria-live': 'polite' } });
    private reads = 0;

    constructor(
        private readonly api: ApiClient,
        private readonly strings: DashboardStrings,
        private readonly departmentName: (id: string) => string | undefined,
        private readonly timeZone: () => string,
        private readonly onFailure: (error: unknown) => void,
    ) {
        this.element.hidden = true;
    }

    /** Lists the agent's chats from the first page; the heading takes the focus, so a keyboard user lands on the list. */
    public async show(request: ChatsRequest, offset = 0): Promise<void> {
        const read = ++this.reads;
        try {
            const page = await this.api.json<ChatsPage>(CHATS_PATH, {
                ...this.query(request),
                count: String(CHATS_PAGE_SIZE),
                offset: String(offset),
            });
            if (read === this.reads) {
                this.render(request, page);
            }
        } catch (error) {
            if (read === this.reads) {
                this.onFailure(error);
            }
        }
    }

    /** The list's query, without its page. */
    private query(request: ChatsRequest): Query {
        return { ...request.scope, agentId: request.agentId };
    }

    /** The figures changed scope: the list on screen belongs to the old one. */
    public hide(): void {
        ++this.reads;
        this.element.hidden = true;
        this.element.replaceChildren();
    }

    private render(request: ChatsRequest, page: ChatsPage): void {
        const s = this.strings.chats;
        const heading = el('h2', { text: request.title, attrs: { tabindex: '-1', id: 'chats-title' } });
        const close = el('button', { text: s.close, attrs: { type: 'button', id: 'chats-close' } });
        close.addEventListener('click', () => this.hide());
        const download = el('button', { text: s.downloadCsv, attrs: { type: 'button', id: 'chats-csv' } });
        download.disabled = page.total === 0;
        download.addEventListener('click', () => void this.download(request, page.total, download));
        const columns = s.columns;
        const head = headerRow(
            [columns.created, columns.serviceTime, columns.firstResponse, columns.rating, columns.department, columns.room, columns.legs],
            [1, 2, 3],
        );
        const started = chatStartFormat(this.timeZone());
        const rows = page.chats.map((chat) => this.row(chat, started));
        const table = el('table', { class: 'chats', attrs: { id: 'chats' } }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
        this.element.replaceChildren(
            heading,
            el('p', { class: 'actions' }, [download, close]),
            el('div', { class: 'scroll' }, [table]),
            this.pager(request, page),
        );
        this.element.hidden = false;
        this.element.dataset.total = String(page.total);
        heading.focus();
    }

    /** Every chat of the list as the endpoint's CSV, one row per chat with its legs' columns. */
    private async download(request: ChatsRequest, total: number, button: HTMLButtonElement): Promise<void> {
        button.disabled = true;
        try {
            await downloadCsvPages(this.api, CHATS_PATH, this.query(request), total, CHATS_CSV_NAME);
        } catch (error) {
            this.onFailure(error);
        } finally {
            button.disabled = false;
        }
    }

    private row(chat: ChatItem, started: Intl.DateTimeFormat): HTMLTableRowElement {
        const s = this.strings;
        const created = started.format(new Date(chat.createdAt));
        const link = roomLink(chat.link, s);
        const seconds = (value: number | null) =>
            el('td', {
                class: 'number',
                text: value === null ? s.noValue : formatDuration(value),
                attrs: value === null ? {} : { 'data-seconds': String(value) },
            });
        return el('tr', { attrs: { 'data-room-id': chat.roomId } }, [
            el('td', { text: created, attrs: { 'data-created-at': chat.createdAt } }),
            seconds(chat.serviceTimeInSeconds),
            seconds(chat.firstResponseInSeconds),
            el('td', {
                class: 'number',
                text: chat.satisfaction === null ? s.noValue : String(chat.satisfaction),
                attrs: chat.satisfaction === null ? {} : { 'data-value': String(chat.satisfaction) },
            }),
            el('td', { text: chat.departmentId === null ? s.noValue : (this.departmentName(chat.departmentId) ?? chat.departmentId) }),
            el('td', {}, [link]),
            // Last: the one cell whose text grows with the chat's handovers.
            el('td', { class: 'legs' }, [legsBar(chat.legs), el('span', { class: 'legs-text', text: this.legsText(chat.legs) })]),
        ]);
    }

    private legsText(legs: readonly ChatLegItem[]): string {
        const s = this.strings;
        if (legs.length === 0) {
            return s.chats.noLegs;
        }
        return legs
            .map((leg) =>
                s.chats.leg(leg.username, leg.seconds === null ? s.noValue : formatDuration(leg.seconds), s.chats.legEnds[leg.endedBy]),
            )
            .join(' → ');
    }

    private pager(request: ChatsRequest, page: ChatsPage): HTMLElement {
        const s = this.strings.chats;
        const previous = el('button', { text: s.previous, attrs: { type: 'button', id: 'chats-previous' } });
        const next = el('button', { text: s.next, attrs: { type: 'button', id: 'chats-next' } });
        previous.disabled = page.offset === 0;
        next.disabled = page.offset + page.count >= page.total;
        previous.addEventListener('click', () => void this.show(request, Math.max(0, page.offset - CHATS_PAGE_SIZE)));
        next.addEventListener('click', () => void this.show(request, page.offset + CHATS_PAGE_SIZE));
        const first = page.total === 0 ? 0 : page.offset + 1;
        return el('p', { class: 'pager' }, [
            previous,
            el('span', { text: s.page(first, page.offset + page.count, page.total), attrs: { id: 'chats-page' } }),
            next,
        ]);
    }
}

/**
 * A chat's legs as a bar: one segment per leg, as wide as its share of the chat's span from the first
 * known start to the last end (a leg of unknown start gets a sliver). Decoration: the text beside it says the same.
 */
function legsBar(legs: readonly ChatLegItem[]): HTMLElement {
    const bar = el('span', { class: 'legs-bar', attrs: { 'aria-hidden': 'true' } });
    const starts = legs
        .map((leg) => (leg.startedAt === null ? undefined : Date.parse(leg.startedAt)))
        .filter((ms): ms is number => ms !== undefined);
    const from = Math.min(...starts);
    const to = Math.max(...legs.map((leg) => Date.parse(leg.endedAt)));
    const span = to - from;
    legs.forEach((leg, index) => {
        const segment = el('span', { class: `leg leg-${index % 4}` });
        const ms = leg.startedAt === null ? 0 : Date.parse(leg.endedAt) - Date.parse(leg.startedAt);
        // The style object, not a style attribute: the page's Content-Security-Policy forbids inline styles.
        segment.style.width = `${span > 0 && Number.isFinite(span) ? Math.max(2, (100 * ms) / span) : 100 / legs.length}%`;
        bar.append(segment);
    });
    return bar;
}
