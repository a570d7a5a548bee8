import type { IUserSettings } from '@rocket.chat/apps-engine/definition/users/IUserSettings';

import { hasAllowedRole } from '../access/roles';
import { formatDuration } from '../format/duration';
import type { Caller } from '../http/guard';
import type { AgentTotals } from '../reports/agentTotals';
import { ceilSecondsAverage } from '../reports/rounding';
import type { ReportScope } from '../reports/scope';
import type { CommandMessages } from './messages';
import { MESSAGES, messagesFor } from './messages';
import { DAY_MS } from '../time/units';

export const USAGE = MESSAGES.en.usage;

// A Map, not an object literal: `in` would find `constructor` or `toString` on Object.prototype.
const PRESETS = new Map([
    ['7d', 7],
    ['30d', 30],
    ['90d', 90],
]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type CommandRequest = { ok: true; scope: ReportScope; label: string } | { ok: false; usage: string };

/** The command's arguments as a report scope, with a label in the caller's language; anything else is the usage text. */
export function parseServiceTimeArgs(args: string[], now: Date, messages: CommandMessages = MESSAGES.en): CommandRequest {
    const usage = messages.usage;
    const words = args.map((arg) => arg.trim()).filter((arg) => arg.length > 0);
    if (words.length > 0 && messages.help.includes(words[0])) {
        return { ok: false, usage };
    }
    let range: ReportScope['range'];
    let label: string;
    let rest: string[];
    if (words.length >= 2 && ISO_DAY.test(words[0]) && ISO_DAY.test(words[1])) {
        const start = Date.parse(`${words[0]}T00:00:00.000Z`);
        const end = Date.parse(`${words[1]}T23:59:59.999Z`);
        if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
            return { ok: false, usage };
        }
        range = { start, end };
        label = messages.dates(words[0], words[1]);
        rest = words.slice(2);
    } else {
        const preset = words.length > 0 && PRESETS.has(words[0]) ? words[0] : undefined;
        const days = PRESETS.get(preset ?? '30d') as number;
        range = { start: now.getTime() - days * DAY_MS, end: now.getTime() };
        label = messages.lastDays(days);
        rest = preset ? words.slice(1) : words;
    }
    if (rest.length > 1 || rest.some((word) => ISO_DAY.test(word) || PRESETS.has(word))) {
        return { ok: false, usage };
    }
    const [departmentId] = rest;
    return {
        ok: true,
        scope: { range, ...(departmentId && { departmentIds: [departmentId] }) },
        label: departmentId ? messages.withDepartment(label, departmentId) : label,
    };
}

/** The answer the caller reads: a fixed-width table of agents, chats and average service time. */
export function formatServiceTimeTable(totals: AgentTotals[], label: string, messages: CommandMessages = MESSAGES.en): string {
    if (totals.length === 0) {
        return messages.empty(label);
    }
    const rows = totals.map((agent) => [agent.username, String(agent.chats), formatDuration(ceilSecondsAverage(agent.sumMs, agent.chats))]);
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
    /** The dashboard's address in this workspace, when the workspace's Site_Url can be read. */
    dashboardUrl(): Promise<string | undefined>;
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
    const request = parseServiceTimeArgs(args, now, messages);
    if (!request.ok) {
        return request.usage;
    }
    const [totals, dashboardUrl] = await Promise.all([sources.agentTotals(request.scope), sources.dashboardUrl()]);
    const table = formatServiceTimeTable(totals, request.label, messages);
    return dashboardUrl ? `${table}\n${messages.dashboard(dashboardUrl)}` : table;
}
