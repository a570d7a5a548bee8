import { creditsOf } from '../../../lib/reports/attribution';
import { listedCredits, roomLink, toChatItem } from '../../../lib/reports/chatRows';
import { DEFAULT_BUSINESS_HOURS_SETTING, parseBusinessHours } from '../../../lib/hours/businessHours';
import type { Leg } from '../../../lib/legs/legs';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../../../lib/chats/serviceRecord';

const MIN = 60_000;
const MONDAY_9_UTC = Date.UTC(2026, 10, 30, 9);

function record(roomId: string, agentId: string, durationMs: number, extra: Partial<ServiceRecord> = {}): ServiceRecord {
    return { v: SERVICE_RECORD_VERSION, roomId, agentId, username: agentId, createdAt: MONDAY_9_UTC, durationMs, ...extra };
}

const leg = (agentId: string, startedAt: number | undefined, endedAt: number, endedBy: Leg['endedBy']): Leg => ({
    agentId,
    username: agentId,
    ...(startedAt !== undefined && { startedAt }),
    endedAt,
    endedBy,
});

describe('which credits a chats list shows, and in which order', () => {
    it('lists the longest first, ties by room id in code point order, then by agent', () => {
        const credits = [record('b', 'ana', 5000), record('a', 'bea', 5000), record('c', 'ana', 9000), record('\u{1F600}', 'ana', 5000)]
            .flatMap((chat) => creditsOf(chat))
            .concat(creditsOf(record('\uE000', 'ana', 5000)));
        expect(listedCredits(credits, undefined).map((credit) => credit.record.roomId)).toEqual(['c', 'a', 'b', '\uE000', '\u{1F600}']);
    });

    it('orders the agents of one chat with the same time by agent id', () => {
        const start = MONDAY_9_UTC;
        const chat = record('r', 'zed', 60_000, {
            legs: [leg('zed', start, start + MIN, 'transfer'), leg('amy', start + MIN, start + 2 * MIN, 'close')],
        });
        expect(listedCredits(creditsOf(chat, { attribution: 'legs' }), undefined).map((credit) => credit.agentId)).toEqual(['amy', 'zed']);
    });

    it('keeps only the agents named', () => {
        const credits = [record('1', 'ana', 1000), record('2', 'bea', 2000), record('3', 'caio', 3000)].flatMap((chat) => creditsOf(chat));
        expect(listedCredits(credits, ['ana', 'caio']).map((credit) => credit.agentId)).toEqual(['caio', 'ana']);
    });

    it('leaves out an agent whose every leg began unseen: no report counts that chat for them', () => {
        const start = MONDAY_9_UTC;
        const chat = record('r', 'bea', MIN, {
            legs: [leg('ana', undefined, start, 'transfer'), leg('bea', start, start + MIN, 'close')],
        });
        const credits = creditsOf(chat, { attribution: 'legs' });
        expect(credits.map((credit) => credit.agentId)).toEqual(['ana', 'bea']);
        expect(listedCredits(credits, undefined).map((credit) => credit.agentId)).toEqual(['bea']);
    });
});

describe('a credit as a row', () => {
    it("carries the visitor's satisfaction score, and no other question's", () => {
        const [credit] = creditsOf(record('r1', 'ana', 1001, { survey: { satisfaction: 2, agentKnowledge: 5 } }));
        expect(toChatItem(credit, undefined, undefined).satisfaction).toBe(2);
        const [unrated] = creditsOf(record('r2', 'ana', 1001, { survey: { agentKnowledge: 5 } }));
        expect(toChatItem(unrated, undefined, undefined).satisfaction).toBeNull();
    });

    it('carries the chat’s times in ISO and whole seconds rounded up, and nulls where the record has none', () => {
        const [credit] = creditsOf(record('r1', 'ana', 1001, { closedAt: MONDAY_9_UTC + 2000, firstResponseMs: 1, departmentId: 'sales' }));
        expect(toChatItem(credit, undefined, 'https://chat.example.com/')).toEqual({
            roomId: 'r1',
            agentId: 'ana',
            username: 'ana',
            createdAt: '2026-11-30T09:00:00.000Z',
            closedAt: '2026-11-30T09:00:02.000Z',
            departmentId: 'sales',
            serviceTimeInSeconds: 2,
            firstResponseInSeconds: 1,
            chatDurationInSeconds: null,
            legs: [],
            satisfaction: null,
            link: 'https://chat.example.com/omnichannel/current/r1',
        });
        const [bare] = creditsOf(record('r2', 'ana', 3000));
        expect(toChatItem(bare, undefined, undefined)).toMatchObject({
            closedAt: null,
            departmentId: null,
            firstResponseInSeconds: null,
            link: null,
        });
    });

    it('lists every leg of the chat, with its seconds under the request’s hours (null where its start is unknown)', () => {
        const nineAm = MONDAY_9_UTC;
        const chat = record('r', 'bea', 60 * MIN, {
            // A transfer at 8:30 UTC; 30 minutes before the schedule's 9:00 count nothing in business hours.
            legs: [leg('ana', undefined, nineAm - 30 * MIN, 'transfer'), leg('bea', nineAm - 30 * MIN, nineAm + 30 * MIN, 'close')],
            closedAt: nineAm + 30 * MIN,
        });
        const hours = parseBusinessHours(DEFAULT_BUSINESS_HOURS_SETTING);
        if (!hours.ok) {
            throw new Error('the default schedule reads');
        }
        const [credit] = creditsOf(chat, { businessHours: hours.value });
        const item = toChatItem(credit, hours.value, undefined);
        expect(item.serviceTimeInSeconds).toBe(30 * 60);
        expect(item.legs).toEqual([
            { agentId: 'ana', username: 'ana', startedAt: null, endedAt: '2026-11-30T08:30:00.000Z', endedBy: 'transfer', seconds: null },
            {
                agentId: 'bea',
                username: 'bea',
                startedAt: '2026-11-30T08:30:00.000Z',
                endedAt: '2026-11-30T09:30:00.000Z',
                endedBy: 'close',
                seconds: 30 * 60,
            },
        ]);
        expect(toChatItem(creditsOf(chat)[0], undefined, undefined).legs[1].seconds).toBe(60 * 60);
    });
});

describe('the link to a room', () => {
    it('is Current Chats’ route under the workspace’s address, with or without its trailing slash', () => {
        expect(roomLink('https://chat.example.com', 'abc')).toBe('https://chat.example.com/omnichannel/current/abc');
        expect(roomLink('https://chat.example.com/sub//', 'abc')).toBe('https://chat.example.com/sub/omnichannel/current/abc');
    });

    it('escapes a room id that is not a plain path segment', () => {
        expect(roomLink('https://c.example', 'a/b?c#d')).toBe('https://c.example/omnichannel/current/a%2Fb%3Fc%23d');
    });
});
