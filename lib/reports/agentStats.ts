import type { AgentTotals } from './agentTotals';
import type { AgentKey } from './agentGroups';
import { AgentGroups, sortAgents } from './agentGroups';
import type { Occupancy, Stretch } from './occupancy';
import { heldStretches, occupancyOf } from './occupancy';
import type { ChatCredit } from './attribution';
import { creditsOf } from './attribution';
import type { ServiceRecord } from '../chats/serviceRecord';
import type { ReportScope } from './scope';
import { creditsInScope, isInDepartments } from './scope';
import type { StoredSketch } from './quantileSketch';
import { QuantileSketch } from './quantileSketch';
import type { StatsSums } from './statsSums';
import { addRecordSums, addSums, zeroSums } from './statsSums';

/**
 * What the stats report knows of one agent, beyond the core's totals: the sums of `statsSums.ts`
 * (first response and chat duration over the rooms that carry them, the visitor's ratings), and the
 * distribution of service times as a quantile sketch.
 */
export interface AgentStats extends AgentTotals, StatsSums {
    sketch: QuantileSketch;
    /** Counted only with `attribution=legs` (buckets keep no legs): legs that ended by a transfer or a return to the queue. */
    transfers?: number;
    /** Likewise: legs whose start the app never saw. */
    legsWithUnknownStart?: number;
    /** Likewise: how loaded the agent was over their stretches of the chats counted (`occupancy.ts`). */
    occupancy?: Occupancy;
}

/** An agent's stats as stored in a bucket: the sketch in its stored form. */
export interface StoredAgentStats extends AgentTotals, StatsSums {
    sketch: StoredSketch;
}

/**
 * Stats by agent, grouped as the core groups its reports (by `_id` and `username` together), added
 * from records and from stored entries alike.
 */
export class AgentStatsTable {
    private readonly groups: AgentGroups<AgentStats>;

    /** `countsLegs`: the table counts each agent's transfers and unseen legs (only records carry them). */
    constructor(countsLegs = false) {
        this.groups = new AgentGroups((agentId, username) => ({
            agentId,
            username,
            chats: 0,
            sumMs: 0,
            ...zeroSums(),
            sketch: new QuantileSketch(),
            ...(countsLegs && { transfers: 0, legsWithUnknownStart: 0 }),
        }));
    }

    public addRecord(record: ServiceRecord): void {
        for (const credit of creditsOf(record)) {
            this.addCredit(credit);
        }
    }

    /** One agent's part of one chat: the whole chat under `last`, their own legs under `legs`. */
    public addCredit(credit: ChatCredit): void {
        const { record } = credit;
        const stats = this.groups.get(credit.agentId, credit.username);
        if (stats.transfers !== undefined && stats.legsWithUnknownStart !== undefined) {
            stats.transfers += credit.transfers;
            stats.legsWithUnknownStart += credit.legsWithUnknownStart;
        }
        if (credit.chats === 0) {
            return;
        }
        stats.chats += 1;
        stats.sumMs += credit.durationMs;
        stats.sketch.add(credit.durationMs);
        addRecordSums(stats, record);
    }

    public addStored(stored: StoredAgentStats): void {
        const stats = this.groups.get(stored.agentId, stored.username);
        stats.chats += stored.chats;
        stats.sumMs += stored.sumMs;
        addSums(stats, stored);
        stats.sketch.merge(stored.sketch);
    }

    public values(): AgentStats[] {
        return this.groups.values();
    }
}

export function toStoredStats(stats: AgentStats): StoredAgentStats {
    const { sketch, ...sums } = stats;
    return { ...sums, sketch: sketch.toStored() };
}

/** Adds records and stored stats into per-agent stats; only what is in the report's scope counts, each room once. */
export class AgentStatsAccumulator {
    private readonly table: AgentStatsTable;
    private readonly countedRooms = new Set<string>();
    /** With `attribution=legs`: each agent's stretches of the chats counted. */
    private readonly stretches?: AgentGroups<AgentKey & { held: Stretch[] }>;

    constructor(private readonly scope: ReportScope) {
        this.table = new AgentStatsTable(scope.attribution === 'legs');
        if (scope.attribution === 'legs') {
            this.stretches = new AgentGroups((agentId, username) => ({ agentId, username, held: [] }));
        }
    }

    public addRecords(records: Iterable<ServiceRecord>): void {
        for (const credit of creditsInScope(records, this.scope, this.countedRooms)) {
            this.table.addCredit(credit);
            this.stretches
                ?.get(credit.agentId, credit.username)
                .held.push(...heldStretches(credit.record, credit.agentId, credit.username));
        }
    }

    /** An agent's stored stats of a period the range covers whole, of `departmentId`'s view or of every department's. */
    public addStored(stored: StoredAgentStats, departmentId?: string): void {
        if (isInDepartments(departmentId, this.scope)) {
            this.table.addStored(stored);
        }
    }

    /** Agents with at least one chat: one whose every leg in the scope began unseen is not listed (as in the other reports). */
    public sorted(): AgentStats[] {
        const rows = sortAgents(this.table.values().filter((stats) => stats.chats > 0));
        if (this.stretches) {
            for (const row of rows) {
                row.occupancy = occupancyOf(this.stretches.get(row.agentId, row.username).held);
            }
        }
        return rows;
    }
}
