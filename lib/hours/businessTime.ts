import { localDaysOf, wallTimeToInstant } from '../series/calendar';
import type { Schedule } from './businessHours';

const MINUTE_MS = 60_000;

/**
 * The part of a span of time (ms since the epoch, `end` excluded) that falls inside a schedule's
 * opening hours: day by local day of the schedule's timezone (so a day across a daylight-saving
 * change has its true length, and 09:00 is 09:00 local on both sides of it), holidays closed all day.
 */
export function businessMsBetween(start: number, end: number, schedule: Schedule): number {
    if (!(end > start)) {
        return 0;
    }
    let total = 0;
    for (const day of localDaysOf({ start, end: end - 1 }, schedule.timeZone)) {
        const date = day.label.slice(0, 10);
        if (schedule.holidays.has(date)) {
            continue;
        }
        const midnightWall = Date.parse(`${date}T00:00:00.000Z`);
        const weekday = new Date(midnightWall).getUTCDay();
        for (const [from, to] of schedule.week[weekday]) {
            const opens = wallTimeToInstant(midnightWall + from * MINUTE_MS, schedule.timeZone);
            // 24:00 is the day's end, wherever a change puts the next midnight.
            const closes = to === 24 * 60 ? day.end + 1 : wallTimeToInstant(midnightWall + to * MINUTE_MS, schedule.timeZone);
            total += Math.max(0, Math.min(end, closes) - Math.max(start, opens));
        }
    }
    return total;
}
