import type { AgentTotals } from './agentTotals';
import { ceilSeconds, ceilSecondsAverage } from './rounding';

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

/** A report: how what it knows of an agent (its totals, by default) becomes an item, and the item's columns in CSV. */
export interface ReportShape<Item, Row = AgentTotals> {
    /** The report's name, also its CSV file's. */
    name: string;
    toItem(row: Row): Item;
    csvColumns: ReadonlyArray<keyof Item & string>;
}

export function toAverageItem(totals: AgentTotals): AverageServiceTimeItem {
    return { _id: totals.agentId, username: totals.username, averageServiceTimeInSeconds: ceilSecondsAverage(totals.sumMs, totals.chats) };
}

export function toTotalItem(totals: AgentTotals): TotalServiceTimeItem {
    return { _id: totals.agentId, username: totals.username, chats: totals.chats, serviceTimeDuration: ceilSeconds(totals.sumMs) };
}

export const AVERAGE_SERVICE_TIME: ReportShape<AverageServiceTimeItem> = {
    name: 'average-service-time',
    toItem: toAverageItem,
    csvColumns: ['_id', 'username', 'averageServiceTimeInSeconds'],
};

export const TOTAL_SERVICE_TIME: ReportShape<TotalServiceTimeItem> = {
    name: 'total-service-time',
    toItem: toTotalItem,
    csvColumns: ['_id', 'username', 'chats', 'serviceTimeDuration'],
};
