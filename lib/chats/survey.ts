/**
 * The visitor's ratings of a chat: Rocket.Chat's livechat survey, 1 to 5 on up to four questions.
 *
 * Rocket.Chat keeps them on the room as `surveyFeedback` (`LivechatRooms.updateSurveyFeedbackById` in
 * packages/models/src/models/LivechatRooms.ts), written by the `livechat/room.survey` endpoint
 * (apps/meteor/app/livechat/server/api/v1/room.ts) and the `livechat:saveSurveyFeedback` method, each
 * value a string '1' to '5', with the visitor's free text under `additionalFeedback`. The endpoint
 * finds the room by id and visitor token, open or closed (`findRoom` in
 * apps/meteor/app/livechat/server/api/lib/livechat.ts), so a rating may come after the close; no
 * event tells apps of it. The apps' room converter (apps/meteor/app/apps/server/converters/rooms.ts)
 * maps no `surveyFeedback`, so apps see it in `_unmappedProperties_`.
 *
 * The app keeps the scores only: never the free text, which is the visitor's own words.
 */

/** The questions, by the names the app's reports use. */
export const SURVEY_QUESTIONS = ['satisfaction', 'agentKnowledge', 'agentResponsiveness', 'agentFriendliness'] as const;

export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

export type Score = 1 | 2 | 3 | 4 | 5;

/** A chat's ratings: the questions the visitor answered. */
export type SurveyScores = Partial<Record<SurveyQuestion, Score>>;

/** Rocket.Chat's field of each question (it spells one `agentResposiveness`). */
const ROCKET_CHAT_FIELDS: Readonly<Record<SurveyQuestion, string>> = {
    satisfaction: 'satisfaction',
    agentKnowledge: 'agentKnowledge',
    agentResponsiveness: 'agentResposiveness',
    agentFriendliness: 'agentFriendliness',
};

/** Where a converted room carries its survey. */
export interface WithUnmappedSurvey {
    _unmappedProperties_?: { surveyFeedback?: unknown };
}

/** A score as Rocket.Chat stores it ('1' to '5'), or as a number 1 to 5; anything else is no answer. */
function scoreOf(value: unknown): Score | undefined {
    const score = typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : value;
    return typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 5 ? (score as Score) : undefined;
}

/** The scores of a room's survey; undefined when the visitor rated nothing. */
export function surveyScoresOf(room: WithUnmappedSurvey): SurveyScores | undefined {
    const feedback = room._unmappedProperties_?.surveyFeedback;
    if (typeof feedback !== 'object' || feedback === null) {
        return undefined;
    }
    const scores: SurveyScores = {};
    for (const question of SURVEY_QUESTIONS) {
        const score = scoreOf((feedback as Record<string, unknown>)[ROCKET_CHAT_FIELDS[question]]);
        if (score !== undefined) {
            scores[question] = score;
        }
    }
    return Object.keys(scores).length > 0 ? scores : undefined;
}

/** A stored survey as this version reads it: its valid scores kept, undefined when none is. */
export function readStoredSurvey(value: unknown): SurveyScores | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const scores: SurveyScores = {};
    for (const question of SURVEY_QUESTIONS) {
        const stored = (value as Record<string, unknown>)[question];
        const score = typeof stored === 'number' ? scoreOf(stored) : undefined;
        if (score !== undefined) {
            scores[question] = score;
        }
    }
    return Object.keys(scores).length > 0 ? scores : undefined;
}

/** The survey's scores in question order, a missing one as null: what a fingerprint and a comparison take. */
export function surveyKey(scores: SurveyScores): Array<Score | null> {
    return SURVEY_QUESTIONS.map((question) => scores[question] ?? null);
}

/** A score counts as satisfied at 4 or 5: the usual CSAT cut. */
export function isSatisfied(score: Score): boolean {
    return score >= 4;
}
