import { creditsOf } from '../../../lib/reports/attribution';
import { parseBusinessHours } from '../../../lib/hours/businessHours';
import type { Leg } from '../../../lib/legs/legs';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../../../lib/chats/serviceRecord';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import { AgentStatsAccumulator } from '../../../lib/reports/agentStats';
import { toStatsItem } from '../../../lib/reports/statsShape';

const MIN = 60_000;
const leg = (agentId: string, startedAt: number | undefined, endedAt: number, endedBy: Leg['endedBy']): Leg => ({
    agentId,
    username: agentId,
    ...(startedAt !== undefined && { startedAt: startedAt * MIN }),
    endedAt: endedAt * MIN,
    endedBy,
});

/** A chat closed by its last leg's agent, with the core's duration of that leg. */
function chat(roomId: string, legs?: Leg[]): ServiceRecord {
    const last = legs?.[legs.length - 1] ?? leg('ana', 0, 10, 'close');
    return {
        v: SERVICE_RECORD_VERSION,
        roomId,
        agentId: last.agentId,
        username: last.username,
        createdAt: 0,
        closedAt: last.endedAt,
        durationMs: last.endedAt - (last.startedAt ?? 0),
        ...(legs && { legs }),
    };
}

const scope = (attribution?: 'last' | 'legs') => ({ range: { start: 0, end: 10 * MIN }, ...(attribution && { attribution }) });

describe('who a chat is credited to', () => {
    const abc = chat('abc', [leg('ana', 1, 11, 'transfer'), leg('bruno', 11, 26, 'transfer'), leg('carla', 26, 41, 'close')]);

    it('is the closing agent alone, for the core’s duration, with last (and by default)', () => {
        for (const attribution of ['last', undefined] as const) {
            expect(creditsOf(abc, { attribution }).map((credit) => [credit.username, credit.durationMs / MIN])).toEqual([['carla', 15]]);
        }
    });

    it('is every agent of the chat, for their own legs, with legs', () => {
        expect(totalsFromRecords([abc], scope('legs')).map((row) => [row.username, row.chats, row.sumMs / MIN])).toEqual([
            ['ana', 1, 10],
            ['bruno', 1, 15],
            ['carla', 1, 15],
        ]);
    });

    it('counts one chat for an agent with two legs of it, both summed', () => {
        const aba = chat('aba', [leg('ana', 0, 5, 'transfer'), leg('bruno', 5, 15, 'transfer'), leg('ana', 15, 20, 'close')]);
        expect(totalsFromRecords([aba], scope('legs')).map((row) => [row.username, row.chats, row.sumMs / MIN])).toEqual([
            ['ana', 1, 10],
            ['bruno', 1, 10],
        ]);
    });

    it('falls back to the core’s single leg for a chat recorded without legs', () => {
        expect(totalsFromRecords([chat('old')], scope('legs'))).toEqual(totalsFromRecords([chat('old')], scope('last')));
    });

    it('lists no agent whose only leg began unseen, and counts such legs and transfers in the stats', () => {
        const unseen = chat('unseen', [leg('ana', undefined, 10, 'transfer'), leg('bruno', 10, 30, 'close')]);
        expect(totalsFromRecords([unseen], scope('legs')).map((row) => row.username)).toEqual(['bruno']);

        const stats = new AgentStatsAccumulator(scope('legs'));
        stats.addRecords([unseen, abc]);
        expect(stats.sorted().map((row) => [row.username, toStatsItem(row).transfers, toStatsItem(row).legsWithUnknownStart])).toEqual([
            ['ana', 2, 1], // one transfer in each chat; the unseen leg counted as such
            ['bruno', 1, 0],
            ['carla', 0, 0],
        ]);
        const last = new AgentStatsAccumulator(scope('last'));
        last.addRecords([unseen]);
        expect(last.sorted().map((row) => [toStatsItem(row).transfers, toStatsItem(row).legsWithUnknownStart])).toEqual([[null, null]]);
    });
});

