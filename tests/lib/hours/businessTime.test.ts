import fc from 'fast-check';

import type { Schedule } from '../../../lib/hours/businessHours';
import { parseBusinessHours } from '../../../lib/hours/businessHours';
import { businessMsBetween } from '../../../lib/hours/businessTime';

const HOUR = 3_600_000;

/** Monday to Friday 09:00-18:00 (with a lunch break when asked), in a timezone, with holidays. */
function weekdays(timeZone: string, holidays: string[] = [], lunch = false): Schedule {
    const day = lunch ? ['09:00-12:00', '13:00-18:00'] : ['09:00-18:00'];
    const parsed = parseBusinessHours(
        JSON.stringify({ default: { timezone: timeZone, week: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays } }),
    );
    if (!parsed.ok) {
        throw new Error(parsed.problems.join('; '));
    }
    return parsed.value.default;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The oracle: the minutes of [start, end) whose local clock (Intl, the platform's time zone data) reads
 * an open time on a day that is no holiday. No code shared with the app's interval arithmetic.
 */
function localClockMinutes(start: number, end: number, schedule: Schedule): number {
    const format = new Intl.DateTimeFormat('en-US', {
        timeZone: schedule.timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
    });
    let open = 0;
    for (let minute = start; minute < end; minute += 60_000) {
        const parts = Object.fromEntries(format.formatToParts(minute).map((part) => [part.type, part.value]));
        const date = `${parts.year}-${parts.month}-${parts.day}`;
        const ofDay = Number(parts.hour) * 60 + Number(parts.minute);
        const intervals = schedule.week[WEEKDAYS.indexOf(parts.weekday)];
        if (!schedule.holidays.has(date) && intervals.some(([from, to]) => ofDay >= from && ofDay < to)) {
            open++;
        }
    }
    return open;
}

const hours = (start: string, end: string, schedule: Schedule) => businessMsBetween(Date.parse(start), Date.parse(end), schedule) / HOUR;

/** Asks one schedule for each span in turn (its cache grows as they come) and checks each against the oracle. */
function expectSpansToMatchTheLocalClock(schedule: Schedule, spans: Array<[string, string]>): void {
    for (const [start, end] of spans) {
        expect(hours(start, end, schedule) * 60).toBe(localClockMinutes(Date.parse(start), Date.parse(end), schedule));
    }
}

describe('the business part of a span of time', () => {
    it('is the span itself inside opening hours, and nothing at night', () => {
        const berlin = weekdays('Europe/Berlin');
        expect(hours('2026-03-03T10:00:00+01:00', '2026-03-03T12:30:00+01:00', berlin)).toBe(2.5);
        expect(hours('2026-03-03T19:00:00+01:00', '2026-03-04T08:00:00+01:00', berlin)).toBe(0);
        // Left open overnight: 17:00-18:00, then 09:00-10:00 the next morning.
        expect(hours('2026-03-03T17:00:00+01:00', '2026-03-04T10:00:00+01:00', berlin)).toBe(2);
    });

    it('skips the weekend and a lunch break', () => {
        // Friday 16:00 to Monday 11:00 in São Paulo: Friday 16-18 (2 h), Monday 9-11 (2 h), nothing on the weekend.
        expect(hours('2026-03-06T16:00:00-03:00', '2026-03-09T11:00:00-03:00', weekdays('America/Sao_Paulo'))).toBe(4);
        expect(hours('2026-03-09T11:00:00-03:00', '2026-03-09T14:00:00-03:00', weekdays('America/Sao_Paulo', [], true))).toBe(2);
    });

    it('skips a holiday all day', () => {
        // Thursday 17:00 to Monday 10:00, Friday 3 April 2026 a holiday: Thursday 1 h, Monday 1 h.
        expect(hours('2026-04-02T17:00:00-03:00', '2026-04-06T10:00:00-03:00', weekdays('America/Sao_Paulo', ['2026-04-03']))).toBe(2);
    });

    it('opens at 09:00 local on both sides of a daylight-saving change in Berlin', () => {
        // Summer time begins Sunday 29 March 2026: Friday 17:00 (+01:00) to Monday 10:00 (+02:00) is 2 business hours.
        expect(hours('2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z', weekdays('Europe/Berlin'))).toBe(2);
        // And ends Sunday 25 October 2026: Friday 17:00 (+02:00) to Monday 10:00 (+01:00).
        expect(hours('2026-10-23T15:00:00Z', '2026-10-26T09:00:00Z', weekdays('Europe/Berlin'))).toBe(2);
    });

    it('opens at 09:00 local on both sides of São Paulo’s last daylight-saving changes', () => {
        // Summer time began at midnight on Sunday 4 November 2018 (-03:00 to -02:00) and ended on 17 February 2019.
        expect(hours('2018-11-02T20:00:00Z', '2018-11-05T12:00:00Z', weekdays('America/Sao_Paulo'))).toBe(2);
        expect(hours('2019-02-15T19:00:00Z', '2019-02-18T13:00:00Z', weekdays('America/Sao_Paulo'))).toBe(2);
    });

    it('equals a minute-by-minute count from the local clock, whatever was asked of the schedule before (in any order)', () => {
        expectSpansToMatchTheLocalClock(weekdays('Europe/Berlin', ['2026-12-25']), [
            ['2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z'],
            ['2018-11-02T20:00:00Z', '2018-11-05T12:00:00Z'],
            ['2027-06-01T05:00:00Z', '2027-06-03T20:00:00Z'],
            ['2026-12-24T12:00:00Z', '2026-12-28T12:00:00Z'],
            ['2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z'],
        ]);
    });

    it('works out stretches centuries apart each on its own, not every day between them', () => {
        expectSpansToMatchTheLocalClock(weekdays('America/Sao_Paulo'), [
            ['1925-03-02T10:00:00Z', '1925-03-09T10:00:00Z'],
            ['2125-03-04T10:00:00Z', '2125-03-06T20:00:00Z'],
            ['1955-05-05T10:00:00Z', '1955-05-06T20:00:00Z'],
            ['2026-12-01T10:00:00Z', '2026-12-02T10:00:00Z'],
        ]);
    });

    it('refuses a stretch longer than ten years, at once', () => {
        const schedule = weekdays('America/Sao_Paulo');
        expect(() => businessMsBetween(Date.parse('1900-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'), schedule)).toThrow(
            'a stretch of 126 years is longer than business hours are worked out for',
        );
        expect(businessMsBetween(Date.parse('2016-01-04T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'), schedule)).toBeGreaterThan(0);
    });

    it('matches a holiday by its local date, east of UTC as west of it', () => {
        // 2026-05-05 is a holiday in Tokyo (UTC+9): its local day runs from 2026-05-04T15:00Z.
        const tokyo = weekdays('Asia/Tokyo', ['2026-05-05']);
        expect(hours('2026-05-04T23:00:00Z', '2026-05-05T10:00:00Z', tokyo)).toBe(0);
        expect(hours('2026-05-05T23:00:00Z', '2026-05-06T10:00:00Z', tokyo)).toBe(9);
        // And Honolulu (UTC-10): its holiday's local day ends at 2026-12-26T10:00Z.
        const honolulu = weekdays('Pacific/Honolulu', ['2026-12-25']);
        expect(hours('2026-12-25T18:00:00Z', '2026-12-26T04:00:00Z', honolulu)).toBe(0);
    });

    it.each(['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Tokyo', 'Asia/Kolkata', 'Pacific/Honolulu'])(
        'equals the minute-by-minute count for random spans in %s, holidays and lunch breaks included',
        (timeZone) => {
            const schedule = weekdays(timeZone, ['2026-03-02', '2026-03-31', '2026-10-26'], true);
            fc.assert(
                fc.property(
                    fc.integer({ min: Date.parse('2026-02-25T00:00:00Z') / 60_000, max: Date.parse('2026-11-01T00:00:00Z') / 60_000 }),
                    fc.integer({ min: 0, max: 3 * 24 * 60 }),
                    (startMinute, minutes) => {
                        const start = startMinute * 60_000;
                        expect(businessMsBetween(start, start + minutes * 60_000, schedule) / 60_000).toBe(
                            localClockMinutes(start, start + minutes * 60_000, schedule),
                        );
                    },
                ),
                { numRuns: 20 },
            );
        },
    );

    it('counts a schedule open around the clock as the whole span, across a 23-hour day', () => {
        const always = parseBusinessHours(
            JSON.stringify({
                default: {
                    timezone: 'Europe/Berlin',
                    week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, ['00:00-24:00']])),
                },
            }),
        );
        if (!always.ok) {
            throw new Error(always.problems.join('; '));
        }
        expect(hours('2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', always.value.default)).toBe(48);
    });
});

