import type { LegEvent } from '../legs/legs';
import type { ServiceRecord } from './serviceRecord';

/** Where the chats' records live; recording (closes, deletions, the history import) knows it only by this port. */
export interface ChatStore {
    /** Idempotent: saving a room's record again replaces it. */
    save(record: ServiceRecord): Promise<void>;
    /** Whether the room has a record already. */
    has(roomId: string): Promise<boolean>;
    /** Removes the room's record; answers whether there was one. */
    remove(roomId: string): Promise<boolean>;
}

/** Where a chat's leg events live, next to its record. */
export interface LegStore {
    addLegEvent(roomId: string, roomCreatedAt: number, event: LegEvent): Promise<void>;
    legEvents(roomId: string): Promise<LegEvent[]>;
    /** The room's record, when it closed already. */
    record(roomId: string): Promise<ServiceRecord | undefined>;
    save(record: ServiceRecord): Promise<void>;
}
