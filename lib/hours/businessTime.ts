import { localDaysOf, wallTimeToInstant } from '../time/calendar';
import type { Schedule } from './businessHours';
import { DAY_MS, MINUTE_MS } from '../time/units';

/** How far past what a leg needs the opening hours are worked out at once: a report's legs cluster. */
const MARGIN_MS = 31 * DAY_MS;

/**
 * The longest stretch whose business time is worked out (ten years of local days, about 0.1 s): a
 * stretch of centuries (a bad clock, a bad import) would take seconds to minutes of one request.
 * Reports refuse it (`attribution.ts`).
 */
export const LONGEST_BUSINESS_SPAN_MS = 3_653 * DAY_MS;

/** Past this gap between what is worked out and what a leg asks, the old opening hours are dropped, not bridged. */
const LONGEST_GAP_MS = 366 * DAY_MS;

/**
 * A schedule's opening hours as instants, worked out day by local day of its timezone for the span
 * asked so far (so a day across a daylight-saving change has its true length, and 09:00 is 09:00 local
 * on both sides of it; holidays closed all day), and extended as later or earlier legs ask.
 */
class Openings {
    /** Opening and closing instants, flat (`[open, close, open, close, ...]`), ascending. */
    private times: number[] = [];
    private from = Number.NaN;
    private to = Number.NaN;

    constructor(private readonly schedule: Schedule) {}

    /** The part of [start, end) inside the opening hours. */
    public businessMs(start: number, end: number): number {
        this.cover(start, end);
        const { times } = this;
        // The first interval that closes after `start` (binary search on the closing instants).
        let low = 0;
        let high = times.length / 2;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (times[2 * middle + 1] <= start) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        let total = 0;
        for (let i = low; i < times.length / 2 && times[2 * i] < end; i++) {
            total += Math.min(end, times[2 * i + 1]) - Math.max(start, times[2 * i]);
        }
        return total;
    }

    private cover(start: number, end: number): void {
        // Legs decades apart: work out the new span alone, not every day between them.
        if (Number.isNaN(this.from) || start > this.to + LONGEST_GAP_MS || end < this.from - LONGEST_GAP_MS) {
            const days = this.days(start - MARGIN_MS, end + MARGIN_MS);
            this.times = days.times;
            [this.from, this.to] = [days.from, days.to];
            return;
        }
        // concat, not spread: a spread of many thousand values overflows the call stack.
        if (start < this.from) {
            const days = this.days(start - MARGIN_MS, this.from - 1);
            this.times = days.times.concat(this.times);
            this.from = days.from;
        }
        if (end > this.to) {
            const days = this.days(this.to + 1, end + MARGIN_MS);
            this.times = this.times.concat(days.times);
            this.to = days.to;
        }
    }

    /** The opening hours of the local days a span touches, and the instants those days begin and end. */
    private days(start: number, end: number): { times: number[]; from: number; to: number } {
        const { timeZone, week, holidays } = this.schedule;
        const days = localDaysOf({ start, end }, timeZone);
        const times: number[] = [];
        for (const day of days) {
            const date = day.label.slice(0, 10);
            if (holidays.has(date)) {
                continue;
            }
            const midnightWall = Date.parse(`${date}T00:00:00.000Z`);
            for (const [open, close] of week[new Date(midnightWall).getUTCDay()]) {
                const opens = wallTimeToInstant(midnightWall + open * MINUTE_MS, timeZone);
                // 24:00 is the day's end, wherever a change puts the next midnight.
                const closes = close === 24 * 60 ? day.end + 1 : wallTimeToInstant(midnightWall + close * MINUTE_MS, timeZone);
                if (closes > opens) {
                    times.push(opens, closes);
                }
            }
        }
        return { times, from: days[0].start, to: days[days.length - 1].end };
    }
}

/** One `Openings` per parsed schedule: a report parses the setting once, so its legs share the work. */
const openingsBySchedule = new WeakMap<Schedule, Openings>();

/** The part of a span of time (ms since the epoch, `end` excluded) that falls inside a schedule's opening hours. */
export function businessMsBetween(start: number, end: number, schedule: Schedule): number {
    if (!(end > start)) {
        return 0;
    }
    if (end - start > LONGEST_BUSINESS_SPAN_MS) {
        throw new RangeError(
            `a stretch of ${Math.round((end - start) / (365.25 * DAY_MS))} years is longer than business hours are worked out for`,
        );
    }
    let openings = openingsBySchedule.get(schedule);
    if (!openings) {
        openings = new Openings(schedule);
        openingsBySchedule.set(schedule, openings);
    }
    return openings.businessMs(start, end);
}
