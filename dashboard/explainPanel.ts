import { formatDuration, formatDurationChange } from '../lib/format/duration';
import type { DashboardStrings } from '../lib/dashboard/strings';
import type { ExplainAnswer, ExplainedChatItem } from '../lib/http/answerExplain';
import type { ExplainedFigure } from '../lib/reports/explain';
import { EXPLAIN_PATH } from '../lib/http/routes';
import type { ApiClient, Query } from './api';
import { chatStartFormat, headerRow, roomLink } from './cells';
import { el } from './dom';

/**
 * "Why this figure": an agent's figure as Rocket.Chat's own report counts it, beside each agent's
 * own part and business hours only, in plain words, with the chats that move the most time between
 * them. Shown above the agent's chats; text only.
 */
export class ExplainPanel {
    public readonly element = el('section', { attrs: { id: 'explain-section' } });
    private reads = 0;

    constructor(
        private readonly api: ApiClient,
        private readonly strings: DashboardStrings,
        private readonly timeZone: () => string,
        private readonly onFailure: (error: unknown) => void,
    ) {
        this.element.hidden = true;
    }

    /** Explains the agent's figures for the range and departments of `scope` (its attribution and hours are not asked: all three are shown). */
    public async show(agentId: string, username: string, scope: Query): Promise<void> {
        const read = ++this.reads;
        this.element.hidden = true;
        try {
            const answer = await this.api.json<ExplainAnswer>(EXPLAIN_PATH, {
                start: scope.start,
                end: scope.end,
                departmentId: scope.departmentId,
                agentId,
            });
            if (read === this.reads) {
                this.render(username, answer);
            }
        } catch (error) {
            if (read === this.reads) {
                this.onFailure(error);
            }
        }
    }

    public hide(): void {
        ++this.reads;
        this.element.hidden = true;
        this.element.replaceChildren();
    }

    private render(username: string, answer: ExplainAnswer): void {
        const s = this.strings.explain;
        const parts: HTMLElement[] = [el('h2', { text: s.title(username) }), el('p', { text: s.intro }), this.figures(answer)];
        const legsDifference = answer.legs.serviceTimeDuration - answer.core.serviceTimeDuration;
        parts.push(
            el('p', {
                attrs: { id: 'explain-transfers' },
                text:
                    answer.transfers.chats === 0
                        ? s.noTransfers
                        : s.transfers(answer.transfers.chats, formatDurationChange(legsDifference)),
            }),
        );
        if (answer.transfers.top.length > 0) {
            parts.push(this.chats('explain-transfer-chats', s.topTransfers, s.chatColumns.legs, answer.transfers.top));
        }
        parts.push(el('p', { attrs: { id: 'explain-hours' }, text: this.hoursText(answer) }));
        if (answer.outsideHours && answer.outsideHours.top.length > 0) {
            parts.push(this.chats('explain-outside-chats', s.topOutside, s.chatColumns.business, answer.outsideHours.top));
        }
        this.element.replaceChildren(...parts);
        this.element.hidden = false;
    }

    private figures(answer: ExplainAnswer): HTMLTableElement {
        const s = this.strings.explain;
        const columns = [s.columns.counting, s.columns.chats, s.columns.total, s.columns.average];
        const row = (key: 'core' | 'legs' | 'business', figure: ExplainedFigure | null) =>
            el('tr', { attrs: { 'data-counting': key } }, [
                el('th', { text: s.countings[key], attrs: { scope: 'row' } }),
                el('td', { class: 'number', text: figure ? String(figure.chats) : this.strings.noValue }),
                el('td', { class: 'number', text: figure ? formatDuration(figure.serviceTimeDuration) : this.strings.noValue }),
                el('td', {
                    class: 'number',
                    text:
                        figure && figure.averageServiceTimeInSeconds !== null
                            ? formatDuration(figure.averageServiceTimeInSeconds)
                            : this.strings.noValue,
                }),
            ]);
        return el('table', { class: 'explain', attrs: { id: 'explain-figures' } }, [
            el('thead', {}, [headerRow(columns, [1, 2, 3])]),
            el('tbody', {}, [row('core', answer.core), row('legs', answer.legs), row('business', answer.business)]),
        ]);
    }

    private hoursText(answer: ExplainAnswer): string {
        const s = this.strings.explain;
        const unavailable = answer.businessUnavailable;
        if (unavailable) {
            return unavailable.why === 'invalid-setting' ? s.invalidSetting : s.noTimes(unavailable.roomId);
        }
        const outside = answer.outsideHours;
        if (!outside || outside.chats === 0 || !answer.business) {
            return s.noOutside;
        }
        return s.outside(
            outside.chats,
            outside.wholly,
            formatDurationChange(answer.business.serviceTimeDuration - answer.core.serviceTimeDuration),
        );
    }

    private chats(id: string, caption: string, otherColumn: string, chats: ExplainedChatItem[]): HTMLTableElement {
        const s = this.strings.explain;
        const started = chatStartFormat(this.timeZone());
        const head = headerRow([s.chatColumns.started, s.chatColumns.core, otherColumn, s.chatColumns.room], [1, 2]);
        const rows = chats.map((chat) =>
            el('tr', { attrs: { 'data-room-id': chat.roomId } }, [
                el('td', { text: started.format(new Date(chat.createdAt)) }),
                el('td', { class: 'number', text: formatDuration(chat.coreSeconds) }),
                el('td', { class: 'number', text: formatDuration(chat.otherSeconds) }),
                el('td', {}, [roomLink(chat.link, this.strings)]),
            ]),
        );
        return el('table', { class: 'chats', attrs: { id } }, [
            el('caption', { text: caption }),
            el('thead', {}, [head]),
            el('tbody', {}, rows),
        ]);
    }
}
