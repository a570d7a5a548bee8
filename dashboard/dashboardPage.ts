import { agentsReportPath, SERIES_PATH } from '../lib/http/routes';
import { ImportNotice } from './importNotice';
import type { DepartmentChoice } from '../lib/dashboard/context';
import type { DashboardStrings } from '../lib/dashboard/strings';
import { TOTAL_SERVICE_TIME } from '../lib/reports/shapes';
import type { SeriesBucketItem } from '../lib/http/answerSeries';
import type { ServiceTimeStatsItem } from '../lib/reports/statsShape';
import { SERVICE_TIME_STATS } from '../lib/reports/statsShape';
import type { TotalServiceTimeItem } from '../lib/reports/shapes';
import type { AgentRow, Sort } from './agentRows';
import { agentRows, nameCollator, sortRows } from './agentRows';
import { agentsTable, ratingsSwitch } from './agentsTable';
import { ChatsPanel } from './chatsPanel';
import { ExplainPanel } from './explainPanel';
import type { ControlState } from './controls';
import type { SharedView } from './sharedView';
import { viewFromFragment, viewToFragment } from './sharedView';
import { renderControls } from './controls';
import { downloadCsvPages } from './download';
import { showForbidden, showNotLoggedIn } from './states';
import type { ApiClient, Query } from './api';
import { ApiError } from './api';
import { distribution } from './distribution';
import { el, field, select } from './dom';
import type { Range } from '../lib/time/presets';
import { presetRange } from '../lib/time/presets';
import type { Interval } from './ranges';
import { bucketRange, suggestedInterval } from './ranges';
import { seriesChart } from './seriesChart';

export interface DashboardContext {
    username: string;
    language: string | null;
    canRead: boolean;
    timeZone?: string;
    departments?: DepartmentChoice[];
}

const STATS_PATH = agentsReportPath(SERVICE_TIME_STATS.name);
const TOTAL_PATH = agentsReportPath(TOTAL_SERVICE_TIME.name);
/** How long a select must rest before the figures are read for it. */
const SELECT_SETTLE_MS = 300;

/**
 * The dashboard once the caller may read the reports: the controls, the agents table, the drill-down
 * and its explanation, the chart and the spread, all read from the endpoints integrations call.
 */
export class Dashboard {
    private readonly state: ControlState;
    /** The view the page opens on without a link: what a link leaves out. */
    private readonly defaults: SharedView;
    private chartAgent = '';
    private sort: Sort = { column: 'chats', descending: true };
    private rows: AgentRow[] = [];
    private showRatings = false;
    private generation = 0;
    private chartRequests = 0;
    /** Finished loads, in `data-ready` on the page's root: what tests (and curious people) wait on. */
    private loads = 0;
    private loadTimer: number | undefined;
    /** The range of the figures on screen: the chart and the CSV use it, not a range computed again later. */
    private shown: Range | undefined;
    /** Redraws the chart at the window's new width; none while no chart is shown. */
    private redrawChart: (() => void) | undefined;

    private readonly status = el('p', { class: 'status', attrs: { id: 'status', role: 'status' } });
    private readonly importNotice: ImportNotice;
    private readonly agentsSection = el('section', { attrs: { id: 'agents-section' } });
    private readonly chartSection = el('section', { attrs: { id: 'chart-section' } });
    private readonly distributionSection = el('section', { attrs: { id: 'distribution-section' } });
    private readonly controls = el('form', { class: 'controls', attrs: { id: 'controls' } });
    private readonly chats: ChatsPanel;
    private readonly explain: ExplainPanel;

    constructor(
        private readonly root: HTMLElement,
        private readonly api: ApiClient,
        private readonly context: DashboardContext,
        private readonly strings: DashboardStrings,
    ) {
        const departments = new Map((context.departments ?? []).map((department) => [department._id, department.name]));
        this.defaults = {
            preset: 'last30',
            custom: { from: '', to: '' },
            timeZone: context.timeZone ?? 'UTC',
            departmentId: '',
            attribution: 'last',
            hours: 'all',
            interval: 'auto',
            chartAgent: '',
        };
        this.state = { ...this.defaults };
        this.openLink();
        this.chats = new ChatsPanel(
            api,
            strings,
            (id) => departments.get(id),
            () => this.state.timeZone,
            (error) => this.fail(error),
        );
        this.importNotice = new ImportNotice(api, strings, () => void this.load());
        this.explain = new ExplainPanel(
            api,
            strings,
            () => this.state.timeZone,
            (error) => this.fail(error),
        );
        window.addEventListener('resize', () => this.redrawChart?.());
    }

    /** Takes the view a link names (`sharedView.ts`); a department this workspace does not list is left out. */
    private openLink(): void {
        const { chartAgent, ...controls } = viewFromFragment(location.hash, this.defaults);
        Object.assign(this.state, controls);
        if (this.state.departmentId && !(this.context.departments ?? []).some((department) => department._id === this.state.departmentId)) {
            this.state.departmentId = '';
        }
        this.chartAgent = chartAgent;
    }

