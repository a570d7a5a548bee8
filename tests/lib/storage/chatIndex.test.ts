import fc from 'fast-check';

import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { readStoredRecord } from '../../../lib/chats/serviceRecord';
import { DEFAULT_BUSINESS_HOURS_SETTING, parseBusinessHours } from '../../../lib/hours/businessHours';
import type { Leg } from '../../../lib/legs/legs';
import type { ChatCredit } from '../../../lib/reports/attribution';
import { listedCredits } from '../../../lib/reports/chatRows';
import type { ReportScope } from '../../../lib/reports/scope';
import { creditsInScope } from '../../../lib/reports/scope';
import {
    agentDayDocument,
    agentsOf,
    MAX_INDEX_CHARS,
    patchedDay,
    readAgentDay,
    recordsByAgent,
} from '../../../lib/storage/buckets/chatIndex';
import { storedTag } from '../../../lib/storage/layout';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { RECORD_TAG } from '../../../lib/storage/versions';
import { InMemoryAccessors } from '../../helpers/accessors';
import { handedChat, seededRandom } from '../../helpers/handedChats';

const MIN = 60_000;
const DAY = 86_400_000;
const MARCH = Date.UTC(2026, 2, 1);
const AGENTS = ['ana', 'bea', 'caio'];

const defaultHours = parseBusinessHours(DEFAULT_BUSINESS_HOURS_SETTING);
if (!defaultHours.ok) {
    throw new Error('the default business hours read');
}
const businessHours = defaultHours.value;

const leg = (agent: string, startedAt: number, endedAt: number, endedBy: Leg['endedBy']): Leg => ({
    agentId: `id-${agent}`,
    username: agent,
    startedAt,
    endedAt,
    endedBy,
});

/** A chat of room `index`, created at `createdAt`, handed between one to three agents picked by `random`. */
function chat(index: number, createdAt: number, random: () => number): ServiceRecord {
    return handedChat(index, createdAt, random, { agents: AGENTS, departments: [undefined, 'sales'], withoutLegs: 0.4 });
}

/** The truth: the credits of the records actually stored, of one agent, as a chats list orders them. */
async function scanned(accessors: InMemoryAccessors, scope: ReportScope, agentId: string): Promise<string[]> {
    const stored = (await accessors.workspace.persistence.readByAssociations(accessors.appId, [storedTag(RECORD_TAG)]))
        .map(readStoredRecord)
        .filter((one): one is ServiceRecord => one !== undefined);
    return rows(listedCredits(creditsInScope(stored, scope, new Set()), [agentId]));
}

function rows(credits: ChatCredit[]): string[] {
    return credits.map((credit) => `${credit.record.roomId}|${credit.agentId}|${credit.durationMs}`);
}

