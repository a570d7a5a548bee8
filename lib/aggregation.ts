import { compareCodePoints } from './codePointOrder';
import type { Page } from './pagination';
import { ceilDiv, ceilSecondsAverage, isInDepartments, isInScope } from './serviceRecord';
import type { ReportScope, ServiceRecord } from './serviceRecord';

/** One agent, as the core groups them: by `_id` and `username` together. */
export interface AgentTotals {
    agentId: string;
    username: string;
    chats: number;
    sumMs: number;
}

export interface AverageServiceTimeItem {
    _id: string;
    username: string;
    averageServiceTimeInSeconds: number;
}

export interface TotalServiceTimeItem {
    _id: string;
    username: string;
    chats: number;
    serviceTimeDuration: number;
}

export interface PagedItems<T> {
    items: T[];
    count: number;
    offset: number;
    total: number;
}

/** Adds records into per-agent totals; only records in the report's scope count. */
export class AgentTotalsAccumulator {
    private readonly byAgent = new Map<string, AgentTotals>();
    private readonly countedRooms = new Set<string>();

    constructor(private readonly scope: ReportScope) {}

    /**
     * Each room counts once, whatever the store holds: two MongoDB upserts of the same room that
     * race can both insert, and then the room's record is stored twice.
     */
    public add(record: ServiceRecord): void {
        if (!isInScope(record, this.scope) || this.countedRooms.has(record.roomId)) {
            return;
        }
        this.countedRooms.add(record.roomId);
        this.merge(record.agentId, record.username, 1, record.durationMs);
    }

    /**
     * Adds an agent's pre-aggregated totals of a period the range covers whole (a bucket entry);
     * its rooms are not seen one by one, so the caller must not also add that period's records.
     */
    public addTotals(totals: AgentTotals & { departmentId?: string }): void {
        if (!isInDepartments(totals.departmentId, this.scope)) {
            return;
        }
        this.merge(totals.agentId, totals.username, totals.chats, totals.sumMs);
    }

    private merge(agentId: string, username: string, chats: number, sumMs: number): void {
        // A renamed agent is two groups, as in the core: the key is the pair, not the id.
        const key = JSON.stringify([agentId, username]);
        const totals = this.byAgent.get(key);
        if (totals) {
            totals.chats += chats;
            totals.sumMs += sumMs;
        } else {
            this.byAgent.set(key, { agentId, username, chats, sumMs });
        }
    }

    /** Sorted by username, then `_id`, both by code point as MongoDB sorts. */
    public sorted(): AgentTotals[] {
        return [...this.byAgent.values()].sort(
            (a, b) => compareCodePoints(a.username, b.username) || compareCodePoints(a.agentId, b.agentId),
        );
    }
}

export function totalsFromRecords(records: Iterable<ServiceRecord>, scope: ReportScope): AgentTotals[] {
    const accumulator = new AgentTotalsAccumulator(scope);
    for (const record of records) {
        accumulator.add(record);
    }
    return accumulator.sorted();
}

/** A report: how an agent's totals become an item, and the item's columns in CSV. */
export interface ReportShape<Item> {
    toItem(totals: AgentTotals): Item;
    csvColumns: ReadonlyArray<keyof Item & string>;
}

export const AVERAGE_SERVICE_TIME: ReportShape<AverageServiceTimeItem> = {
    toItem: (totals) => toAverageItem(totals),
    csvColumns: ['_id', 'username', 'averageServiceTimeInSeconds'],
};

export const TOTAL_SERVICE_TIME: ReportShape<TotalServiceTimeItem> = {
    toItem: (totals) => toTotalItem(totals),
    csvColumns: ['_id', 'username', 'chats', 'serviceTimeDuration'],
};

export function toAverageItem(totals: AgentTotals): AverageServiceTimeItem {
    return { _id: totals.agentId, username: totals.username, averageServiceTimeInSeconds: ceilSecondsAverage(totals.sumMs, totals.chats) };
}

export function toTotalItem(totals: AgentTotals): TotalServiceTimeItem {
    return { _id: totals.agentId, username: totals.username, chats: totals.chats, serviceTimeDuration: ceilDiv(totals.sumMs, 1000) };
}

/** `total` counts every group before the page is cut; `count` is what the page holds. */
export function paginate<T>(sortedItems: T[], page: Page): PagedItems<T> {
    const end = page.count === 0 ? undefined : page.offset + page.count;
    const items = sortedItems.slice(page.offset, end);
    return { items, count: items.length, offset: page.offset, total: sortedItems.length };
}
