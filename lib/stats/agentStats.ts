import type { AgentTotals } from '../report/agentTotals';
import { sortAgents } from '../report/agentTotals';
import type { ServiceRecord } from '../records/serviceRecord';
import { eachRoomOnce } from '../records/serviceRecord';
import type { ReportScope } from '../report/scope';
import { isInDepartments, isInScope } from '../report/scope';
import type { StoredSketch } from './quantileSketch';
import { QuantileSketch } from './quantileSketch';

/**
 * What the stats report knows of one agent, beyond the core's totals: the sums behind the averages of
 * first response and chat duration (over the rooms that carry them: records written before app 1.2
 * carry neither), and the distribution of service times as a quantile sketch.
 */
export interface AgentStats extends AgentTotals {
    firstResponseMs: number;
    firstResponseChats: number;
    chatDurationMs: number;
    chatDurationChats: number;
    sketch: QuantileSketch;
}

/** An agent's stats as stored in a bucket: the sketch in its stored form. */
export interface StoredAgentStats extends AgentTotals {
    firstResponseMs: number;
    firstResponseChats: number;
    chatDurationMs: number;
    chatDurationChats: number;
    sketch: StoredSketch;
}

/**
 * Stats by agent, grouped as the core groups its reports (by `_id` and `username` together), added
 * from records and from stored entries alike.
 */
export class AgentStatsTable {
    private readonly byAgent = new Map<string, Map<string, AgentStats>>();

    private entry(agentId: string, username: string): AgentStats {
        let byUsername = this.byAgent.get(agentId);
        if (!byUsername) {
            byUsername = new Map();
            this.byAgent.set(agentId, byUsername);
        }
        let stats = byUsername.get(username);
        if (!stats) {
            stats = {
                agentId,
                username,
                chats: 0,
                sumMs: 0,
                firstResponseMs: 0,
                firstResponseChats: 0,
                chatDurationMs: 0,
                chatDurationChats: 0,
                sketch: new QuantileSketch(),
            };
            byUsername.set(username, stats);
        }
        return stats;
    }

    public addRecord(record: ServiceRecord): void {
        const stats = this.entry(record.agentId, record.username);
        stats.chats += 1;
        stats.sumMs += record.durationMs;
        stats.sketch.add(record.durationMs);
        if (record.firstResponseMs !== undefined) {
            stats.firstResponseMs += record.firstResponseMs;
            stats.firstResponseChats += 1;
        }
        if (record.chatDurationMs !== undefined) {
            stats.chatDurationMs += record.chatDurationMs;
            stats.chatDurationChats += 1;
        }
    }

    public addStored(stored: StoredAgentStats): void {
        const stats = this.entry(stored.agentId, stored.username);
        stats.chats += stored.chats;
        stats.sumMs += stored.sumMs;
        stats.firstResponseMs += stored.firstResponseMs;
        stats.firstResponseChats += stored.firstResponseChats;
        stats.chatDurationMs += stored.chatDurationMs;
        stats.chatDurationChats += stored.chatDurationChats;
        stats.sketch.merge(stored.sketch);
    }

    public values(): AgentStats[] {
        return [...this.byAgent.values()].flatMap((byUsername) => [...byUsername.values()]);
    }
}

export function toStoredStats(stats: AgentStats): StoredAgentStats {
    const { sketch, ...sums } = stats;
    return { ...sums, sketch: sketch.toStored() };
}

/** Adds records and stored stats into per-agent stats; only what is in the report's scope counts, each room once. */
export class AgentStatsAccumulator {
    private readonly table = new AgentStatsTable();
    private readonly countedRooms = new Set<string>();

    constructor(private readonly scope: ReportScope) {}

    public addRecords(records: Iterable<ServiceRecord>): void {
        const inScope = [...records].filter((record) => isInScope(record, this.scope));
        for (const record of eachRoomOnce(inScope, this.countedRooms)) {
            this.table.addRecord(record);
        }
    }

    /** An agent's stored stats of a period the range covers whole, of `departmentId`'s view or of every department's. */
    public addStored(stored: StoredAgentStats, departmentId?: string): void {
        if (isInDepartments(departmentId, this.scope)) {
            this.table.addStored(stored);
        }
    }

    public sorted(): AgentStats[] {
        return sortAgents(this.table.values());
    }
}
