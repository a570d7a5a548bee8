import type { ReportShape } from './shapes';
import { ceilSeconds, ceilSecondsAverage, percentOrNull, ratioOrNull, scoreAverageOrNull } from './rounding';
import type { Occupancy } from './occupancy';
import type { AgentStats } from './agentStats';

export interface ServiceTimeStatsItem {
    _id: string;
    username: string;
    chats: number;
    averageServiceTimeInSeconds: number;
    medianServiceTimeInSeconds: number;
    p90ServiceTimeInSeconds: number;
    p95ServiceTimeInSeconds: number;
    /** Over the agent's rooms that carry `metrics.response.ft`; null when none does. */
    averageFirstResponseTimeInSeconds: number | null;
    /** Over the agent's rooms that carry `metrics.chatDuration`; null when none does. */
    averageChatDurationInSeconds: number | null;
    /**
     * With `attribution=legs`: how many of the agent's legs ended by a transfer to another agent or a
     * return to the queue, and how many began before the app saw the chat (their time is not counted).
     * Null with `last`: the buckets that answer it keep no legs.
     */
    transfers: number | null;
    legsWithUnknownStart: number | null;
    /** Chats the visitor rated (any question), and their share of the agent's chats, in percent to one decimal. */
    ratedChats: number;
    ratedChatsPct: number;
    /** The share of `satisfaction` ratings that are 4 or 5, in percent; null when no chat has one. */
    csatPct: number | null;
    /** The average of each question's scores (1 to 5), to two decimals; null when no chat has one. */
    averageSatisfaction: number | null;
    averageAgentKnowledge: number | null;
    averageAgentResponsiveness: number | null;
    averageAgentFriendliness: number | null;
    /**
     * With `attribution=legs`, how loaded the agent was over their own stretches of the chats counted
     * (whole stretches, at any hour): the time they held at least one chat, in seconds rounded up; the
     * average number of chats held over that time; the most at once; and the share of their chat time
     * held beside another chat, in percent. Null with `last`, whose buckets keep no stretches.
     */
    occupiedSeconds: number | null;
    averageConcurrentChats: number | null;
    peakConcurrentChats: number | null;
    sharedChatTimePct: number | null;
}

/**
 * A percentile from the agent's sketch, in whole seconds: within 1 % of the exact value at the nearest
 * rank (`stats/quantileSketch.ts`), then rounded to the nearest second.
 */
function percentileSeconds(stats: AgentStats, percent: number): number {
    return Math.round((stats.sketch.percentile(percent) ?? 0) / 1000);
}

/** Averages round up to whole seconds, as the core's average report does. */
function averageOrNull(sumMs: number, chats: number): number | null {
    return chats > 0 ? ceilSecondsAverage(sumMs, chats) : null;
}

function occupancyFields(
    occupancy: Occupancy | undefined,
): Pick<ServiceTimeStatsItem, 'occupiedSeconds' | 'averageConcurrentChats' | 'peakConcurrentChats' | 'sharedChatTimePct'> {
    if (!occupancy) {
        return { occupiedSeconds: null, averageConcurrentChats: null, peakConcurrentChats: null, sharedChatTimePct: null };
    }
    return {
        occupiedSeconds: ceilSeconds(occupancy.busyMs),
        averageConcurrentChats: ratioOrNull(occupancy.heldMs, occupancy.busyMs),
        peakConcurrentChats: occupancy.peak,
        sharedChatTimePct: percentOrNull(occupancy.sharedMs, occupancy.heldMs),
    };
}

export function toStatsItem(stats: AgentStats): ServiceTimeStatsItem {
    return {
        _id: stats.agentId,
        username: stats.username,
        chats: stats.chats,
        averageServiceTimeInSeconds: ceilSecondsAverage(stats.sumMs, stats.chats),
        medianServiceTimeInSeconds: percentileSeconds(stats, 50),
        p90ServiceTimeInSeconds: percentileSeconds(stats, 90),
        p95ServiceTimeInSeconds: percentileSeconds(stats, 95),
        averageFirstResponseTimeInSeconds: averageOrNull(stats.firstResponseMs, stats.firstResponseChats),
        averageChatDurationInSeconds: averageOrNull(stats.chatDurationMs, stats.chatDurationChats),
        transfers: stats.transfers ?? null,
        legsWithUnknownStart: stats.legsWithUnknownStart ?? null,
        ratedChats: stats.ratedChats,
        ratedChatsPct: percentOrNull(stats.ratedChats, stats.chats) ?? 0,
        csatPct: percentOrNull(stats.satisfiedChats, stats.satisfactionChats),
        averageSatisfaction: scoreAverageOrNull(stats.satisfactionSum, stats.satisfactionChats),
        averageAgentKnowledge: scoreAverageOrNull(stats.agentKnowledgeSum, stats.agentKnowledgeChats),
        averageAgentResponsiveness: scoreAverageOrNull(stats.agentResponsivenessSum, stats.agentResponsivenessChats),
        averageAgentFriendliness: scoreAverageOrNull(stats.agentFriendlinessSum, stats.agentFriendlinessChats),
        ...occupancyFields(stats.occupancy),
    };
}

export const SERVICE_TIME_STATS: ReportShape<ServiceTimeStatsItem, AgentStats> = {
    name: 'service-time-stats',
    toItem: toStatsItem,
    csvColumns: [
        '_id',
        'username',
        'chats',
        'averageServiceTimeInSeconds',
        'medianServiceTimeInSeconds',
        'p90ServiceTimeInSeconds',
        'p95ServiceTimeInSeconds',
        'averageFirstResponseTimeInSeconds',
        'averageChatDurationInSeconds',
        'transfers',
        'legsWithUnknownStart',
        'ratedChats',
        'ratedChatsPct',
        'csatPct',
        'averageSatisfaction',
        'averageAgentKnowledge',
        'averageAgentResponsiveness',
        'averageAgentFriendliness',
        'occupiedSeconds',
        'averageConcurrentChats',
        'peakConcurrentChats',
        'sharedChatTimePct',
    ],
};
