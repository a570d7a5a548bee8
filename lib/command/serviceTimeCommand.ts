import type { IUserSettings } from '@rocket.chat/apps-engine/definition/users/IUserSettings';

import { hasAllowedRole } from '../access/roles';
import { codeBlockCell } from '../format/codeBlock';
import { formatDuration } from '../format/duration';
import type { Caller } from '../http/guard';
import type { AgentTotals } from '../reports/agentTotals';
import { ceilSecondsAverage } from '../reports/rounding';
import type { ReportScope } from '../reports/scope';
import type { DepartmentChoice } from '../dashboard/context';
import { findDepartment } from './departmentByName';
import type { CommandMessages } from './messages';
import { MESSAGES, messagesFor } from './messages';
import type { Preset } from '../time/presets';
import { presetRange } from '../time/presets';

export const USAGE = MESSAGES.en.usage;

// A Map, not an object literal: `in` would find `constructor` or `toString` on Object.prototype.
// The dashboard's named ranges (`time/presets.ts`): whole local days of the reporting timezone, today included.
const PRESETS = new Map<string, { preset: Preset; days?: number }>([
    ['today', { preset: 'today' }],
    ['7d', { preset: 'last7', days: 7 }],
    ['30d', { preset: 'last30', days: 30 }],
    ['90d', { preset: 'last90', days: 90 }],
    ['month', { preset: 'thisMonth' }],
]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Words that look like a range or a date: never read as a department. */
const RANGE_LIKE = /^(\d+[a-z]|\d{4}-\d{1,2}(-\d{1,2})?)$/i;
const HELP = ['--help', '-h', '?'];

export type CommandRequest = { ok: true; scope: ReportScope; label: string } | { ok: false; usage: string };

/**
 * The command's arguments as a report scope, with a label in the caller's language: a named range
 * (any case) or two dates, then a department by id or name (`findDepartment`; any id when the
 * workspace lists none). Anything else is the usage text, after a line that says what was wrong.
 * Ranges are whole local days of `timeZone` (the reporting timezone), as on the dashboard.
 */
export function parseServiceTimeArgs(
    args: string[],
    now: Date,
    timeZone: string,
    messages: CommandMessages = MESSAGES.en,
    departments: readonly DepartmentChoice[] = [],
): CommandRequest {
    const refuse = (problem?: string): CommandRequest => ({ ok: false, usage: problem ? `${problem}\n${messages.usage}` : messages.usage });
    const words = args.map((arg) => arg.trim()).filter((arg) => arg.length > 0);
    if (words.length > 0 && [...messages.help, ...HELP].includes(words[0].toLowerCase())) {
        return refuse();
    }
    let range: ReportScope['range'];
    let label: string;
    let rest: string[];
    if (words.length > 0 && ISO_DAY.test(words[0])) {
        const [from, to] = words;
        if (to === undefined || !ISO_DAY.test(to)) {
            return refuse(messages.problems.oneDate(from));
        }
        const invalid = [from, to].find((day) => !presetRange('custom', now, timeZone, { from: day, to: day }));
        if (invalid) {
            return refuse(messages.problems.notADate(invalid));
        }
        const days = presetRange('custom', now, timeZone, { from, to });
        if (!days) {
            return refuse(messages.problems.reversed(from, to));
        }
        range = { start: days.start.getTime(), end: days.end.getTime() };
        label = messages.dates(from, to, timeZone);
        rest = words.slice(2);
    } else {
        const named = words.length > 0 ? PRESETS.get(words[0].toLowerCase()) : undefined;
        if (!named && words.length > 0 && RANGE_LIKE.test(words[0])) {
            return refuse(messages.problems.notARange(words[0]));
        }
        const { preset, days } = named ?? (PRESETS.get('30d') as { preset: Preset; days: number });
        const local = presetRange(preset, now, timeZone) as { start: Date; end: Date };
        range = { start: local.start.getTime(), end: local.end.getTime() };
        label = days ? messages.lastDays(days, timeZone) : preset === 'today' ? messages.today(timeZone) : messages.thisMonth(timeZone);
        rest = named ? words.slice(1) : words;
    }
    if (rest.length === 0) {
        return { ok: true, scope: { range }, label };
    }
    // A name may hold spaces: every word left is the department. A range word there is a mistake,
    // unless a department's name holds it ("3D Printing").
    const typed = rest.join(' ');
    const match = departments.length > 0 ? findDepartment(typed, departments) : undefined;
    const misplaced = rest.find((word) => RANGE_LIKE.test(word) || PRESETS.has(word.toLowerCase()));
    if (misplaced && !match?.ok) {
        return refuse(messages.problems.notARange(misplaced));
    }
    if (!match) {
        return { ok: true, scope: { range, departmentIds: [typed] }, label: messages.withDepartment(label, typed) };
    }
    if (!match.ok) {
        const names = match.candidates.map((department) => department.name);
        return refuse(
            match.why === 'ambiguous' ? messages.problems.ambiguousDepartment(typed, names) : messages.problems.noDepartment(typed, names),
        );
    }
    return {
        ok: true,
        scope: { range, departmentIds: [match.department._id] },
        label: messages.withDepartment(label, match.department.name),
    };
}

/** The answer the caller reads: a fixed-width table of agents, chats and average service time; no name can leave its code block. */
export function formatServiceTimeTable(totals: AgentTotals[], label: string, messages: CommandMessages = MESSAGES.en): string {
    if (totals.length === 0) {
        return messages.empty(label);
    }
    const rows = totals.map((agent) => [
        codeBlockCell(agent.username),
        String(agent.chats),
        formatDuration(ceilSecondsAverage(agent.sumMs, agent.chats)),
    ]);
    const header = [...messages.header];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) =>
        cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
    return [messages.title(label), '```', line(header), ...rows.map(line), '```'].join('\n');
}

/** What the command needs from the workspace: the same role setting and totals as the reports. */
export interface CommandSources {
    allowedRoles(): Promise<string[]>;
    agentTotals(scope: ReportScope): Promise<AgentTotals[]>;
    /** The workspace's reporting timezone for the caller, as the dashboard and the series read it. */
    reportingTimeZone(): Promise<string>;
    /** The dashboard's address in this workspace, when the workspace's Site_Url can be read. */
    dashboardUrl(): Promise<string | undefined>;
    /** The departments a manager picks from on the dashboard (none when the workspace lists none to the app). */
    departments(): Promise<DepartmentChoice[]>;
}

/**
 * The whole command: the role check, the arguments, then the table, in the sender's language.
 * Answers the text shown to the caller alone; totals are read only for a caller who may read them
 * and arguments that parse. A table ends with the dashboard's link, where the same figures have charts.
 */
export async function answerServiceTimeCommand(
    sender: Caller & { settings?: IUserSettings },
    args: string[],
    sources: CommandSources,
    now: Date,
): Promise<string> {
    const messages = messagesFor(sender);
    if (!hasAllowedRole(sender, await sources.allowedRoles())) {
        return messages.notAllowed;
    }
    const [timeZone, departments] = await Promise.all([sources.reportingTimeZone(), sources.departments()]);
    const request = parseServiceTimeArgs(args, now, timeZone, messages, departments);
    if (!request.ok) {
        return request.usage;
    }
    const [totals, dashboardUrl] = await Promise.all([sources.agentTotals(request.scope), sources.dashboardUrl()]);
    const table = formatServiceTimeTable(totals, request.label, messages);
    return dashboardUrl ? `${table}\n${messages.dashboard(dashboardUrl)}` : table;
}
