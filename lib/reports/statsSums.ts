import type { ServiceRecord } from '../chats/serviceRecord';
import type { SurveyQuestion } from '../chats/survey';
import { isSatisfied, SURVEY_QUESTIONS } from '../chats/survey';

/**
 * The counts and sums the stats report keeps per agent beyond the core's `chats` and `sumMs`: each
 * adds up across chats, periods and buckets, and each is stored as one column of a bucket part. A new
 * figure that adds up is a new name here, not a new code path: the table, the stored columns, their
 * comparison and their merge all go through this list.
 */
export const STATS_SUMS = [
    'firstResponseMs',
    'firstResponseChats',
    'chatDurationMs',
    'chatDurationChats',
    // Since 1.9: the visitor's ratings (`chats/survey.ts`).
    'ratedChats',
    'satisfactionSum',
    'satisfactionChats',
    'satisfiedChats',
    'agentKnowledgeSum',
    'agentKnowledgeChats',
    'agentResponsivenessSum',
    'agentResponsivenessChats',
    'agentFriendlinessSum',
    'agentFriendlinessChats',
] as const;

export type StatsSum = (typeof STATS_SUMS)[number];

export type StatsSums = Record<StatsSum, number>;

/**
 * Sums a bucket part written before them lacks: such a part reads them as zero, which is exact, since
 * no record of an earlier version carries a survey (a record re-saved with one marks its slot dirty).
 */
export const SUMS_SINCE_1_9: ReadonlySet<StatsSum> = new Set(STATS_SUMS.slice(STATS_SUMS.indexOf('ratedChats')));

/** Each question's sum and count. */
export const SCORE_SUMS: Readonly<Record<SurveyQuestion, { sum: StatsSum; chats: StatsSum }>> = {
    satisfaction: { sum: 'satisfactionSum', chats: 'satisfactionChats' },
    agentKnowledge: { sum: 'agentKnowledgeSum', chats: 'agentKnowledgeChats' },
    agentResponsiveness: { sum: 'agentResponsivenessSum', chats: 'agentResponsivenessChats' },
    agentFriendliness: { sum: 'agentFriendlinessSum', chats: 'agentFriendlinessChats' },
};

export function zeroSums(): StatsSums {
    const sums = {} as StatsSums;
    for (const name of STATS_SUMS) {
        sums[name] = 0;
    }
    return sums;
}

/** Adds one chat's part of the sums: the times it carries and its ratings. */
export function addRecordSums(sums: StatsSums, record: ServiceRecord): void {
    if (record.firstResponseMs !== undefined) {
        sums.firstResponseMs += record.firstResponseMs;
        sums.firstResponseChats += 1;
    }
    if (record.chatDurationMs !== undefined) {
        sums.chatDurationMs += record.chatDurationMs;
        sums.chatDurationChats += 1;
    }
    const { survey } = record;
    if (survey === undefined) {
        return;
    }
    sums.ratedChats += 1;
    for (const question of SURVEY_QUESTIONS) {
        const score = survey[question];
        if (score !== undefined) {
            sums[SCORE_SUMS[question].sum] += score;
            sums[SCORE_SUMS[question].chats] += 1;
        }
    }
    if (survey.satisfaction !== undefined && isSatisfied(survey.satisfaction)) {
        sums.satisfiedChats += 1;
    }
}

export function addSums(sums: StatsSums, more: Readonly<StatsSums>): void {
    for (const name of STATS_SUMS) {
        sums[name] += more[name];
    }
}

export function sameSums(a: Readonly<StatsSums>, b: Readonly<StatsSums>): boolean {
    return STATS_SUMS.every((name) => a[name] === b[name]);
}
