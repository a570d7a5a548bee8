import type { AgentTotals } from '../report/agentTotals';
import type { ReportScope } from '../report/scope';
import type { ServiceRecord } from './serviceRecord';

/** Where service records live; the recorders and the reports know it only by this port. */
export interface RecordStore {
    /** Idempotent: saving a room's record again replaces it. */
    save(record: ServiceRecord): Promise<void>;
    /** Whether the room has a record already. */
    has(roomId: string): Promise<boolean>;
    /** Removes the room's record; answers whether there was one. */
    remove(roomId: string): Promise<boolean>;
    /** Per-agent totals of the records in the scope, sorted as the reports list them. */
    totals(scope: ReportScope): Promise<AgentTotals[]>;
}
