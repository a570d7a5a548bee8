import { hasAllowedRole } from '../access/roles';
import type { Caller } from '../api/guard';
import type { AgentTotals } from '../report/agentTotals';
import { ceilSecondsAverage } from '../report/rounding';
import type { ReportScope } from '../report/scope';

export const NOT_ALLOWED_TEXT = 'You do not have the permissions required to read the service time reports.';

export const USAGE = [
    'Usage: /service-time [7d|30d|90d|YYYY-MM-DD YYYY-MM-DD] [departmentId]',
    '  /service-time            the last 30 days',
    '  /service-time 7d         the last 7 days',
    '  /service-time 2024-01-01 2024-01-31 sales   January 2024 (UTC, whole days), department "sales"',
].join('\n');

const DAY_MS = 86_400_000;
// A Map, not an object literal: `in` would find `constructor` or `toString` on Object.prototype.
const PRESETS = new Map([
    ['7d', 7],
    ['30d', 30],
    ['90d', 90],
]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type CommandRequest = { ok: true; scope: ReportScope; label: string } | { ok: false; usage: string };

/** The command's arguments as a report scope; anything else is the usage text. */
export function parseServiceTimeArgs(args: string[], now: Date): CommandRequest {
    const words = args.map((arg) => arg.trim()).filter((arg) => arg.length > 0);
    if (words[0] === 'help') {
        return { ok: false, usage: USAGE };
    }
    let range: ReportScope['range'];
    let label: string;
    let rest: string[];
    if (words.length >= 2 && ISO_DAY.test(words[0]) && ISO_DAY.test(words[1])) {
        const start = Date.parse(`${words[0]}T00:00:00.000Z`);
        const end = Date.parse(`${words[1]}T23:59:59.999Z`);
        if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
            return { ok: false, usage: USAGE };
        }
        range = { start, end };
        label = `${words[0]} to ${words[1]} (UTC)`;
        rest = words.slice(2);
    } else {
        const preset = words.length > 0 && PRESETS.has(words[0]) ? words[0] : undefined;
        const days = PRESETS.get(preset ?? '30d') as number;
        range = { start: now.getTime() - days * DAY_MS, end: now.getTime() };
        label = `the last ${days} days`;
        rest = preset ? words.slice(1) : words;
    }
    if (rest.length > 1 || rest.some((word) => ISO_DAY.test(word) || PRESETS.has(word))) {
        return { ok: false, usage: USAGE };
    }
    const [departmentId] = rest;
    return {
        ok: true,
        scope: { range, ...(departmentId && { departmentIds: [departmentId] }) },
        label: departmentId ? `${label}, department ${departmentId}` : label,
    };
}

/** `1h 02m 03s`, `4m 05s`, `9s`. */
export function formatHms(totalSeconds: number): string {
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    const pad = (n: number) => String(n).padStart(2, '0');
    if (hours > 0) {
        return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
    }
    return minutes > 0 ? `${minutes}m ${pad(seconds)}s` : `${seconds}s`;
}

/** The answer the caller reads: a fixed-width table of agents, chats and average service time. */
export function formatServiceTimeTable(totals: AgentTotals[], label: string): string {
    if (totals.length === 0) {
        return `No closed chats with service time in ${label}.`;
    }
    const rows = totals.map((agent) => [agent.username, String(agent.chats), formatHms(ceilSecondsAverage(agent.sumMs, agent.chats))]);
    const header = ['Agent', 'Chats', 'Average service time'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) =>
        cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
    return [`Average service time, ${label}:`, '```', line(header), ...rows.map(line), '```'].join('\n');
}

/** What the command needs from the workspace: the same role setting and totals as the reports. */
export interface CommandSources {
    allowedRoles(): Promise<string[]>;
    agentTotals(scope: ReportScope): Promise<AgentTotals[]>;
}

/**
 * The whole command: the role check, the arguments, then the table. Answers the text shown to the
 * caller alone; totals are read only for a caller who may read them and arguments that parse.
 */
export async function answerServiceTimeCommand(sender: Caller, args: string[], sources: CommandSources, now: Date): Promise<string> {
    if (!hasAllowedRole(sender, await sources.allowedRoles())) {
        return NOT_ALLOWED_TEXT;
    }
    const request = parseServiceTimeArgs(args, now);
    if (!request.ok) {
        return request.usage;
    }
    return formatServiceTimeTable(await sources.agentTotals(request.scope), request.label);
}
