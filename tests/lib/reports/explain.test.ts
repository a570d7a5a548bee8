import { EXPLAINED_CHATS, explainAgent } from '../../../lib/reports/explain';
import { DEFAULT_BUSINESS_HOURS_SETTING, parseBusinessHours } from '../../../lib/hours/businessHours';
import type { BusinessHours } from '../../../lib/hours/businessHours';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import { toAverageItem, toTotalItem } from '../../../lib/reports/shapes';
import type { Leg } from '../../../lib/legs/legs';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../../../lib/chats/serviceRecord';
import type { Crediting } from '../../../lib/reports/attribution';

const MIN = 60_000;
/** A Monday, 09:00 UTC: inside the default schedule (Monday to Friday, 09:00 to 18:00 UTC). */
const MONDAY_9 = Date.UTC(2026, 10, 30, 9);
const SATURDAY_9 = Date.UTC(2026, 11, 5, 9);
const RANGE = { start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 31) };

function businessHours(): BusinessHours {
    const parsed = parseBusinessHours(DEFAULT_BUSINESS_HOURS_SETTING);
    if (!parsed.ok) {
        throw new Error('the default schedule reads');
    }
    return parsed.value;
}

const leg = (agentId: string, startedAt: number | undefined, endedAt: number, endedBy: Leg['endedBy']): Leg => ({
    agentId,
    username: `${agentId}.name`,
    ...(startedAt !== undefined && { startedAt }),
    endedAt,
    endedBy,
});

/** A closed chat whose core service time is its last leg, as Rocket.Chat's is (`closedAt - servedBy.ts`). */
function chat(roomId: string, createdAt: number, legs: Leg[], extra: Partial<ServiceRecord> = {}): ServiceRecord {
    const last = legs[legs.length - 1];
    return {
        v: SERVICE_RECORD_VERSION,
        roomId,
        agentId: last.agentId,
        username: last.username,
        createdAt,
        closedAt: last.endedAt,
        durationMs: last.endedAt - (last.startedAt ?? createdAt),
        legs,
        ...extra,
    };
}

/** Ana took the chat for 5 minutes, then transferred it to Bea, who closed it 10 minutes later. */
const transferred = chat('transferred', MONDAY_9, [
    leg('ana', MONDAY_9, MONDAY_9 + 5 * MIN, 'transfer'),
    leg('bea', MONDAY_9 + 5 * MIN, MONDAY_9 + 15 * MIN, 'close'),
]);

