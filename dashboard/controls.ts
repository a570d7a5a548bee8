import type { Attribution, HoursChoice } from '../lib/reports/choices';
import { ATTRIBUTIONS, HOURS_CHOICES } from '../lib/reports/choices';
import type { DepartmentChoice } from '../lib/dashboard/context';
import type { DashboardStrings } from '../lib/dashboard/strings';
import { isTimeZone } from '../lib/time/calendar';
import type { Preset, Range } from '../lib/time/presets';
import { PRESETS } from '../lib/time/presets';
import { el, field, select } from './dom';
import type { Interval } from './ranges';
import { customDays } from './ranges';
import type { ControlState } from './sharedView';

export type { ControlState };

/** What the page does when a control changes. */
export interface ControlEvents {
    /** The range of the figures on screen, before the change (a custom range starts from it). */
    currentRange(): Range | undefined;
    /** A select changed: read the figures once it rests (`soon`), or at once. */
    scopeChanged(soon: boolean): void;
    /** The timezone typed is not one the browser knows: the figures cannot be dated in it. */
    timeZoneRejected(name: string): void;
    intervalChanged(): void;
    download(button: HTMLButtonElement): void;
}

/** The workspace's part of the controls: its reporting timezone and departments. */
export interface ControlContext {
    timeZone?: string;
    departments?: DepartmentChoice[];
}

/** Fills the form with the page's controls, each showing `state` and changing it. */
export function renderControls(
    form: HTMLFormElement,
    state: ControlState,
    context: ControlContext,
    strings: DashboardStrings,
    events: ControlEvents,
): void {
    const s = strings;
    const preset = select(
        'preset',
        PRESETS.map((name) => [name, s.presets[name]]),
        state.preset,
    );
    const from = el('input', { attrs: { type: 'date', name: 'from', id: 'from' } });
    const to = el('input', { attrs: { type: 'date', name: 'to', id: 'to' } });
    from.value = state.custom.from;
    to.value = state.custom.to;
    const customFields = el('span', { class: 'custom' }, [field(s.from, from), field(s.to, to)]);
    customFields.hidden = state.preset !== 'custom';

    const zones = el('datalist', { attrs: { id: 'zones' } });
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    for (const zone of new Set([context.timeZone ?? 'UTC', 'UTC', ...supported])) {
        zones.append(el('option', { attrs: { value: zone } }));
    }
    const timeZone = el('input', {
        attrs: { name: 'timezone', id: 'timezone', list: 'zones', autocomplete: 'off', spellcheck: 'false' },
    });
    timeZone.value = state.timeZone;

    const departments: Array<[string, string]> = [
        ['', s.allDepartments],
        ...(context.departments ?? []).map((d): [string, string] => [d._id, d.name]),
    ];
    const department = select('department', departments, state.departmentId);
    const attribution = select(
        'attribution',
        ATTRIBUTIONS.map((name): [string, string] => [name, s.credits[name]]),
        state.attribution,
    );
    const hours = select(
        'hours',
        HOURS_CHOICES.map((name): [string, string] => [name, s.hoursOptions[name]]),
        state.hours,
    );
    const interval = select(
        'interval',
        (['auto', 'day', 'week', 'month'] as const).map((name): [string, string] => [name, s.intervals[name]]),
        state.interval,
    );

    const download = el('button', { text: s.downloadCsv, attrs: { type: 'button', id: 'download-csv' } });
    download.addEventListener('click', () => events.download(download));

    preset.addEventListener('change', () => {
        const current = events.currentRange();
        state.preset = preset.value as Preset;
        if (state.preset === 'custom' && current && !state.custom.from) {
            state.custom = customDays(current, state.timeZone);
            from.value = state.custom.from;
            to.value = state.custom.to;
        }
        customFields.hidden = state.preset !== 'custom';
        events.scopeChanged(true);
    });
    for (const input of [from, to]) {
        input.addEventListener('change', () => {
            state.custom = { from: from.value, to: to.value };
            events.scopeChanged(false);
        });
    }
    timeZone.addEventListener('change', () => {
        const name = timeZone.value.trim() || context.timeZone || 'UTC';
        timeZone.value = name; // an emptied field shows the zone the figures fall back on
        // The series' own rule: a name the browser does not know would fail every date computed in it.
        if (!isTimeZone(name)) {
            events.timeZoneRejected(name);
            return;
        }
        state.timeZone = name;
        events.scopeChanged(false);
    });
    department.addEventListener('change', () => {
        state.departmentId = department.value;
        events.scopeChanged(true);
    });
    attribution.addEventListener('change', () => {
        state.attribution = attribution.value as Attribution;
        events.scopeChanged(true);
    });
    hours.addEventListener('change', () => {
        state.hours = hours.value as HoursChoice;
        events.scopeChanged(true);
    });
    interval.addEventListener('change', () => {
        state.interval = interval.value as Interval | 'auto';
        events.intervalChanged();
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    form.replaceChildren(
        field(s.range, preset),
        customFields,
        field(s.timeZone, timeZone),
        zones,
        field(s.department, department),
        field(s.credit, attribution),
        field(s.hours, hours),
        field(s.interval, interval),
        download,
    );
}
