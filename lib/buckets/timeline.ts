import type { BucketView } from '../storage/layout';
import { periodTag, slotIndexInDay, SLOTS_PER_DAY } from './periods';

/**
 * One UTC day of one view as its 288 slots' totals: the chats and service time of each 5-minute
 * slot, all agents together. A series reads a month of them per view in one read and adds up the
 * slots of each of its buckets, in any timezone: every offset in use is a multiple of 15 minutes,
 * so whole slots tile any local day, week or month (and a slot that a bucket's edge would cut is
 * read from its records). Per-agent series read the buckets instead (`buckets/readPlan.ts`).
 */
export interface DayTimeline {
    v: 1;
    day: string;
    view: BucketView;
    chats: number[];
    sumMs: number[];
}

/** A slot's totals in one view. */
export interface SlotTotals {
    chats: number;
    sumMs: number;
}

export function emptyTimeline(day: string, view: BucketView): DayTimeline {
    return { v: 1, day, view, chats: new Array<number>(SLOTS_PER_DAY).fill(0), sumMs: new Array<number>(SLOTS_PER_DAY).fill(0) };
}

export function isDayTimeline(data: unknown): data is DayTimeline {
    const timeline = data as Partial<DayTimeline> | null;
    return (
        typeof timeline === 'object' &&
        timeline !== null &&
        timeline.v === 1 &&
        typeof timeline.day === 'string' &&
        typeof timeline.view === 'string' &&
        Array.isArray(timeline.chats) &&
        timeline.chats.length === SLOTS_PER_DAY &&
        Array.isArray(timeline.sumMs) &&
        timeline.sumMs.length === SLOTS_PER_DAY
    );
}

/** Sets the totals of some slots (`slot:…` tags of the timeline's day); answers whether any slot is left with chats. */
export function setSlots(timeline: DayTimeline, slots: ReadonlyMap<string, SlotTotals>, slotStart: (slot: string) => number): boolean {
    slots.forEach((totals, slot) => {
        const index = slotIndexInDay(slotStart(slot));
        timeline.chats[index] = totals.chats;
        timeline.sumMs[index] = totals.sumMs;
    });
    return timeline.chats.some((chats) => chats !== 0);
}

/** The day (`day:…`) of a slot tag's start. */
export function dayOfSlot(slotStart: number): string {
    return periodTag('day', slotStart);
}
