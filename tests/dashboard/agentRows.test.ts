import { agentRows, nameCollator, sortRows } from '../../dashboard/agentRows';
import { readLogin } from '../../dashboard/api';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';

const stat = (id: string, chats: number, median: number, firstResponse: number | null): ServiceTimeStatsItem => ({
    _id: id,
    username: id,
    chats,
    averageServiceTimeInSeconds: median + 10,
    medianServiceTimeInSeconds: median,
    p90ServiceTimeInSeconds: median * 2,
    p95ServiceTimeInSeconds: median * 3,
    averageFirstResponseTimeInSeconds: firstResponse,
    averageChatDurationInSeconds: null,
    transfers: null,
    legsWithUnknownStart: null,
    ratedChats: 0,
    ratedChatsPct: 0,
    csatPct: null,
    averageSatisfaction: null,
    averageAgentKnowledge: null,
    averageAgentResponsiveness: null,
    averageAgentFriendliness: null,
    occupiedSeconds: null,
    averageConcurrentChats: null,
    peakConcurrentChats: null,
    sharedChatTimePct: null,
});

describe('the agents table’s rows', () => {
    const rows = agentRows(
        [stat('bea', 3, 60, 5), stat('ann', 3, 90, null), stat('cid', 1, 30, 9)],
        [
            { _id: 'ann', username: 'ann', chats: 3, serviceTimeDuration: 300 },
            { _id: 'bea', username: 'bea', chats: 3, serviceTimeDuration: 210 },
        ],
    );

    it('joins the stats and total reports by agent, with no total where the total report has none', () => {
        expect(rows.map((row) => [row._id, row.total, row.firstResponse])).toEqual([
            ['bea', 210, 5],
            ['ann', 300, null],
            ['cid', null, 9],
        ]);
    });

    it('keeps an agent renamed between chats as two rows, each with its own total (the reports group by _id and username)', () => {
        const renamed = agentRows(
            [
                { ...stat('ana', 2, 60, null), _id: 'id-ana', username: 'ana' },
                { ...stat('ana.souza', 1, 60, null), _id: 'id-ana', username: 'ana.souza' },
            ],
            [
                { _id: 'id-ana', username: 'ana', chats: 2, serviceTimeDuration: 140 },
                { _id: 'id-ana', username: 'ana.souza', chats: 1, serviceTimeDuration: 70 },
            ],
        );
        expect(renamed.map((row) => [row.username, row.total])).toEqual([
            ['ana', 140],
            ['ana.souza', 70],
        ]);
    });

    it('sorts by any column either way, ties in the reports’ order and missing values last', () => {
        const ids = (column: Parameters<typeof sortRows>[1]['column'], descending: boolean) =>
            sortRows(rows, { column, descending }).map((row) => row._id);
        expect(ids('chats', true)).toEqual(['bea', 'ann', 'cid']);
        expect(ids('chats', false)).toEqual(['cid', 'bea', 'ann']);
        expect(ids('median', true)).toEqual(['ann', 'bea', 'cid']);
        expect(ids('username', false)).toEqual(['ann', 'bea', 'cid']);
        expect(ids('firstResponse', true)).toEqual(['cid', 'bea', 'ann']);
        expect(ids('firstResponse', false)).toEqual(['bea', 'cid', 'ann']);
    });
});

describe('the Rocket.Chat login a same-origin page reads', () => {
    it('takes rc_uid and rc_token from the cookies, decoding what the client encoded', () => {
        expect(readLogin('theme=dark; rc_uid=Xy7kq2Lm; rc_token=abc%2Bdef%3D')).toEqual({ userId: 'Xy7kq2Lm', authToken: 'abc+def=' });
    });

    it('finds no login without both cookies, with an empty or "null" token, or with a value that does not decode', () => {
        expect(readLogin('')).toBeUndefined();
        expect(readLogin('rc_uid=u1')).toBeUndefined();
        expect(readLogin('rc_uid=u1; rc_token=')).toBeUndefined();
        expect(readLogin('rc_uid=u1; rc_token=null')).toBeUndefined();
        expect(readLogin('rc_uid=u1; rc_token=%E0%A4%A')).toBeUndefined();
    });
});

describe('the agents table’s order of names', () => {
    const named = (...names: string[]) =>
        agentRows(
            names.map((name) => ({ ...stat(name, 1, 60, null), username: name })),
            [],
        );

    it('sorts names by the language’s collation: case and accents aside, numbers as numbers', () => {
        const rows = named('emeka', 'agent10', 'Dana.K', 'émile', 'agent9', 'bruno');
        expect(sortRows(rows, { column: 'username', descending: false }, nameCollator('en')).map((row) => row.username)).toEqual([
            'agent9',
            'agent10',
            'bruno',
            'Dana.K',
            'emeka',
            'émile',
        ]);
    });

    it('follows the language: Swedish puts ä after z', () => {
        const rows = named('zeta', 'äsa', 'anna');
        expect(sortRows(rows, { column: 'username', descending: false }, nameCollator('sv')).map((row) => row.username)).toEqual([
            'anna',
            'zeta',
            'äsa',
        ]);
    });
});
