import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import type { ServiceRecord } from '../../chats/serviceRecord';
import { periodStart, periodTag } from '../../time/periods';
import type { AgentDayIndex } from '../buckets/chatIndex';
import { agentDayDocument, agentsOf, dayOfSlotTag, inCreationOrder, patchedDay, recordsByAgent } from '../buckets/chatIndex';
import type { StoredDocuments } from '../documents';
import { agentDayAssociations, slotAgentsAssociations } from '../layout';
import { CHAT_INDEX_VERSION } from '../versions';
import { groupBy } from './buildRun';

/**
 * The builder's writes of the chat index (`buckets/chatIndex.ts`). A slot's agents are written last,
 * after every day it names: a run that fails half-way leaves the slot's markers, and the next run
 * patches again every agent the slot had, so no agent's day keeps a chat it no longer has.
 */
export class ChatIndexWriter {
    constructor(
        private readonly documents: StoredDocuments,
        private readonly writer: IPersistence,
    ) {}

    /** A month's index from all its records (a full rebuild: the month's old documents went with its buckets). */
    public async writeMonth(records: readonly ServiceRecord[]): Promise<void> {
        for (const [day, dayRecords] of groupBy(records, (record) => periodTag('day', record.createdAt))) {
            for (const [agentId, own] of recordsByAgent(dayRecords)) {
                await this.writeDay(agentId, day, undefined, inCreationOrder(own));
            }
        }
        for (const [slot, slotRecords] of groupBy(records, (record) => periodTag('slot', record.createdAt))) {
            await this.writeSlotAgents(slot, [], slotRecords);
        }
    }

    /**
     * After slots were rebuilt from their records: every agent those slots' chats have now or had
     * before gets its day patched (the other slots' entries kept), then each slot's agents are saved.
     * Reads per day touched: one per rebuilt slot and one per agent patched.
     */
    public async updateSlots(slotRecords: ReadonlyMap<string, readonly ServiceRecord[]>): Promise<void> {
        for (const [day, slots] of groupBy(slotRecords.keys(), dayOfSlotTag)) {
            const rebuilt = new Set(slots);
            const fresh = recordsByAgent(slots.flatMap((slot) => slotRecords.get(slot) ?? []));
            const before = new Map<string, string[]>();
            for (const slot of slots) {
                before.set(slot, await this.documents.slotAgents(slot));
            }
            let dayRecords: ServiceRecord[] | undefined;
            for (const agentId of [...new Set([...fresh.keys(), ...[...before.values()].flat()])].sort()) {
                const stored = await this.documents.agentDay(agentId, day);
                let entries = stored?.records ?? [];
                if (stored?.tooBig) {
                    // Its chats are not stored: the day's records are.
                    dayRecords ??= await this.documents.records(day);
                    entries = dayRecords.filter((record) => agentsOf(record).includes(agentId));
                }
                await this.writeDay(agentId, day, stored, patchedDay(entries, rebuilt, fresh.get(agentId) ?? []));
            }
            for (const slot of slots) {
                await this.writeSlotAgents(slot, before.get(slot) ?? [], slotRecords.get(slot) ?? []);
            }
        }
    }

    /** Writes an agent's day (removes it when it holds nothing), unless it is stored as it would be written. */
    private async writeDay(agentId: string, day: string, stored: AgentDayIndex | undefined, records: ServiceRecord[]): Promise<void> {
        const associations = agentDayAssociations(agentId, day);
        if (records.length === 0) {
            if (stored) {
                await this.writer.removeByAssociations(associations);
            }
            return;
        }
        const document = agentDayDocument(agentId, day, records);
        if (stored && JSON.stringify(stored) === JSON.stringify(document)) {
            return;
        }
        await this.writer.updateByAssociations(associations, document, true);
    }

    private async writeSlotAgents(slot: string, before: readonly string[], records: readonly ServiceRecord[]): Promise<void> {
        const agentIds = [...new Set(records.flatMap(agentsOf))].sort();
        if (agentIds.join('\n') === [...before].sort().join('\n')) {
            return;
        }
        const associations = slotAgentsAssociations(slot);
        if (agentIds.length === 0) {
            await this.writer.removeByAssociations(associations);
            return;
        }
        await this.writer.updateByAssociations(associations, { v: CHAT_INDEX_VERSION, slot, agentIds }, true);
    }
}

/** The rebuilt slots of one month, with their records. */
export function slotsOfMonth(recordsBySlot: ReadonlyMap<string, ServiceRecord[]>, month: string): Map<string, ServiceRecord[]> {
    return new Map([...recordsBySlot].filter(([slot]) => periodTag('month', periodStart(slot)) === month));
}
