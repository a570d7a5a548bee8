import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { ceilDiv, ceilSecondsAverage, decideServiceRecord, isCreatedWithin, secondsToMs } from '../../lib/serviceRecord';
import { closedRoom } from '../helpers/rooms';

describe('which rooms count', () => {
    it('turns a served, closed livechat room into a record of its agent, creation time and duration in ms', () => {
        const decision = decideServiceRecord(
            closedRoom({ id: 'r1', createdAt: '2024-03-01T10:00:00.000Z', agent: { id: 'a1', username: 'alice' }, servedAfterMs: 2000, serviceMs: 61_234, departmentId: 'sales' }),
        );
        expect(decision).toEqual({
            counts: true,
            record: { v: 1, roomId: 'r1', agentId: 'a1', username: 'alice', createdAt: Date.parse('2024-03-01T10:00:00.000Z'), durationMs: 61_234, departmentId: 'sales' },
        });
    });

    it('skips a room closed without an agent', () => {
        const decision = decideServiceRecord(closedRoom({ createdAt: '2024-03-01T10:00:00Z', agent: null, serviceMs: 5000 }));
        expect(decision).toMatchObject({ counts: false, reason: expect.stringContaining('without an agent') });
    });

    it('skips a room whose service time is zero (Rocket.Chat does not store it)', () => {
        const room = closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 0 });
        expect(room._unmappedProperties_?.metrics).not.toHaveProperty('serviceTimeDuration');
        expect(decideServiceRecord(room)).toMatchObject({ counts: false, reason: expect.stringContaining('no service time') });
    });

    it('skips a room whose metrics are missing altogether', () => {
        const room = closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 1000 });
        delete room._unmappedProperties_;
        expect(decideServiceRecord(room).counts).toBe(false);
    });

    it('skips a duration stored as zero or as something other than a number', () => {
        for (const value of [0, '12', null, Number.NaN]) {
            const room = closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 1000 });
            room._unmappedProperties_ = { metrics: { serviceTimeDuration: value } };
            expect(decideServiceRecord(room).counts).toBe(false);
        }
    });

    it('skips rooms that are not livechat rooms, and rooms still open', () => {
        const channel = { ...closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 1000 }), type: RoomType.CHANNEL };
        expect(decideServiceRecord(channel)).toMatchObject({ counts: false, reason: expect.stringContaining('not a livechat room') });
        const open = { ...closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 1000 }), isOpen: true };
        expect(decideServiceRecord(open)).toMatchObject({ counts: false, reason: expect.stringContaining('still open') });
    });

    it('keeps the exact integer milliseconds of a float duration', () => {
        // (closedAt - servedBy.ts) / 1000 with 1 ms of precision, as Rocket.Chat computes it.
        expect(secondsToMs(0.001)).toBe(1);
        expect(secondsToMs(4.015)).toBe(4015);
        expect(secondsToMs(86_399.999)).toBe(86_399_999);
        const room = closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 1 });
        expect(decideServiceRecord(room)).toMatchObject({ counts: true, record: { durationMs: 1 } });
    });
});

describe('the range rule', () => {
    const range = { start: Date.parse('2024-01-01T00:00:00.000Z'), end: Date.parse('2024-01-31T23:59:59.999Z') };

    it('includes both ends to the millisecond', () => {
        expect(isCreatedWithin({ createdAt: range.start }, range)).toBe(true);
        expect(isCreatedWithin({ createdAt: range.end }, range)).toBe(true);
    });

    it('excludes one millisecond outside either end', () => {
        expect(isCreatedWithin({ createdAt: range.start - 1 }, range)).toBe(false);
        expect(isCreatedWithin({ createdAt: range.end + 1 }, range)).toBe(false);
    });
});

describe('rounding', () => {
    it('leaves an exact integer average as it is', () => {
        expect(ceilSecondsAverage(10_000, 2)).toBe(5);
        expect(ceilSecondsAverage(3_000, 1)).toBe(3);
    });

    it('rounds up an average just above an integer', () => {
        expect(ceilSecondsAverage(10_001, 2)).toBe(6);
        expect(ceilSecondsAverage(3_001, 1)).toBe(4);
        expect(ceilSecondsAverage(1, 1)).toBe(1);
    });

    it('stays exact for sums of years of service time', () => {
        const chats = 3;
        const exactSeconds = 2 ** 40;
        expect(ceilSecondsAverage(exactSeconds * 1000 * chats, chats)).toBe(exactSeconds);
        expect(ceilSecondsAverage(exactSeconds * 1000 * chats + 1, chats)).toBe(exactSeconds + 1);
        expect(ceilSecondsAverage(exactSeconds * 1000 * chats - 1, chats)).toBe(exactSeconds);
    });

    it('rounds negative quotients towards positive infinity, as Math.ceil does', () => {
        expect(ceilDiv(-1500, 1000)).toBe(-1);
        expect(ceilDiv(-2000, 1000)).toBe(-2);
        expect(ceilDiv(7, 7)).toBe(1);
    });
});
