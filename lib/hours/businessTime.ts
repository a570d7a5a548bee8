import { localDaysOf, wallTimeToInstant } from '../time/calendar';
import type { Schedule } from './businessHours';
import { DAY_MS, MINUTE_MS } from '../time/units';

/** How far past what a leg needs the opening hours are worked out at once: a report's legs cluster. */
const MARGIN_MS = 31 * DAY_MS;

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
        if (Number.isNaN(this.from)) {
            const days = this.days(start - MARGIN_MS, end + MARGIN_MS);
            this.times = days.times;
            [this.from, this.to] = [days.from, days.to];
            return;
        }
        if (start < this.from) {
            const days = this.days(start - MARGIN_MS, this.from - 1);
            this.times = [...days.times, ...this.times];
            this.from = days.from;
        }
        if (end > this.to) {
            const days = this.days(this.to + 1, end + MARGIN_MS);
            this.times.push(...days.times);
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
    let openings = openingsBySchedule.get(schedule);
    if (!openings) {
        openings = new Openings(schedule);
        openingsBySchedule.set(schedule, openings);
    }
    return openings.businessMs(start, end);
}
