import { paginate } from '../../../lib/reports/pagination';
import { toAverageItem, toTotalItem } from '../../../lib/reports/shapes';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { decideServiceRecord } from '../../../lib/chats/serviceRecord';
import { closedRoom } from '../../helpers/rooms';

const JAN = { start: Date.parse('2024-01-01T00:00:00.000Z'), end: Date.parse('2024-01-31T23:59:59.999Z') };
let roomSequence = 0;

function record(agentId: string, username: string, durationMs: number, createdAt = '2024-01-10T12:00:00.000Z'): ServiceRecord {
    return { v: 1, roomId: `room-${++roomSequence}`, agentId, username, createdAt: Date.parse(createdAt), durationMs };
}

const averages = (records: ServiceRecord[], range = JAN, departmentIds?: string[]) =>
    totalsFromRecords(records, { range, departmentIds }).map(toAverageItem);

describe('the average report', () => {
    it('averages each agent over their chats, in whole seconds rounded up', () => {
        expect(averages([record('a1', 'alice', 10_000), record('a1', 'alice', 20_001), record('b1', 'bob', 4_000)])).toEqual([
            { _id: 'a1', username: 'alice', averageServiceTimeInSeconds: 16 },
            { _id: 'b1', username: 'bob', averageServiceTimeInSeconds: 4 },
        ]);
    });

    it('sums integer milliseconds, so float seconds never push an exact average up', () => {
        // 0.1 s + 2.7 s + 0.2 s is 3 s exactly; summed as floats it is 3.0000000000000004 and would round to 2.
        const records = [0.1, 2.7, 0.2].map((seconds, i) => {
            const room = closedRoom({ id: `f${i}`, createdAt: '2024-01-10T00:00:00Z', serviceMs: 1000 });
            room._unmappedProperties_ = { metrics: { serviceTimeDuration: seconds } };
            const decision = decideServiceRecord(room);
            if (!decision.counts) throw new Error('room should count');
            return decision.record;
        });
        expect(averages(records)).toEqual([{ _id: 'agent-1', username: 'alice', averageServiceTimeInSeconds: 1 }]);
    });

    it('lists an agent renamed between chats twice, once per (id, username) pair', () => {
        expect(averages([record('a1', 'alice', 2_000), record('a1', 'alice.smith', 6_000)])).toEqual([
            { _id: 'a1', username: 'alice', averageServiceTimeInSeconds: 2 },
            { _id: 'a1', username: 'alice.smith', averageServiceTimeInSeconds: 6 },
        ]);
    });

    it('counts rooms created inside the range, both ends included to the millisecond', () => {
        const items = averages([
            record('a1', 'alice', 1_000, '2024-01-01T00:00:00.000Z'),
            record('a1', 'alice', 3_000, '2024-01-31T23:59:59.999Z'),
            record('a1', 'alice', 100_000, '2023-12-31T23:59:59.999Z'),
            record('a1', 'alice', 100_000, '2024-02-01T00:00:00.000Z'),
        ]);
        expect(items).toEqual([{ _id: 'a1', username: 'alice', averageServiceTimeInSeconds: 2 }]);
    });

    it('counts a room created in the range even though it closed after the range ended', () => {
        // A month-long chat created on the last day: its record carries the creation time only.
        const room = closedRoom({ id: 'late', createdAt: '2024-01-31T23:00:00Z', serviceMs: 30 * 24 * 3600 * 1000 });
        const decision = decideServiceRecord(room);
        expect(decision.counts && averages([decision.record])).toEqual([
            { _id: 'agent-1', username: 'alice', averageServiceTimeInSeconds: 2_592_000 },
        ]);
    });

    it('leaves out agents whose rooms all fall outside the range', () => {
        expect(averages([record('a1', 'alice', 1_000, '2023-06-01T00:00:00Z')])).toEqual([]);
    });

    it('sorts by username by code point, then by _id', () => {
        const items = averages([
            record('z9', 'adam', 1_000),
            record('a2', 'Zoe', 1_000),
            record('a1', 'adam', 1_000),
            record('x', 'agent9', 1_000),
            record('y', 'agent10', 1_000),
        ]);
        expect(items.map((item) => [item.username, item._id])).toEqual([
            ['Zoe', 'a2'],
            ['adam', 'a1'],
            ['adam', 'z9'],
            ['agent10', 'y'],
            ['agent9', 'x'],
        ]);
    });

    it('counts a room stored twice only once', () => {
        const twice = record('a1', 'alice', 10_000);
        expect(averages([twice, { ...twice }, record('a1', 'alice', 2_000)])).toEqual([
            { _id: 'a1', username: 'alice', averageServiceTimeInSeconds: 6 },
        ]);
    });
});

describe('the department filter', () => {
    const inDepartment = (agentId: string, departmentId: string | undefined, durationMs: number): ServiceRecord => ({
        ...record(agentId, agentId, durationMs),
        ...(departmentId && { departmentId }),
    });

    it('counts only rooms of the named departments', () => {
        const records = [
            inDepartment('ann', 'sales', 1_000),
            inDepartment('ann', 'support', 9_000),
            inDepartment('bob', 'support', 4_000),
            inDepartment('cid', undefined, 2_000),
        ];
        expect(averages(records, JAN, ['sales'])).toEqual([{ _id: 'ann', username: 'ann', averageServiceTimeInSeconds: 1 }]);
        expect(averages(records, JAN, ['sales', 'support']).map((item) => [item.username, item.averageServiceTimeInSeconds])).toEqual([
            ['ann', 5],
            ['bob', 4],
        ]);
    });

    it('gives an empty report for an unknown department, and everything without a filter', () => {
        const records = [inDepartment('ann', 'sales', 1_000), inDepartment('cid', undefined, 2_000)];
        expect(averages(records, JAN, ['no-such-department'])).toEqual([]);
        expect(averages(records, JAN)).toHaveLength(2);
    });
});

describe('the total report', () => {
    it('gives each agent their chats and the summed seconds rounded up', () => {
        const totals = totalsFromRecords([record('a1', 'alice', 1_500), record('a1', 'alice', 1_600)], { range: JAN }).map(toTotalItem);
        expect(totals).toEqual([{ _id: 'a1', username: 'alice', chats: 2, serviceTimeDuration: 4 }]);
    });
});

describe('paging the sorted agents', () => {
    const letters = ['a', 'b', 'c', 'd', 'e'];

    it('cuts the page at offset and count, and reports the total before the cut', () => {
        expect(paginate(letters, { offset: 1, count: 2 })).toEqual({ items: ['b', 'c'], count: 2, offset: 1, total: 5 });
    });

    it('returns everything from the offset on when count is 0', () => {
        expect(paginate(letters, { offset: 3, count: 0 })).toEqual({ items: ['d', 'e'], count: 2, offset: 3, total: 5 });
    });

    it('returns an empty page past the end, still with the total', () => {
        expect(paginate(letters, { offset: 9, count: 2 })).toEqual({ items: [], count: 0, offset: 9, total: 5 });
    });
});