describe('a chat in business hours with a stretch of decades', () => {
    it('is refused by name, for its legs and for its close alike, rather than worked out for seconds', () => {
        const parsed = parseBusinessHours(JSON.stringify({ default: { timezone: 'America/Sao_Paulo', week: { mon: ['09:00-18:00'] } } }));
        if (!parsed.ok) {
            throw new Error(parsed.problems.join('; '));
        }
        const closedAt = Date.parse('2026-01-05T12:00:00Z');
        const decades: ServiceRecord = {
            v: SERVICE_RECORD_VERSION,
            roomId: 'old-clock',
            agentId: 'a',
            username: 'ann',
            createdAt: Date.parse('1950-01-01T00:00:00Z'),
            closedAt,
            durationMs: closedAt - Date.parse('1950-01-02T00:00:00Z'),
        };
        for (const attribution of ['last', 'legs'] as const) {
            expect(() => creditsOf(decades, { attribution, businessHours: parsed.value })).toThrow(
                expect.objectContaining({ why: 'too-long', record: decades }),
            );
        }
        expect(creditsOf(decades)).toMatchObject([{ durationMs: decades.durationMs }]);
    });
});

describe("a chat's rating", () => {
    const abc = chat('abc', [leg('ana', 1, 11, 'transfer'), leg('bruno', 11, 26, 'transfer'), leg('carla', 26, 41, 'close')]);

    it('counts for every agent who took part with legs, for the closing agent with last, once per agent', () => {
        const rated = { ...abc, survey: { satisfaction: 5 as const } };
        const aba = {
            ...chat('aba', [leg('ana', 0, 5, 'transfer'), leg('bruno', 5, 15, 'transfer'), leg('ana', 15, 20, 'close')]),
            survey: { satisfaction: 2 as const },
        };
        const csat = (attribution: 'last' | 'legs') => {
            const stats = new AgentStatsAccumulator(scope(attribution));
            stats.addRecords([rated, aba]);
            return stats.sorted().map((row) => {
                const item = toStatsItem(row);
                return [row.username, item.ratedChats, item.ratedChatsPct, item.csatPct, item.averageSatisfaction];
            });
        };
        expect(csat('legs')).toEqual([
            ['ana', 2, 100, 50, 3.5],
            ['bruno', 2, 100, 50, 3.5],
            ['carla', 1, 100, 100, 5],
        ]);
        expect(csat('last')).toEqual([
            ['ana', 1, 100, 0, 2],
            ['carla', 1, 100, 100, 5],
        ]);
    });
});

describe('how loaded each agent was, with legs', () => {
    // ana: chat x 0-30 (hands it to bruno at 30), chat y 10-20 taken from the queue and returned at 20, chat z 15-40.
    const x = chat('x', [leg('ana', 0, 30, 'transfer'), leg('bruno', 30, 50, 'close')]);
    const y = chat('y', [leg('ana', 10, 20, 'queue'), leg('bruno', 25, 35, 'close')]);
    const z = chat('z', [leg('ana', 15, 40, 'close')]);

    const load = (attribution: 'last' | 'legs') => {
        const stats = new AgentStatsAccumulator(scope(attribution));
        stats.addRecords([x, y, z]);
        return stats.sorted().map((row) => {
            const item = toStatsItem(row);
            return [row.username, item.occupiedSeconds, item.averageConcurrentChats, item.peakConcurrentChats, item.sharedChatTimePct];
        });
    };

    it('is the union, average, peak and shared share of their own legs, by hand', () => {
        // ana holds 1 (0-10), 2 (10-15), 3 (15-20), 2 (20-30), 1 (30-40): busy 40 min, held 65, shared 45.
        // bruno holds y 25-35 and x 30-50: 1 (25-30), 2 (30-35), 1 (35-50): busy 25, held 30, shared 10.
        expect(load('legs')).toEqual([
            ['ana', 40 * 60, 1.63, 3, 69.2],
            ['bruno', 25 * 60, 1.2, 2, 33.3],
        ]);
    });

    it('is not counted with last, whose buckets keep no stretches', () => {
        expect(load('last').map((row) => row.slice(1))).toEqual([
            [null, null, null, null],
            [null, null, null, null],
        ]);
    });
});