    /** Keeps the page's address naming what is on screen, so that copying it shares exactly this view. */
    private rememberView(): void {
        const fragment = viewToFragment({ ...this.state, chartAgent: this.chartAgent }, this.defaults);
        if (fragment !== location.hash) {
            history.replaceState(null, '', fragment || `${location.pathname}${location.search}`);
        }
    }

    public start(): void {
        this.root.replaceChildren(
            el('header', {}, [
                el('h1', { text: this.strings.title }),
                el('p', { class: 'who', text: this.strings.signedInAs(this.context.username) }),
            ]),
            this.controls,
            this.importNotice.element,
            this.status,
            this.agentsSection,
            this.explain.element,
            this.chats.element,
            this.chartSection,
            this.distributionSection,
        );
        this.renderControls();
        // A link opened on a page already open (or edited in the address bar) changes the view.
        window.addEventListener('hashchange', () => {
            this.openLink();
            this.renderControls();
            void this.load();
        });
        void this.load();
        void this.importNotice.watch();
    }

    private range(): Range | undefined {
        return presetRange(this.state.preset, new Date(), this.state.timeZone, this.state.custom);
    }

    private scopeQuery(range: Range): Query {
        return {
            start: range.start.toISOString(),
            end: range.end.toISOString(),
            departmentId: this.state.departmentId || undefined,
            // The core's figures are the reports' defaults: only a switched control is sent.
            attribution: this.state.attribution === 'last' ? undefined : this.state.attribution,
            hours: this.state.hours === 'all' ? undefined : this.state.hours,
        };
    }

    private renderControls(): void {
        renderControls(this.controls, this.state, this.context, this.strings, {
            currentRange: () => this.range(),
            scopeChanged: (soon) => (soon ? this.loadSoon() : void this.load()),
            // The figures on screen stay: they are still right for what they say, and the message says what was wrong.
            timeZoneRejected: (name) => {
                ++this.generation;
                this.showStatus(this.strings.unknownTimeZone(name), 'error');
            },
            intervalChanged: () => void this.loadChart(),
            download: (button) => void this.downloadCsv(button),
        });
    }

    /**
     * `load`, once the manager has stopped changing a select: the arrow keys change a closed select's value
     * (and fire `change`) at every step, and each step had read every figure. An answer to the scope left behind is dropped.
     */
    private loadSoon(): void {
        ++this.generation;
        window.clearTimeout(this.loadTimer);
        this.loadTimer = window.setTimeout(() => void this.load(), SELECT_SETTLE_MS);
    }

    /** Reads the agents' figures and the chart for what the controls say; an answer to an older request is dropped. */
    private async load(): Promise<void> {
        const generation = ++this.generation;
        const range = this.range();
        if (!range) {
            this.showStatus(this.strings.invalidRange, 'error'); // the figures on screen stay, as for a bad timezone
            return;
        }
        this.chats.hide();
        this.explain.hide();
        this.showStatus(this.strings.loading, 'loading');
        try {
            const query = this.scopeQuery(range);
            const [stats, totals] = await Promise.all([
                this.api.allAgents<ServiceTimeStatsItem>(STATS_PATH, query),
                this.api.allAgents<TotalServiceTimeItem>(TOTAL_PATH, query),
            ]);
            if (generation !== this.generation) {
                return;
            }
            this.rows = agentRows(stats, totals);
            if (!this.rows.some((row) => row._id === this.chartAgent)) {
                this.chartAgent = ''; // the charted agent has no chats in the new scope: chart everyone
            }
            if (this.rows.length === 0) {
                this.showStatus(this.strings.empty, 'empty');
                this.clearData();
                this.shown = range; // an empty range downloads as an empty CSV
                this.markReady();
            } else {
                this.hideStatus();
                this.shown = range;
                this.renderAgents();
                await this.loadChart(generation);
            }
        } catch (error) {
            if (generation === this.generation) {
                this.fail(error);
            }
        }
    }

    /** The chart alone (interval or agent changed), or as the last step of `load`; only the latest request draws. */
    private async loadChart(generation = this.generation): Promise<void> {
        const chartRequest = ++this.chartRequests;
        const range = this.shown;
        if (!range || this.rows.length === 0) {
            return;
        }
        const interval = this.state.interval === 'auto' ? suggestedInterval(range, this.state.timeZone) : this.state.interval;
        try {
            const series = await this.api.json<{ buckets: SeriesBucketItem[] }>(SERIES_PATH, {
                ...this.scopeQuery(range),
                interval,
                timezone: this.state.timeZone,
                agentId: this.chartAgent || undefined,
            });
            if (generation !== this.generation || chartRequest !== this.chartRequests) {
                return;
            }
            this.renderChart(series.buckets, interval);
            this.markReady();
        } catch (error) {
            if (generation === this.generation) {
                this.fail(error);
            }
        }
    }