describe('the chat index', () => {
    it('lists each agent’s chats as a scan of the stored records does, through re-saves, deletions, failing writes and runs cut short', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 1, max: 1_000_000 }),
                fc.integer({ min: 0, max: 40 }),
                fc.double({ min: 0, max: 0.3, noNaN: true }),
                fc.constantFrom(0, Infinity),
                fc.record({
                    startDay: fc.integer({ min: -1, max: 20 }),
                    days: fc.integer({ min: 0, max: 40 }),
                    startMinute: fc.integer({ min: 0, max: 1439 }),
                    attribution: fc.constantFrom('last' as const, 'legs' as const),
                    business: fc.boolean(),
                    sales: fc.boolean(),
                }),
                async (seed, changes, failureRate, budget, shape) => {
                    const random = seededRandom(seed);
                    const accessors = new InMemoryAccessors();
                    const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
                    // 60 chats over 40 days, many in the same slots and days, then built.
                    const createdAts = Array.from(
                        { length: 60 },
                        () => MARCH + Math.floor(random() * 40) * DAY + Math.floor(random() * 4) * 5 * MIN,
                    );
                    for (const [index, createdAt] of createdAts.entries()) {
                        await store.save(chat(index, createdAt, random));
                    }
                    await store.rebuildBuckets(Date.now(), Infinity);
                    // Rooms written again with other agents, and rooms deleted; then builder runs whose writes may fail.
                    for (let change = 0; change < changes; change++) {
                        const index = Math.floor(random() * createdAts.length);
                        if (random() < 0.25) {
                            await store.forget(`room-${index}`);
                        } else {
                            await store.save(chat(index, createdAts[index], random));
                        }
                    }
                    const start = MARCH + shape.startDay * DAY + shape.startMinute * MIN;
                    const scope: ReportScope = {
                        range: { start, end: start + shape.days * DAY },
                        attribution: shape.attribution,
                        ...(shape.business && { businessHours }),
                        ...(shape.sales && { departmentIds: ['sales'] }),
                    };
                    const expectExact = async () => {
                        for (const agent of AGENTS) {
                            const agentId = `id-${agent}`;
                            expect(rows(listedCredits(await store.credits(scope, [agentId]), [agentId]))).toEqual(
                                await scanned(accessors, scope, agentId),
                            );
                        }
                    };
                    await expectExact();
                    accessors.workspace.persistence.failWrite = () => random() < failureRate;
                    for (let run = 0; run < 3; run++) {
                        await store.rebuildBuckets(Date.now(), budget).catch(() => undefined);
                    }
                    accessors.workspace.persistence.failWrite = undefined;
                    await expectExact();
                    await store.rebuildBuckets(Date.now() + 3_600_000, Infinity);
                    await expectExact();
                },
            ),
            { numRuns: 40 },
        );
    });

    it('reads at most a month of the agent’s days, not the month’s records, once the builder has caught up', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        const random = seededRandom(7);
        for (let index = 0; index < 600; index++) {
            await store.save(chat(index, MARCH + Math.floor(random() * 31 * DAY), random));
        }
        await store.rebuildBuckets(Date.now(), Infinity);
        const scope: ReportScope = { range: { start: MARCH, end: MARCH + 31 * DAY - 1 } };
        accessors.workspace.persistence.resetCalls();
        const listed = listedCredits(await store.credits(scope, ['id-ana']), ['id-ana']);
        expect(listed.length).toBeGreaterThan(100);
        // The markers, the year markers, the readiness, and at most 31 days of hers (none of the other agents' chats).
        expect(accessors.workspace.persistence.documentsRead).toBeLessThanOrEqual(35);
        expect(rows(listed)).toEqual(await scanned(accessors, scope, 'id-ana'));
    });
});

describe('the chat index’s pieces', () => {
    const random = seededRandom(3);
    const handed = {
        ...chat(1, MARCH, random),
        agentId: 'id-bea',
        legs: [leg('ana', MARCH, MARCH + MIN, 'transfer'), leg('bea', MARCH + MIN, MARCH + 2 * MIN, 'close')],
    };

    it('takes every agent of a chat: the one who closed it and each leg’s, once each', () => {
        expect(agentsOf(handed)).toEqual(['id-bea', 'id-ana']);
        expect(agentsOf({ ...handed, legs: undefined })).toEqual(['id-bea']);
        expect([...recordsByAgent([handed]).keys()]).toEqual(['id-bea', 'id-ana']);
    });

    it('patches a day: the rebuilt slots’ entries replaced by what they hold now, the others kept, oldest first', () => {
        const early = { ...handed, roomId: 'early', createdAt: MARCH };
        const later = { ...handed, roomId: 'later', createdAt: MARCH + 10 * MIN };
        const fresh = { ...handed, roomId: 'fresh', createdAt: MARCH + 10 * MIN + 1 };
        expect(patchedDay([later, early], new Set(['slot:2026-03-01T00:10']), [fresh]).map((record) => record.roomId)).toEqual([
            'early',
            'fresh',
        ]);
        expect(patchedDay([later, early], new Set(), []).map((record) => record.roomId)).toEqual(['early', 'later']);
    });

    it('marks a day too big for one document, and reads back only what this version wrote', () => {
        const small = agentDayDocument('id-ana', 'day:2026-03-01', [handed]);
        expect(readAgentDay(JSON.parse(JSON.stringify(small)))).toEqual(small);
        const big = agentDayDocument('id-ana', 'day:2026-03-01', [handed], JSON.stringify(small).length - 1);
        expect(big).toEqual({ v: 1, agentId: 'id-ana', day: 'day:2026-03-01', tooBig: true });
        expect(JSON.stringify(agentDayDocument('id-ana', 'day:2026-03-01', Array(3000).fill(handed))).length).toBeLessThanOrEqual(
            MAX_INDEX_CHARS,
        );
        expect(readAgentDay({ ...small, v: 2 })).toBeUndefined();
        expect(readAgentDay({ ...small, records: 'x' })).toBeUndefined();
    });
});
