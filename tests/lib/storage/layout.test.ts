import { dayTag, monthTag } from '../../../lib/storage/layout';
import { readStoredRecord } from '../../../lib/records/serviceRecord';

const at = (iso: string) => Date.parse(iso);

describe('period tags', () => {
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
