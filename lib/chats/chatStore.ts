import type { LegEvent } from '../legs/legs';
import type { ServiceRecord } from './serviceRecord';

/** What a save did: the record is stored, or the room was deleted (its deletion wins, whenever it came). */
export type SaveOutcome = 'saved' | 'room-deleted';

/** Where the chats' records live; recording (closes, deletions, the history import) knows it only by this port. */
export interface ChatStore {
    /** Idempotent: saving a room's record again replaces it. A deleted room's record does not stay. */
    save(record: ServiceRecord): Promise<SaveOutcome>;
    /** Whether the room has a record already. */
    has(roomId: string): Promise<boolean>;
    /**
     * A deleted room: remembered as deleted, so that no later save or leg event of it stays, then its
     * record and leg events removed; answers whether there was a record.
     */
    forget(roomId: string): Promise<boolean>;
}

/** Where a chat's leg events live, next to its record. */
export interface LegStore {
    addLegEvent(roomId: string, roomCreatedAt: number, event: LegEvent): Promise<void>;
    legEvents(roomId: string): Promise<LegEvent[]>;
    /** The room's record, when it closed already. */
    record(roomId: string): Promise<ServiceRecord | undefined>;
    save(record: ServiceRecord): Promise<SaveOutcome>;
}
