import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { addRecordSums, addSums, sameSums, STATS_SUMS, zeroSums } from '../../../lib/reports/statsSums';

const record = (more: Partial<ServiceRecord>): ServiceRecord => ({
    v: 1,
    roomId: 'r',
    agentId: 'a',
    username: 'ana',
    createdAt: 0,
    durationMs: 1000,
    ...more,
});

describe('the stats sums', () => {
    it('adds a chat’s first response and duration only when it carries them', () => {
        const sums = zeroSums();
        addRecordSums(sums, record({ firstResponseMs: 4000 }));
        addRecordSums(sums, record({ chatDurationMs: 9000 }));
        expect([sums.firstResponseMs, sums.firstResponseChats, sums.chatDurationMs, sums.chatDurationChats]).toEqual([4000, 1, 9000, 1]);
    });

    it('counts a rated chat once, each question it answers in its own sum and count, and 4 and 5 as satisfied', () => {
        const sums = zeroSums();
        addRecordSums(sums, record({ survey: { satisfaction: 5, agentKnowledge: 2 } }));
        addRecordSums(sums, record({ survey: { satisfaction: 4 } }));
        addRecordSums(sums, record({ survey: { satisfaction: 3, agentResponsiveness: 1, agentFriendliness: 5 } }));
        addRecordSums(sums, record({ survey: { agentFriendliness: 4 } })); // satisfaction not answered: not in CSAT
        addRecordSums(sums, record({})); // not rated
        expect(sums).toMatchObject({
            ratedChats: 4,
            satisfactionSum: 12,
            satisfactionChats: 3,
            satisfiedChats: 2,
            agentKnowledgeSum: 2,
            agentKnowledgeChats: 1,
            agentResponsivenessSum: 1,
            agentResponsivenessChats: 1,
            agentFriendlinessSum: 9,
            agentFriendlinessChats: 2,
        });
    });

    it('adds and compares every sum, not just some', () => {
        for (const name of STATS_SUMS) {
            const a = zeroSums();
            const b = zeroSums();
            b[name] = 3;
            expect(sameSums(a, b)).toBe(false);
            addSums(a, b);
            addSums(a, b);
            expect(a[name]).toBe(6);
            b[name] = 6;
            expect(sameSums(a, b)).toBe(true);
        }
    });
});
