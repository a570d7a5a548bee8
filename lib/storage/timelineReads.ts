import { eachRoomOnce } from '../chats/serviceRecord';
import type { ChatsAndTime } from '../reports/reportReader';
import type { ReportScope } from '../reports/scope';
import { isInScope } from '../reports/scope';
import { DAY_MS } from '../time/units';
import { nextSlotStart, periodStart, periodTag } from '../time/periods';
import type { DateRange } from '../time/range';
import { isEmptyRange } from '../time/range';
import { dirtySlots } from './buckets/dirtyMarker';
import { recordPeriodsOfSlots } from './buckets/readPlan';
import { decodeTimeline } from './buckets/timeline';
import type { StoredDocuments } from './documents';
import { timelineMonthQuery } from './layout';
import { planReads, readContext, viewsOf } from './reportReads';

/**
 * All agents' totals of each of some disjoint, ascending ranges (a series' buckets) within the
 * scope, from the day timelines: one read per UTC month and view, plus the records of the slots
 * the timelines cannot answer (those a range's edge cuts, and those with writes pending). Every
 * timezone offset in use is a multiple of 15 minutes, so whole 5-minute slots tile any local bucket.
 */
export async function totalsFromTimelines(
    documents: StoredDocuments,
    scope: ReportScope,
    ranges: readonly DateRange[],
): Promise<ChatsAndTime[]> {
    const totals = ranges.map(() => ({ chats: 0, sumMs: 0 }));
    if (isEmptyRange(scope.range) || ranges.length === 0) {
        return totals;
    }
    const rangeAt = rangeFinder(ranges);
    const context = await readContext(documents);
    const views = viewsOf(scope);
    let recordPeriods: string[];
    let slotNeeded = (_createdAt: number) => true;
    if (!context.ready) {
        recordPeriods = planReads(scope, context).flatMap((step) => (step.kind === 'records' ? [step.period] : []));
    } else {
        const { range } = scope;
        const months = planReads({ range, departmentIds: undefined }, { ...context, ready: false }).map((step) =>
            step.kind === 'records' ? step.period : '',
        );
        const stored = (
            await Promise.all(months.flatMap((month) => views.map((view) => documents.byAssociations(timelineMonthQuery(month, view)))))
        ).flat();
        const dirty = dirtySlots(context.markers);
        // Dirty slots by start, so that the loop over every slot of the range makes no tag.
        const dirtyStarts = new Set([...dirty].map(periodStart));
        const dirtyDays = new Set([...dirty].map((slot) => periodStart(periodTag('day', periodStart(slot)))));
        const needRecords = new Set<string>();
        for (const timeline of stored.map(decodeTimeline)) {
            if (!timeline) {
                continue;
            }
            // Slots come in order: the bucket holding the previous slot is the first one to try.
            let index = -1;
            let start = periodStart(timeline.day);
            // A clean day inside the range (most of them) needs no check of range or markers per slot.
            const wholeAndClean = start >= range.start && start + DAY_MS - 1 <= range.end && !dirtyDays.has(start);
            for (let slot = 0; slot < timeline.chats.length; slot++) {
                const next = nextSlotStart(start);
                const end = next - 1;
                if (
                    timeline.chats[slot] !== 0 &&
                    (wholeAndClean || (end >= range.start && start <= range.end && !dirtyStarts.has(start)))
                ) {
                    if (index < 0 || start < ranges[index].start || start > ranges[index].end) {
                        index = rangeAt(start);
                    }
                    if (start >= range.start && end <= range.end && index >= 0 && end <= ranges[index].end) {
                        totals[index].chats += timeline.chats[slot];
                        totals[index].sumMs += timeline.sumMs[slot];
                    } else {
                        needRecords.add(periodTag('slot', start));
                    }
                }
                start = next;
            }
        }
        for (const slot of dirty) {
            const start = periodStart(slot);
            if (start <= range.end && nextSlotStart(start) - 1 >= range.start) {
                needRecords.add(slot);
            }
        }
        recordPeriods = recordPeriodsOfSlots(needRecords);
        // An hour read whole holds slots the timelines have already counted: only the slots needed count.
        slotNeeded = (createdAt) => needRecords.has(periodTag('slot', createdAt));
    }
    const reads = await Promise.all(recordPeriods.map((period) => documents.reportRecords(period, context.ready)));
    for (const record of eachRoomOnce(reads.flat())) {
        const index = rangeAt(record.createdAt);
        if (index >= 0 && isInScope(record, scope) && slotNeeded(record.createdAt)) {
            totals[index].chats += 1;
            totals[index].sumMs += record.durationMs;
        }
    }
    return totals;
}

/** Which of some disjoint, ascending ranges holds an instant (-1 for none), by binary search. */
export function rangeFinder(ranges: readonly DateRange[]): (at: number) => number {
    return (at) => {
        let low = 0;
        let high = ranges.length - 1;
        while (low <= high) {
            const middle = (low + high) >> 1;
            if (at < ranges[middle].start) {
                high = middle - 1;
            } else if (at > ranges[middle].end) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    };
}
