import { dayTag, monthTag, planRangeReads, readStoredRecord } from '../../lib/recordLayout';

const at = (iso: string) => Date.parse(iso);

describe('which periods a range reads', () => {
    it('reads a whole month as one month', () => {
        expect(planRangeReads({ start: at('2024-02-01T00:00:00.000Z'), end: at('2024-02-29T23:59:59.999Z') }, [2024])).toEqual(['month:2024-02']);
    });

    it('reads the ragged edges day by day and the months between whole', () => {
        const tags = planRangeReads({ start: at('2024-01-30T12:00:00.000Z'), end: at('2024-04-02T00:00:00.000Z') }, [2024]);
        expect(tags).toEqual(['day:2024-01-30', 'day:2024-01-31', 'month:2024-02', 'month:2024-03', 'day:2024-04-01', 'day:2024-04-02']);
    });

    it('reads one day for a range inside a day, down to a single millisecond', () => {
        const instant = at('2024-05-05T05:05:05.005Z');
        expect(planRangeReads({ start: instant, end: instant }, [2024])).toEqual(['day:2024-05-05']);
    });

    it('reads nothing of years without records', () => {
        expect(planRangeReads({ start: at('1970-01-01'), end: at('2100-01-01') }, [2023])).toHaveLength(12);
        expect(planRangeReads({ start: at('2024-01-01'), end: at('2024-12-31') }, [])).toEqual([]);
    });

    it('reads nothing for an end before the start', () => {
        expect(planRangeReads({ start: at('2024-02-01'), end: at('2024-01-01') }, [2024])).toEqual([]);
    });

    it('tags periods in UTC', () => {
        expect(monthTag(at('2024-01-31T23:59:59.999Z'))).toBe('month:2024-01');
        expect(dayTag(at('2024-02-01T00:00:00.000Z'))).toBe('day:2024-02-01');
    });
});

describe('reading stored records', () => {
    it('reads a version 1 record and ignores anything else', () => {
        const record = { v: 1, roomId: 'r', agentId: 'a', username: 'u', createdAt: 1, durationMs: 2 };
        expect(readStoredRecord(record)).toEqual(record);
        expect(readStoredRecord({ ...record, v: 99 })).toBeUndefined();
        expect(readStoredRecord({ ...record, durationMs: '2' })).toBeUndefined();
        expect(readStoredRecord(null)).toBeUndefined();
    });
});
