import type { ServiceRecord } from '../chats/serviceRecord';
import type { AgentKey } from './agentGroups';
import { AgentGroups, sortAgents } from './agentGroups';
import type { ReportScope } from './scope';
import { creditsInScope, isInDepartments } from './scope';

/** One agent, as the core groups them: by `_id` and `username` together. */
export interface AgentTotals extends AgentKey {
    chats: number;
    sumMs: number;
}

/** Totals by agent, grouped as the core groups them (`agentGroups.ts`). */
export class AgentTable {
    private readonly groups = new AgentGroups<AgentTotals>((agentId, username) => ({ agentId, username, chats: 0, sumMs: 0 }));

    public add(agentId: string, username: string, chats: number, sumMs: number): void {
        const group = this.groups.get(agentId, username);
        group.chats += chats;
        group.sumMs += sumMs;
    }

    public values(): AgentTotals[] {
        return this.groups.values();
    }
}

/** Adds records and pre-aggregated totals into per-agent totals; only what is in the report's scope counts. */
export class AgentTotalsAccumulator {
    private readonly table = new AgentTable();
    private readonly countedRooms = new Set<string>();

    constructor(private readonly scope: ReportScope) {}

    public add(records: Iterable<ServiceRecord>): void {
        for (const { agentId, username, chats, durationMs } of creditsInScope(records, this.scope, this.countedRooms)) {
            // An agent whose every leg began unseen took part for a time nobody knows: no chat of theirs to list.
            if (chats > 0) {
                this.table.add(agentId, username, chats, durationMs);
            }
        }
    }

    /**
     * Adds an agent's pre-aggregated totals of a period the range covers whole (a bucket entry, of
     * `departmentId`'s view, or of every department's); its rooms are not seen one by one, so the
     * caller must not also add that period's records.
     */
    public addTotals(agentId: string, username: string, chats: number, sumMs: number, departmentId?: string): void {
        if (isInDepartments(departmentId, this.scope)) {
            this.table.add(agentId, username, chats, sumMs);
        }
    }

    public sorted(): AgentTotals[] {
        return sortAgents(this.table.values());
    }
}

export function totalsFromRecords(records: Iterable<ServiceRecord>, scope: ReportScope): AgentTotals[] {
    const accumulator = new AgentTotalsAccumulator(scope);
    accumulator.add(records);
    return accumulator.sorted();
}
