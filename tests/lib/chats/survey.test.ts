import { readStoredSurvey, surveyKey, surveyScoresOf } from '../../../lib/chats/survey';

const room = (surveyFeedback: unknown) => ({ _unmappedProperties_: { surveyFeedback } });

describe("the visitor's survey", () => {
    it("reads Rocket.Chat's string scores, under its own spelling of agentResposiveness, and never the free text", () => {
        const scores = surveyScoresOf(
            room({
                satisfaction: '5',
                agentKnowledge: '3',
                agentResposiveness: '2',
                agentFriendliness: '1',
                additionalFeedback: 'Ana was great',
            }),
        );
        expect(scores).toEqual({ satisfaction: 5, agentKnowledge: 3, agentResponsiveness: 2, agentFriendliness: 1 });
        expect(JSON.stringify(scores)).not.toContain('Ana');
    });

    it('keeps the questions answered with 1 to 5 and drops anything else', () => {
        expect(surveyScoresOf(room({ satisfaction: '4', agentKnowledge: '6', agentFriendliness: '0' }))).toEqual({ satisfaction: 4 });
        expect(surveyScoresOf(room({ satisfaction: 3, agentKnowledge: 2.5, agentFriendliness: ' 4' }))).toEqual({ satisfaction: 3 });
        expect(surveyScoresOf(room({ agentResponsiveness: '5' }))).toBeUndefined(); // not Rocket.Chat's field name
    });

    it('is no survey when the visitor rated nothing or the room carries none', () => {
        expect(surveyScoresOf(room({ additionalFeedback: 'hello' }))).toBeUndefined();
        expect(surveyScoresOf(room(null))).toBeUndefined();
        expect(surveyScoresOf(room('5'))).toBeUndefined();
        expect(surveyScoresOf({})).toBeUndefined();
    });

    it('reads a stored survey back as numbers only, its valid scores kept', () => {
        expect(readStoredSurvey({ satisfaction: 5, agentFriendliness: 2 })).toEqual({ satisfaction: 5, agentFriendliness: 2 });
        expect(readStoredSurvey({ satisfaction: '5', agentKnowledge: 9, agentFriendliness: 2 })).toEqual({ agentFriendliness: 2 });
        expect(readStoredSurvey({ satisfaction: 0 })).toBeUndefined();
        expect(readStoredSurvey([5])).toBeUndefined();
    });

    it('keys a survey in question order, a question not answered as null', () => {
        expect(surveyKey({ agentFriendliness: 2, satisfaction: 5 })).toEqual([5, null, null, 2]);
    });
});
