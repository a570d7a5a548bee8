import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays } from 'date-fns';

import type { Range } from '../lib/time/presets';
import { dayInZone } from '../lib/time/presets';

export type Interval = 'day' | 'week' | 'month';

/** The interval a chart of the range reads best in: days up to two months, weeks up to a year, then months. */
export function suggestedInterval(range: Range, timeZone: string): Interval {
    const days = differenceInCalendarDays(new TZDate(range.end.getTime(), timeZone), new TZDate(range.start.getTime(), timeZone)) + 1;
    if (days <= 62) {
        return 'day';
    }
    return days <= 366 ? 'week' : 'month';
}

/** The custom range's days a preset starts from, so that switching to "custom" keeps what is on screen. */
export function customDays(range: Range, timeZone: string): { from: string; to: string } {
    return { from: dayInZone(range.start, timeZone), to: dayInZone(range.end, timeZone) };
}