describe('explaining an agent’s figure', () => {
    it('counts a chat Ana handed over as hers by legs only, and names it as a transfer', () => {
        const ana = explainAgent([transferred], 'ana', undefined);
        expect(ana.core).toEqual({ chats: 0, serviceTimeDuration: 0, averageServiceTimeInSeconds: null });
        expect(ana.legs).toEqual({ chats: 1, serviceTimeDuration: 300, averageServiceTimeInSeconds: 300 });
        expect(ana.transfers).toEqual({
            chats: 1,
            top: [{ roomId: 'transferred', createdAt: new Date(MONDAY_9).toISOString(), coreSeconds: 0, otherSeconds: 300 }],
        });
        expect(ana.username).toBe('ana.name');
    });

    it('leaves a chat counted alike both ways out of the transfers: the core’s time is the last leg', () => {
        const bea = explainAgent([transferred], 'bea', undefined);
        expect(bea.core).toEqual({ chats: 1, serviceTimeDuration: 600, averageServiceTimeInSeconds: 600 });
        expect(bea.legs).toEqual(bea.core);
        expect(bea.transfers).toEqual({ chats: 0, top: [] });
    });

    it('names a chat that went back to the queue and came back to the same agent: the core counts only the last stretch', () => {
        const returned = chat('returned', MONDAY_9, [
            leg('ana', MONDAY_9, MONDAY_9 + 5 * MIN, 'queue'),
            leg('ana', MONDAY_9 + 10 * MIN, MONDAY_9 + 20 * MIN, 'close'),
        ]);
        const ana = explainAgent([returned], 'ana', undefined);
        expect(ana.core.serviceTimeDuration).toBe(600);
        expect(ana.legs.serviceTimeDuration).toBe(900);
        expect(ana.transfers.top).toEqual([expect.objectContaining({ roomId: 'returned', coreSeconds: 600, otherSeconds: 900 })]);
    });

    it('gives the same figures as the total and average reports under each counting', () => {
        const records = [
            transferred,
            chat('a2', MONDAY_9 + 60 * MIN, [leg('ana', MONDAY_9 + 60 * MIN, MONDAY_9 + 61 * MIN + 1, 'close')]),
            chat('b2', SATURDAY_9, [
                leg('bea', SATURDAY_9, SATURDAY_9 + 7 * MIN, 'transfer'),
                leg('ana', SATURDAY_9 + 7 * MIN, SATURDAY_9 + 9 * MIN, 'close'),
            ]),
            chat('late', Date.UTC(2026, 11, 1, 17, 50), [
                leg('ana', Date.UTC(2026, 11, 1, 17, 50), Date.UTC(2026, 11, 1, 18, 20), 'close'),
            ]),
        ];
        const hours = businessHours();
        const ana = explainAgent(records, 'ana', hours);
        const report = (crediting: Crediting) => {
            const row = totalsFromRecords(records, { range: RANGE, ...crediting }).find((totals) => totals.agentId === 'ana');
            return row && { ...toTotalItem(row), ...toAverageItem(row) };
        };
        const figure = (totals: ReturnType<typeof report>) => ({
            chats: totals?.chats,
            serviceTimeDuration: totals?.serviceTimeDuration,
            averageServiceTimeInSeconds: totals?.averageServiceTimeInSeconds,
        });
        expect(ana.core).toEqual(figure(report({})));
        expect(ana.legs).toEqual(figure(report({ attribution: 'legs' })));
        expect(ana.business).toEqual(figure(report({ businessHours: hours })));
    });

    it('counts the agent’s chats with time outside business hours, and those wholly outside', () => {
        const saturday = chat('saturday', SATURDAY_9, [leg('ana', SATURDAY_9, SATURDAY_9 + 30 * MIN, 'close')]);
        const evening = chat('evening', Date.UTC(2026, 11, 1, 17, 50), [
            leg('ana', Date.UTC(2026, 11, 1, 17, 50), Date.UTC(2026, 11, 1, 18, 10), 'close'),
        ]);
        const inside = chat('inside', MONDAY_9, [leg('ana', MONDAY_9, MONDAY_9 + 10 * MIN, 'close')]);
        const ana = explainAgent([saturday, evening, inside], 'ana', businessHours());
        expect(ana.business).toEqual({ chats: 3, serviceTimeDuration: 1200, averageServiceTimeInSeconds: 400 });
        expect(ana.outsideHours).toEqual({
            chats: 2,
            wholly: 1,
            top: [
                { roomId: 'saturday', createdAt: new Date(SATURDAY_9).toISOString(), coreSeconds: 1800, otherSeconds: 0 },
                {
                    roomId: 'evening',
                    createdAt: new Date(Date.UTC(2026, 11, 1, 17, 50)).toISOString(),
                    coreSeconds: 1200,
                    otherSeconds: 600,
                },
            ],
        });
        expect(ana.businessUnavailable).toBeNull();
    });

    it('says which room lacks the times business hours need, rather than guessing its figure', () => {
        const old = chat('old', MONDAY_9, [leg('ana', MONDAY_9, MONDAY_9 + MIN, 'close')], { closedAt: undefined, legs: undefined });
        const ana = explainAgent([old], 'ana', businessHours());
        expect(ana.business).toBeNull();
        expect(ana.outsideHours).toBeNull();
        expect(ana.businessUnavailable).toEqual({ roomId: 'old', why: 'no-close-time' });
        expect(ana.core.chats).toBe(1);
    });

    it('has no business figure without a schedule', () => {
        const ana = explainAgent([transferred], 'ana', undefined);
        expect([ana.business, ana.outsideHours, ana.businessUnavailable]).toEqual([null, null, null]);
    });

    it('names the few chats that differ most, largest first, ties by room id', () => {
        const records = Array.from({ length: EXPLAINED_CHATS + 2 }, (_, index) => {
            const start = MONDAY_9 + index * 60 * MIN;
            // Ana's part grows with the index; rooms 5 and 6 tie.
            const anaMs = Math.min(index, 5) * MIN + MIN;
            return chat(`room-${String.fromCharCode(0x67 - index)}`, start, [
                leg('ana', start, start + anaMs, 'transfer'),
                leg('bea', start + anaMs, start + anaMs + MIN, 'close'),
            ]);
        });
        const top = explainAgent(records, 'ana', undefined).transfers.top.map((item) => [item.roomId, item.otherSeconds]);
        expect(top).toEqual([
            ['room-a', 360],
            ['room-b', 360],
            ['room-c', 300],
            ['room-d', 240],
            ['room-e', 180],
        ]);
    });

    it('has no figures and no name for an agent without chats in the range', () => {
        const nobody = explainAgent([transferred], 'caio', undefined);
        expect(nobody.username).toBeNull();
        expect(nobody.core.chats + nobody.legs.chats).toBe(0);
    });

    it('takes the agent’s name from their latest chat', () => {
        const renamed = chat('later', MONDAY_9 + 2 * 60 * MIN, [leg('ana', MONDAY_9 + 2 * 60 * MIN, MONDAY_9 + 3 * 60 * MIN, 'close')], {
            username: 'ana.new',
        });
        expect(explainAgent([renamed, transferred], 'ana', undefined).username).toBe('ana.new');
    });
});
