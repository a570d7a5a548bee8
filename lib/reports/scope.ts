import type { ChatCredit, Crediting } from './attribution';
import { creditsOf } from './attribution';
import type { ServiceRecord } from '../chats/serviceRecord';
import { eachRoomOnce } from '../chats/serviceRecord';
import type { DateRange } from '../time/range';
import { isCreatedWithin } from '../time/range';

/** What a report counts: rooms created within the range and, when departments are named, of those departments. */
export interface ReportScope extends Crediting {
    range: DateRange;
    departmentIds?: readonly string[];
}

/** Buckets add up the core's last legs, whole: a report by legs or in business hours reads the records. */
export function needsRecords(scope: Crediting): boolean {
    return scope.attribution === 'legs' || scope.businessHours !== undefined;
}

/** The department half of the scope, also applied to pre-aggregated totals, which keep the department. */
export function isInDepartments(departmentId: string | undefined, scope: Pick<ReportScope, 'departmentIds'>): boolean {
    return !scope.departmentIds || (departmentId !== undefined && scope.departmentIds.includes(departmentId));
}

/** The one rule for which stored records a report counts. */
export function isInScope(record: { createdAt: number; departmentId?: string }, scope: ReportScope): boolean {
    return isCreatedWithin(record.createdAt, scope.range) && isInDepartments(record.departmentId, scope);
}

/**
 * What a report adds up from records: the credits (`legs/attribution.ts`) of those in its scope, each
 * room once; `countedRooms` carries the rooms already counted across calls.
 */
export function* creditsInScope(records: Iterable<ServiceRecord>, scope: ReportScope, countedRooms: Set<string>): Generator<ChatCredit> {
    const inScope = [...records].filter((record) => isInScope(record, scope));
    for (const record of eachRoomOnce(inScope, countedRooms)) {
        for (const credit of creditsOf(record, scope)) {
            yield credit;
        }
    }
}