    /** Download CSV is on while figures are on screen (an empty range's included: it downloads an empty CSV). */
    private setDownloadable(on: boolean): void {
        const button = this.controls.querySelector<HTMLButtonElement>('#download-csv');
        if (button) {
            button.disabled = !on;
        }
    }

    private markReady(): void {
        this.setDownloadable(this.shown !== undefined);
        this.rememberView();
        this.root.dataset.ready = String(++this.loads);
        if (this.loads === 1) {
            performance.mark('dashboard-ready');
        }
    }

    private renderAgents(): void {
        const s = this.strings;
        const table = agentsTable(
            this.rows,
            this.sort,
            s,
            (sort) => {
                this.sort = sort;
                this.renderAgents();
                // The table is drawn anew: give the focus back to the header just used (a keyboard user stays in place).
                this.agentsSection.querySelector<HTMLButtonElement>(`button[data-column="${sort.column}"]`)?.focus();
            },
            (row) => {
                if (this.shown) {
                    const scope = this.scopeQuery(this.shown);
                    void this.chats.show({ agentId: row._id, title: s.chats.title(row.username), scope });
                    void this.explain.show(row._id, row.username, scope);
                }
            },
            this.showRatings,
        );
        this.agentsSection.replaceChildren(
            el('h2', { text: s.agentsTitle }),
            ratingsSwitch(this.showRatings, s.showRatings, (checked) => {
                this.showRatings = checked;
                this.renderAgents();
                this.agentsSection.querySelector<HTMLInputElement>('#show-ratings')?.focus();
            }),
            el('div', { class: 'scroll' }, [table]),
        );
        // The spread lists the agents in the table's order: one order on the page.
        this.distributionSection.replaceChildren(
            distribution(sortRows(this.rows, this.sort, nameCollator(document.documentElement.lang)), s),
        );
    }

    private renderChart(buckets: SeriesBucketItem[], interval: Interval): void {
        const s = this.strings;
        const agents: Array<[string, string]> = [['', s.allAgents], ...this.rows.map((row): [string, string] => [row._id, row.username])];
        const agent = select('chart-agent', agents, this.chartAgent);
        agent.addEventListener('change', () => {
            this.chartAgent = agent.value;
            void this.loadChart();
        });
        const chart = seriesChart(buckets, { interval, timeZone: this.state.timeZone }, s, (index) => this.showBucketChats(buckets, index));
        this.chartSection.replaceChildren(el('h2', { text: s.chartTitle }), field(s.chartAgent, agent), chart.element);
        this.redrawChart = chart.draw;
        chart.draw();
    }

    /** The chats of one bucket of the chart: its range within the figures', of the agent charted (or all). */
    private showBucketChats(buckets: readonly SeriesBucketItem[], index: number): void {
        if (!this.shown) {
            return;
        }
        const bucket = bucketRange(buckets, index, this.shown, this.state.timeZone);
        const agent = this.rows.find((row) => row._id === this.chartAgent);
        const scope = { ...this.scopeQuery(this.shown), start: bucket.start.toISOString(), end: bucket.end.toISOString() };
        this.explain.hide();
        void this.chats.show({ agentId: agent?._id, title: this.strings.chats.bucketTitle(bucket.days, agent?.username), scope });
    }

    private clearData(): void {
        this.setDownloadable(false);
        this.rows = [];
        this.agentsSection.replaceChildren();
        this.chartSection.replaceChildren();
        this.distributionSection.replaceChildren();
        this.redrawChart = undefined;
        this.shown = undefined;
    }

    private showStatus(text: string, kind: 'loading' | 'empty' | 'error', retry = false): void {
        this.status.hidden = false;
        this.status.className = `status ${kind}`;
        this.status.replaceChildren(text);
        if (retry) {
            const button = el('button', { text: this.strings.retry, attrs: { type: 'button' } });
            button.addEventListener('click', () => void this.load());
            this.status.append(' ', button);
        }
    }

    private hideStatus(): void {
        this.status.hidden = true;
        this.status.replaceChildren();
    }

    private fail(error: unknown): void {
        if (error instanceof ApiError && error.status === 401) {
            showNotLoggedIn(this.root, this.strings);
        } else if (error instanceof ApiError && error.status === 403) {
            showForbidden(this.root, this.strings, this.context.username);
        } else {
            this.clearData();
            this.showStatus(this.strings.error(error instanceof Error ? error.message : String(error)), 'error', true);
        }
    }

    /** The stats report as CSV for what is on screen, every page of it. */
    private async downloadCsv(button: HTMLButtonElement): Promise<void> {
        const range = this.shown;
        if (!range) {
            return;
        }
        button.disabled = true;
        try {
            await downloadCsvPages(this.api, STATS_PATH, this.scopeQuery(range), this.rows.length, `${SERVICE_TIME_STATS.name}.csv`);
        } catch (error) {
            this.fail(error);
        } finally {
            button.disabled = false;
        }
    }
}
