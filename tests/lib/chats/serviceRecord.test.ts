import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { decideServiceRecord, fingerprintsOf, readStoredRecord, recordFingerprint, secondsToMs } from '../../../lib/chats/serviceRecord';
import { closedRoom } from '../../helpers/rooms';

describe('which rooms count', () => {
    it('turns a served, closed livechat room into a record of its agent, creation time and duration in ms', () => {
        const decision = decideServiceRecord(
            closedRoom({
                id: 'r1',
                createdAt: '2024-03-01T10:00:00.000Z',
                agent: { id: 'a1', username: 'alice' },
                servedAfterMs: 2000,
                serviceMs: 61_234,
                departmentId: 'sales',
                firstResponseAfterMs: 4_567,
            }),
        );
        expect(decision).toEqual({
            counts: true,
            record: {
                v: 1,
                roomId: 'r1',
                agentId: 'a1',
                username: 'alice',
                createdAt: Date.parse('2024-03-01T10:00:00.000Z'),
                durationMs: 61_234,
                departmentId: 'sales',
                closedAt: Date.parse('2024-03-01T10:01:03.234Z'),
                firstResponseMs: 4_567,
                chatDurationMs: 63_234,
            },
        });
    });

    it('keeps no first response for a room no agent ever answered, and reads records of older versions without the new times', () => {
        const decision = decideServiceRecord(closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 5000 }));
        expect(decision.counts && decision.record).not.toHaveProperty('firstResponseMs');
        const older = { v: 1, roomId: 'r', agentId: 'a', username: 'u', createdAt: 1, durationMs: 2 };
        expect(readStoredRecord(older)).toEqual(older);
        expect(readStoredRecord({ ...older, firstResponseMs: 'soon', chatDurationMs: 7 })).toEqual({ ...older, chatDurationMs: 7 });
    });

    it('keeps a department id only when it is a string, as the core matches it, in new records and stored ones', () => {
        for (const departmentId of [42, { a: 1 }, '', null]) {
            const room = closedRoom({
                id: 'r1',
                createdAt: '2024-03-01T10:00:00.000Z',
                agent: { id: 'a1', username: 'alice' },
                serviceMs: 1_000,
            });
            const decision = decideServiceRecord({ ...room, department: { id: departmentId } as unknown as typeof room.department });
            expect(decision.counts && decision.record.departmentId).toBeUndefined();
            const stored = { v: 1, roomId: 'r1', agentId: 'a1', username: 'alice', createdAt: 1, durationMs: 1, departmentId };
            expect(readStoredRecord(stored)).not.toHaveProperty('departmentId');
        }
        expect(
            readStoredRecord({ v: 1, roomId: 'r1', agentId: 'a1', username: 'alice', createdAt: 1, durationMs: 1, departmentId: '42' }),
        ).toHaveProperty('departmentId', '42');
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

describe('what the store cannot hold', () => {
    const decideWith = (createdAt: string | number, seconds = 10) => {
        const room = closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 1000 });
        room.createdAt = new Date(createdAt);
        room._unmappedProperties_ = { metrics: { serviceTimeDuration: seconds } };
        return decideServiceRecord(room);
    };

    it('refuses rooms created outside the years 0000 to 9999, with a reason', () => {
        for (const createdAt of ['+010000-01-01T00:00:00.000Z', '-000001-12-31T23:59:59.999Z', 8.64e15, -8.64e15]) {
            expect(decideWith(createdAt)).toMatchObject({
                counts: false,
                reason: expect.stringContaining('outside the years 0000 to 9999'),
            });
        }
        expect(decideWith('9999-12-31T23:59:59.999Z').counts).toBe(true);
        expect(decideWith('0000-01-01T00:00:00.000Z').counts).toBe(true);
    });

    it('refuses a service time longer than a century, which would break exact sums', () => {
        expect(decideWith('2024-03-01T10:00:00Z', 1e306)).toMatchObject({
            counts: false,
            reason: expect.stringContaining('longer than the store keeps'),
        });
        expect(decideWith('2024-03-01T10:00:00Z', 100 * 365 * 86_400)).toMatchObject({ counts: true });
    });

    it("keeps the visitor's scores of a room rated before the close, not their words", () => {
        const decision = decideServiceRecord(
            closedRoom({
                createdAt: '2024-03-01T10:00:00Z',
                serviceMs: 5000,
                survey: { satisfaction: '4', agentResposiveness: '5', additionalFeedback: 'thanks' },
            }),
        );
        expect(decision.counts && decision.record.survey).toEqual({ satisfaction: 4, agentResponsiveness: 5 });
        expect(JSON.stringify(decision)).not.toContain('thanks');
        const unrated = decideServiceRecord(closedRoom({ createdAt: '2024-03-01T10:00:00Z', serviceMs: 5000 }));
        expect(unrated.counts && unrated.record).not.toHaveProperty('survey');
    });

    it('reads a stored survey back, dropping one that is not scores', () => {
        const older = { v: 1, roomId: 'r', agentId: 'a', username: 'u', createdAt: 1, durationMs: 2 };
        expect(readStoredRecord({ ...older, survey: { satisfaction: 5 } })).toEqual({ ...older, survey: { satisfaction: 5 } });
        expect(readStoredRecord({ ...older, survey: { satisfaction: 5, agentKnowledge: 'x' } })).toEqual({
            ...older,
            survey: { satisfaction: 5 },
        });
        expect(readStoredRecord({ ...older, survey: 'five' })).toEqual(older);
        expect(readStoredRecord({ ...older, survey: null })).toEqual(older);
    });
});

describe('fingerprints', () => {
    const record = { v: 1 as const, roomId: 'r', agentId: 'a', username: 'u', createdAt: 1, durationMs: 2, closedAt: 3 };

    it('are those of 1.8 for a record without ratings, so markers written before the update still settle', () => {
        expect(fingerprintsOf(record)[1]).toBe(JSON.stringify(['r', 'a', 'u', 1, 2, null, 3, null, null]));
    });

    it('change when a rating comes or changes, so the builder waits for the re-saved record', () => {
        const rated = { ...record, survey: { satisfaction: 5 as const } };
        const changed = { ...record, survey: { satisfaction: 2 as const } };
        const prints = new Set([record, rated, changed, { ...rated, closedAt: undefined }].map(recordFingerprint));
        expect(prints.size).toBe(4);
    });
});
