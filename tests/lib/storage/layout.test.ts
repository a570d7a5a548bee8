import { childStarts, parentTag, periodEnd, periodStart, periodTag } from '../../../lib/time/periods';
import { readStoredRecord } from '../../../lib/chats/serviceRecord';
import { monthTag, recordAssociations } from '../../../lib/storage/layout';

const at = (iso: string) => Date.parse(iso);

describe('period tags', () => {
    it('tags periods in UTC, slots on 5-minute boundaries', () => {
        expect(monthTag(at('2024-01-31T23:59:59.999Z'))).toBe('month:2024-01');
        expect(periodTag('day', at('2024-02-01T00:00:00.000Z'))).toBe('day:2024-02-01');
        expect(periodTag('hour', at('2024-02-01T07:59:59.999Z'))).toBe('hour:2024-02-01T07');
        expect(periodTag('slot', at('2024-02-01T07:59:59.999Z'))).toBe('slot:2024-02-01T07:55');
        expect(periodTag('year', at('2024-02-01T07:59:59.999Z'))).toBe('year:2024');
    });

    it('finds each period’s start, end, parent and children', () => {
        expect(periodStart('slot:2024-02-01T07:55')).toBe(at('2024-02-01T07:55:00.000Z'));
        expect(periodEnd('month', periodStart('month:2024-02'))).toBe(at('2024-02-29T23:59:59.999Z'));
        expect(parentTag('slot', 'slot:2024-02-01T07:55')).toBe('hour:2024-02-01T07');
        expect(parentTag('month', 'month:2024-02')).toBe('year:2024');
        expect([...childStarts('month', periodStart('month:2024-02'))]).toHaveLength(29);
        expect([...childStarts('hour', periodStart('hour:2024-02-01T07'))]).toHaveLength(12);
    });

    it('puts the room first in a record’s associations, the tag MongoDB’s index looks up', () => {
        const [first, ...rest] = recordAssociations('room-1', at('2024-02-01T07:58:00.000Z'));
        expect(first.getID()).toBe('room-1');
        expect(rest.map((association) => association.getID())).toEqual([
            'service-record-v2',
            'slot:2024-02-01T07:55',
            'hour:2024-02-01T07',
            'day:2024-02-01',
            'month:2024-02',
        ]);
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
