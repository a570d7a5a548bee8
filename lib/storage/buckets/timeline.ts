import type { ChatsAndTime } from '../../reports/reportReader';
import type { BucketView } from '../layout';
import { TIMELINE_VERSION } from '../versions';
import { periodTag, slotIndexInDay, SLOTS_PER_DAY } from '../../time/periods';

/**
 * One UTC day of one view as its 288 slots' totals: the chats and service time of each 5-minute
 * slot, all agents together. A series reads a month of them per view in one read and adds up the
 * slots of each of its buckets, in any timezone: every offset in use is a multiple of 15 minutes,
 * so whole slots tile any local day, week or month (and a slot that a bucket's edge would cut is
 * read from its records). Per-agent series read the buckets instead (`buckets/readPlan.ts`).
 */
export interface DayTimeline {
    day: string;
    view: BucketView;
    chats: number[];
    sumMs: number[];
}

/**
 * A timeline as stored: each column as one comma-separated string (a zero as nothing). MongoDB stores
 * every array element with its index as a key, and the engine's bridge copies arrays element by
 * element; one string of about 3 KB costs far less to store, read and hand over than 576 numbers.
 */
interface StoredTimeline {
    v: typeof TIMELINE_VERSION;
    day: string;
    view: BucketView;
    chats: string;
    sumMs: string;
}

/** A slot's totals in one view. */
export type SlotTotals = ChatsAndTime;

export function emptyTimeline(day: string, view: BucketView): DayTimeline {
    return { day, view, chats: new Array<number>(SLOTS_PER_DAY).fill(0), sumMs: new Array<number>(SLOTS_PER_DAY).fill(0) };
}

export function encodeTimeline({ day, view, chats, sumMs }: DayTimeline): StoredTimeline {
    const column = (values: number[]) => values.map((value) => (value === 0 ? '' : String(value))).join(',');
    return { v: TIMELINE_VERSION, day, view, chats: column(chats), sumMs: column(sumMs) };
}

/** A stored timeline, or undefined for anything else (a column of the wrong length included). */
export function decodeTimeline(data: unknown): DayTimeline | undefined {
    const stored = data as Partial<StoredTimeline> | null;
    if (
        typeof stored !== 'object' ||
        stored === null ||
        stored.v !== TIMELINE_VERSION ||
        typeof stored.day !== 'string' ||
        typeof stored.view !== 'string' ||
        typeof stored.chats !== 'string' ||
        typeof stored.sumMs !== 'string'
    ) {
        return undefined;
    }
    const chats = stored.chats.split(',').map(Number);
    const sumMs = stored.sumMs.split(',').map(Number);
    const valid = (column: number[]) => column.length === SLOTS_PER_DAY && column.every(Number.isFinite);
    return valid(chats) && valid(sumMs) ? { day: stored.day, view: stored.view, chats, sumMs } : undefined;
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
