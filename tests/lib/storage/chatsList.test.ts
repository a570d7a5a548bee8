import fc from 'fast-check';

import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { DEFAULT_BUSINESS_HOURS_SETTING, parseBusinessHours } from '../../../lib/hours/businessHours';
import { listedCredits, toChatItem } from '../../../lib/reports/chatRows';
import { ceilSeconds } from '../../../lib/reports/rounding';
import type { ReportScope } from '../../../lib/reports/scope';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { InMemoryAccessors } from '../../helpers/accessors';
import { handedChat, seededRandom } from '../../helpers/handedChats';

const MIN = 60_000;
const DAY = 86_400_000;
const MARCH = Date.UTC(2026, 2, 1);
const AGENTS = ['ana', 'bea', 'caio', 'dani'];
const DEPARTMENTS = [undefined, 'sales', 'support'];

const defaultHours = parseBusinessHours(DEFAULT_BUSINESS_HOURS_SETTING);
if (!defaultHours.ok) {
    throw new Error('the default business hours read');
}
const businessHours = defaultHours.value;

/** Chats over March and April 2026, some handed between agents (legs of which the first may have begun unseen). */
function chats(seed: number, count: number): ServiceRecord[] {
    const random = seededRandom(seed);
    return Array.from({ length: count }, (_, index) =>
        handedChat(index, MARCH + Math.floor(random() * 61 * DAY), random, {
            agents: AGENTS,
            departments: DEPARTMENTS,
            unseenFirstLeg: 0.2,
        }),
    );
}

async function storeOf(records: ServiceRecord[], builtBefore: number): Promise<PersistenceRecordStore> {
    const accessors = new InMemoryAccessors();
    const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
    for (const [index, record] of records.entries()) {
        if (index === builtBefore) {
            await store.rebuildBuckets(Date.now(), Infinity);
        }
        await store.save(record);
    }
    return store;
}

const scopes = fc.record({
    startDay: fc.integer({ min: -2, max: 60 }),
    days: fc.integer({ min: 0, max: 70 }),
    startMinute: fc.integer({ min: 0, max: 1439 }),
    departments: fc.constantFrom(undefined, ['sales'], ['sales', 'support'], ['nowhere']),
    attribution: fc.constantFrom('last' as const, 'legs' as const),
    business: fc.boolean(),
});

describe('the chats list adds up to the reports', () => {
    it('lists, for every agent of the total and stats reports, exactly its chats, whose seconds add up to its total within their rounding', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 1, max: 1_000_000 }),
                fc.integer({ min: 0, max: 120 }),
                scopes,
                async (seed, built, shape) => {
                    const store = await storeOf(chats(seed, 120), built);
                    const start = MARCH + shape.startDay * DAY + shape.startMinute * MIN;
                    const scope: ReportScope = {
                        range: { start, end: start + shape.days * DAY },
                        ...(shape.departments && { departmentIds: shape.departments }),
                        attribution: shape.attribution,
                        ...(shape.business && { businessHours }),
                    };
                    const rows = listedCredits(await store.credits(scope), undefined).map((credit) =>
                        toChatItem(credit, scope.businessHours, undefined),
                    );
                    const totals = await store.totals(scope);
                    const stats = await store.stats(scope);
                    expect(stats.map((agent) => [agent.agentId, agent.username, agent.chats])).toEqual(
                        totals.map((agent) => [agent.agentId, agent.username, agent.chats]),
                    );
                    for (const agent of totals) {
                        const own = rows.filter((row) => row.agentId === agent.agentId && row.username === agent.username);
                        const seconds = own.reduce((sum, row) => sum + row.serviceTimeInSeconds, 0);
                        expect(own.length).toBe(agent.chats);
                        expect(seconds).toBeGreaterThanOrEqual(ceilSeconds(agent.sumMs));
                        expect(seconds).toBeLessThanOrEqual(ceilSeconds(agent.sumMs) + agent.chats);
                    }
                    // No row of an agent no report lists, and a chat at most once per agent.
                    expect(rows.length).toBe(totals.reduce((sum, agent) => sum + agent.chats, 0));
                    expect(new Set(rows.map((row) => `${row.roomId}|${row.agentId}`)).size).toBe(rows.length);
                },
            ),
            { numRuns: 40 },
        );
    });

    it('lists under last the rooms a scan of the records finds for the agent, longest first', async () => {
        const records = chats(42, 200);
        const store = await storeOf(records, 100);
        const scope: ReportScope = { range: { start: MARCH + 3 * DAY, end: MARCH + 40 * DAY }, departmentIds: ['sales'] };
        const listed = listedCredits(await store.credits(scope), ['id-bea']);
        const scanned = records
            .filter((record) => record.agentId === 'id-bea' && record.departmentId === 'sales')
            .filter((record) => record.createdAt >= scope.range.start && record.createdAt <= scope.range.end)
            .sort((a, b) => b.durationMs - a.durationMs || (a.roomId < b.roomId ? -1 : 1));
        expect(scanned.length).toBeGreaterThan(3);
        expect(listed.map((credit) => [credit.record.roomId, credit.durationMs])).toEqual(
            scanned.map((record) => [record.roomId, record.durationMs]),
        );
    });
});
