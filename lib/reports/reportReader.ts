import type { DateRange } from '../time/range';
import type { ChatCredit } from './attribution';
import type { AgentStats } from './agentStats';
import type { AgentTotals } from './agentTotals';
import type { ReportScope } from './scope';

/** All agents together: how many chats, and their service time summed in ms. */
export interface ChatsAndTime {
    chats: number;
    sumMs: number;
}

/**
 * What the reports read from where the chats are stored: the port the reports own and storage
 * implements (`storage/persistenceRecordStore.ts`). Every answer is exact to the millisecond for
 * the scope, whatever the builder has caught up with.
 */
export interface ReportReader {
    /** Per-agent totals of the chats in the scope, sorted as the reports list agents. */
    totals(scope: ReportScope): Promise<AgentTotals[]>;
    /** Per-agent stats (sums and sketches) of the chats in the scope, sorted as the reports list agents. */
    stats(scope: ReportScope): Promise<AgentStats[]>;
    /**
     * Every credit of the chats in the scope, each room once: the chats behind the figures above. With
     * agents named, at least every credit of theirs (a caller keeps the agents it named).
     */
    credits(scope: ReportScope, agentIds?: readonly string[]): Promise<ChatCredit[]>;
    /** Per-agent totals of each of some disjoint ranges within the scope (a per-agent series' buckets). */
    totalsPerRange(scope: ReportScope, ranges: readonly DateRange[]): Promise<AgentTotals[][]>;
    /** All agents' totals of each of some disjoint, ascending ranges within the scope (a series' buckets). */
    totalsPerRangeFromTimelines(scope: ReportScope, ranges: readonly DateRange[]): Promise<ChatsAndTime[]>;
}
