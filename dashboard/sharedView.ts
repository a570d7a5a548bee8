import type { Attribution, HoursChoice } from '../lib/reports/choices';
import { ATTRIBUTIONS, HOURS_CHOICES } from '../lib/reports/choices';
import { isTimeZone } from '../lib/time/calendar';
import type { Preset } from '../lib/time/presets';
import { PRESETS } from '../lib/time/presets';
import type { Interval } from './ranges';

/** What the controls say: the figures' range, timezone and filters. The controls change it in place. */
export interface ControlState {
    preset: Preset;
    custom: { from: string; to: string };
    timeZone: string;
    departmentId: string;
    attribution: Attribution;
    hours: HoursChoice;
    interval: Interval | 'auto';
}

/** What a link to the dashboard carries: the controls and the agent charted. Never a token, nor any figure. */
export interface SharedView extends ControlState {
    chartAgent: string;
}

const INTERVALS = ['auto', 'day', 'week', 'month'] as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The view as a URL fragment (`#range=custom&from=2026-11-01&to=2026-11-30&tz=America%2FSao_Paulo&...`):
 * a manager sends the link, and whoever opens it (with their own login) sees the same figures.
 * What equals `defaults` is left out, so a plain link stays plain.
 */
export function viewToFragment(view: SharedView, defaults: SharedView): string {
    const fields: Array<[string, string, string]> = [
        ['range', view.preset, defaults.preset],
        ['from', view.preset === 'custom' ? view.custom.from : '', ''],
        ['to', view.preset === 'custom' ? view.custom.to : '', ''],
        ['tz', view.timeZone, defaults.timeZone],
        ['department', view.departmentId, defaults.departmentId],
        ['credit', view.attribution, defaults.attribution],
        ['hours', view.hours, defaults.hours],
        ['per', view.interval, defaults.interval],
        ['agent', view.chartAgent, defaults.chartAgent],
    ];
    const params = new URLSearchParams(
        fields.filter(([, value, fallback]) => value !== fallback).map(([name, value]): [string, string] => [name, value]),
    );
    const text = params.toString();
    return text ? `#${text}` : '';
}

/** The view a fragment names: each value checked, and anything missing, unknown or malformed left as in `defaults`. */
export function viewFromFragment(fragment: string, defaults: SharedView): SharedView {
    const params = new URLSearchParams(fragment.replace(/^#/, ''));
    const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
        const value = params.get(name);
        return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
    };
    const day = (name: string) => {
        const value = params.get(name);
        return value !== null && ISO_DAY.test(value) ? value : '';
    };
    const timeZone = params.get('tz');
    const custom = { from: day('from'), to: day('to') };
    const preset = pick<Preset>('range', PRESETS, defaults.preset);
    return {
        // A custom range without both days is no range: the default one instead.
        preset: preset === 'custom' && (!custom.from || !custom.to) ? defaults.preset : preset,
        custom: preset === 'custom' && custom.from && custom.to ? custom : defaults.custom,
        timeZone: timeZone && isTimeZone(timeZone) ? timeZone : defaults.timeZone,
        departmentId: params.get('department') ?? defaults.departmentId,
        attribution: pick<Attribution>('credit', ATTRIBUTIONS, defaults.attribution),
        hours: pick<HoursChoice>('hours', HOURS_CHOICES, defaults.hours),
        interval: pick<Interval | 'auto'>('per', INTERVALS, defaults.interval),
        chartAgent: params.get('agent') ?? defaults.chartAgent,
    };
}
