import type { ServiceRecord } from '../../chats/serviceRecord';
import { readStoredRecord } from '../../chats/serviceRecord';
import { periodStart, periodTag } from '../../time/periods';
import { CHAT_INDEX_VERSION } from '../versions';

/**
 * The chat index (layout 4): for each agent and UTC day, a copy of the records of every chat of that
 * day the agent took part in (the core's agent or any leg's), so that listing one agent's chats of a
 * month reads at most 31 documents, not the month's records. The builder keeps it from the records of
 * the slots it rebuilds, as it keeps the buckets; a report trusts no entry of a slot a pending write
 * touches (it reads that slot's records instead), so the index is exact whatever the builder has
 * caught up with.
 */
export interface AgentDayIndex {
    v: typeof CHAT_INDEX_VERSION;
    agentId: string;
    day: string;
    /** The chats, oldest first; absent when they would not fit one document (`tooBig`): read the day's records. */
    records?: ServiceRecord[];
    tooBig?: true;
}

/** A slot's agents as the index last saw them: the agents whose days hold the slot's chats. */
export interface SlotAgents {
    v: typeof CHAT_INDEX_VERSION;
    slot: string;
    agentIds: string[];
}

/**
 * The most a day's chats may weigh in one document, as JSON: well under the 1 MiB the other documents
 * keep to. An agent's day past it (thousands of chats, or chats with thousands of legs) is marked
 * `tooBig` and its chats are read from the day's records.
 */
export const MAX_INDEX_CHARS = 512 * 1024;

/** Every agent who took part in a chat: the core's (who closed it) and each leg's. */
export function agentsOf(record: ServiceRecord): string[] {
    return [...new Set([record.agentId, ...(record.legs ?? []).map((leg) => leg.agentId)])];
}

/** Records by agent: each record under every agent who took part in it. */
export function recordsByAgent(records: Iterable<ServiceRecord>): Map<string, ServiceRecord[]> {
    const byAgent = new Map<string, ServiceRecord[]>();
    for (const record of records) {
        for (const agentId of agentsOf(record)) {
            const own = byAgent.get(agentId);
            if (own) {
                own.push(record);
            } else {
                byAgent.set(agentId, [record]);
            }
        }
    }
    return byAgent;
}

/**
 * An agent's day after some of its slots were rebuilt: the entries of the other slots as they were,
 * and the agent's records of the rebuilt slots as they are now; oldest first, ties by room.
 */
export function patchedDay(
    entries: readonly ServiceRecord[],
    rebuiltSlots: ReadonlySet<string>,
    fresh: readonly ServiceRecord[],
): ServiceRecord[] {
    return inCreationOrder([...entries.filter((record) => !rebuiltSlots.has(periodTag('slot', record.createdAt))), ...fresh]);
}

/** Records oldest first, ties by room: the order an agent's day keeps them in. */
export function inCreationOrder(records: readonly ServiceRecord[]): ServiceRecord[] {
    return [...records].sort((a, b) => a.createdAt - b.createdAt || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
}

/** An agent's day as stored: its chats, or `tooBig` when they would pass `MAX_INDEX_CHARS`. */
export function agentDayDocument(agentId: string, day: string, records: ServiceRecord[], maxChars = MAX_INDEX_CHARS): AgentDayIndex {
    const document: AgentDayIndex = { v: CHAT_INDEX_VERSION, agentId, day, records };
    return JSON.stringify(document).length > maxChars ? { v: CHAT_INDEX_VERSION, agentId, day, tooBig: true } : document;
}

/** A stored agent's day this version can read, its records checked one by one; anything else is undefined. */
export function readAgentDay(data: unknown): AgentDayIndex | undefined {
    const stored = data as Partial<AgentDayIndex> | null;
    if (typeof stored !== 'object' || stored === null || stored.v !== CHAT_INDEX_VERSION) {
        return undefined;
    }
    if (typeof stored.agentId !== 'string' || typeof stored.day !== 'string') {
        return undefined;
    }
    if (stored.tooBig === true) {
        return { v: CHAT_INDEX_VERSION, agentId: stored.agentId, day: stored.day, tooBig: true };
    }
    if (!Array.isArray(stored.records)) {
        return undefined;
    }
    const records = stored.records.map(readStoredRecord).filter((record): record is ServiceRecord => record !== undefined);
    return { v: CHAT_INDEX_VERSION, agentId: stored.agentId, day: stored.day, records };
}

/** A stored slot's agents, or an empty list for anything this version cannot read. */
export function readSlotAgents(data: unknown): string[] {
    const stored = data as Partial<SlotAgents> | null;
    if (typeof stored !== 'object' || stored === null || stored.v !== CHAT_INDEX_VERSION || !Array.isArray(stored.agentIds)) {
        return [];
    }
    return stored.agentIds.filter((id): id is string => typeof id === 'string');
}

/** The UTC day (`day:YYYY-MM-DD`) of a slot. */
export function dayOfSlotTag(slot: string): string {
    return periodTag('day', periodStart(slot));
}
