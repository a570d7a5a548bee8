import type { ServiceRecord } from '../records/serviceRecord';
import { eachRoomOnce } from '../records/serviceRecord';
import { compareCodePoints } from './codePointOrder';
import type { ReportScope } from './scope';
import { isInDepartments, isInScope } from './scope';

/** One agent, as the core groups them: by `_id` and `username` together. */
export interface AgentTotals {
    agentId: string;
    username: string;
    chats: number;
    sumMs: number;
}

/**
 * The grouping key: a renamed agent is two groups, as in the core (`$group` on `servedBy._id` and
 * `servedBy.username`). `extra` refines it (a bucket keeps departments apart).
 */
export function groupKey(totals: Pick<AgentTotals, 'agentId' | 'username'>, ...extra: Array<string | null>): string {
    return JSON.stringify([totals.agentId, totals.username, ...extra]);
}

/** Adds `chats` and `sumMs` into the group of `key`, creating it from a copy of `totals`. */
export function addInto<T extends AgentTotals>(groups: Map<string, T>, key: string, totals: T): void {
    const group = groups.get(key);
    if (group) {
        group.chats += totals.chats;
        group.sumMs += totals.sumMs;
    } else {
        groups.set(key, { ...totals });
    }
}

/** Sorted by username, then `_id`, both by code point as MongoDB sorts. */
export function sortAgents<T extends Pick<AgentTotals, 'agentId' | 'username'>>(agents: Iterable<T>): T[] {
    return [...agents].sort((a, b) => compareCodePoints(a.username, b.username) || compareCodePoints(a.agentId, b.agentId));
}

/** Adds records and pre-aggregated totals into per-agent totals; only what is in the report's scope counts. */
export class AgentTotalsAccumulator {
    private readonly byAgent = new Map<string, AgentTotals>();
    private readonly countedRooms = new Set<string>();

    constructor(private readonly scope: ReportScope) {}

    public add(records: Iterable<ServiceRecord>): void {
        const inScope = [...records].filter((record) => isInScope(record, this.scope));
        for (const { agentId, username, durationMs } of eachRoomOnce(inScope, this.countedRooms)) {
            this.merge({ agentId, username, chats: 1, sumMs: durationMs });
        }
    }

    /**
     * Adds an agent's pre-aggregated totals of a period the range covers whole (a bucket entry);
     * its rooms are not seen one by one, so the caller must not also add that period's records.
     */
    public addTotals(totals: AgentTotals & { departmentId?: string }): void {
        if (isInDepartments(totals.departmentId, this.scope)) {
            this.merge({ agentId: totals.agentId, username: totals.username, chats: totals.chats, sumMs: totals.sumMs });
        }
    }

    private merge(totals: AgentTotals): void {
        addInto(this.byAgent, groupKey(totals), totals);
    }

    public sorted(): AgentTotals[] {
        return sortAgents(this.byAgent.values());
    }
}

export function totalsFromRecords(records: Iterable<ServiceRecord>, scope: ReportScope): AgentTotals[] {
    const accumulator = new AgentTotalsAccumulator(scope);
    accumulator.add(records);
    return accumulator.sorted();
}