describe('the business-hours setting', () => {
    it('names every problem in plain words, with where it is', () => {
        const parsed = parseBusinessHours(
            JSON.stringify({
                default: {
                    timezone: 'America/Sao_Paolo',
                    week: { mon: ['9-18'], fri: ['18:00-09:00'], sunday: [] },
                    holidays: ['2026-02-30'],
                },
                departments: { sales: { timezone: 'UTC', week: { mon: ['09:00-13:00', '12:00-18:00'] } } },
                extra: true,
            }),
        );
        expect(parsed).toEqual({
            ok: false,
            problems: [
                '"extra" is not known: use "default" and "departments"',
                'default.timezone: "America/Sao_Paolo" is not a timezone (an IANA name such as "America/Sao_Paulo")',
                'default.week.mon[0]: "9-18" is not HH:MM-HH:MM (such as "09:00-18:00")',
                'default.week.fri[0]: "18:00-09:00" ends before it starts (a night shift is two intervals: "22:00-24:00" and the next day\'s "00:00-06:00")',
                'default.week: "sunday" is not a weekday (use sun, mon, tue, wed, thu, fri, sat)',
                'default.holidays[0]: "2026-02-30" is not a date (YYYY-MM-DD)',
                'departments.sales.week.mon: intervals overlap',
            ],
        });
        expect(parseBusinessHours('{"default": ')).toEqual({ ok: false, problems: [expect.stringMatching(/^it is not JSON/)] });
        // JSON.parse makes "__proto__" an own key: refused, since an answer carrying it stalls the engine's decoder.
        const day = { timezone: 'UTC', week: { mon: ['09:00-18:00'] } };
        expect(
            parseBusinessHours(
                `{"default": ${JSON.stringify(day)}, "departments": {"__proto__": ${JSON.stringify(day)}, " ": ${JSON.stringify(day)}}}`,
            ),
        ).toEqual({
            ok: false,
            problems: [
                'departments: "__proto__" is not a department id (use the department\'s _id)',
                'departments: " " is not a department id (use the department\'s _id)',
            ],
        });
    });
});
