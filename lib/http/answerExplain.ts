import type { ApiAnswer } from './answers';
import { invalidParams, succeeded } from './answers';
import type { ChatsSources } from './answerChats';
import { checkReportRequest } from './answerReport';
import type { AppRequest } from './guard';
import type { ReportQuery } from './query';
import { parseDepartmentFilter, queryChecker } from './query';
import { parseBusinessHours } from '../hours/businessHours';
import type { ExplainedChat, Explanation } from '../reports/explain';
import { explainAgent } from '../reports/explain';
import { roomLink } from '../reports/chatRows';
import type { ReportScope } from '../reports/scope';
import { isEmptyRange } from '../time/range';

/** The explain query: the range, the one agent, and the departments as in the reports. */
export interface ExplainQuery extends Pick<ReportQuery, 'start' | 'end' | 'departmentId'> {
    agentId: string | string[];
}

export const checkExplainQuery = queryChecker<ExplainQuery>('explain');

/** What the explanation reads: the reports' roles and business hours, the address for links, the chats of the range. */
export type ExplainSources = Pick<ChatsSources, 'allowedRoles' | 'businessHoursSetting' | 'siteUrl' | 'credits'>;

/** A chat of the explanation, with its room's link (null when the workspace's address cannot be read). */
export type ExplainedChatItem = ExplainedChat & { link: string | null };

/** The answer's body (with `success`): what the dashboard reads. */
export interface ExplainAnswer {
    agent: { _id: string; username: string | null };
    core: Explanation['core'];
    legs: Explanation['legs'];
    business: Explanation['business'];
    businessUnavailable: Explanation['businessUnavailable'];
    transfers: { chats: number; top: ExplainedChatItem[] };
    outsideHours: { chats: number; wholly: number; top: ExplainedChatItem[] } | null;
}

/**
 * Why an agent's figure in the app is not the one Rocket.Chat shows, checked as the reports are (401,
 * 400 schema, 403, 400 dates; `agentId` must name one agent): the core's count (each chat, whole, to
 * the agent who closed it), the count of each agent's own legs and the core's count within business
 * hours, side by side, and the chats that move most time between them. A business-hours setting that
 * does not read leaves the other two figures standing: `business` is null and `businessUnavailable`
 * says why.
 */
export async function answerExplain(request: AppRequest, sources: ExplainSources): Promise<ApiAnswer> {
    const checked = await checkReportRequest(request, () => sources.allowedRoles(), checkExplainQuery);
    if (!checked.ok) {
        return checked.answer;
    }
    const { query, range } = checked.value;
    const agentIds = parseDepartmentFilter(query.agentId) ?? [];
    if (agentIds.length !== 1) {
        return invalidParams('agentId must name exactly one agent');
    }
    const [agentId] = agentIds;
    const scope: ReportScope = { range, departmentIds: parseDepartmentFilter(query.departmentId) };
    const [setting, siteUrl, credits] = await Promise.all([
        sources.businessHoursSetting(),
        sources.siteUrl(),
        isEmptyRange(range) ? [] : sources.credits(scope, [agentId]),
    ]);
    const hours = parseBusinessHours(setting);
    // Under the core's attribution each room has one credit: its record, once.
    const explanation = explainAgent(
        credits.map((credit) => credit.record),
        agentId,
        hours.ok ? hours.value : undefined,
    );
    return succeeded({ ...explanationContent(explanation, hours.ok ? undefined : hours.problems, siteUrl) });
}

/** The answer's body: the explanation, each named chat with its link. */
export function explanationContent(
    explanation: Explanation,
    settingProblems: string[] | undefined,
    siteUrl: string | undefined,
): ExplainAnswer {
    const linked = (chats: ExplainedChat[]): ExplainedChatItem[] =>
        chats.map((chat) => ({ ...chat, link: siteUrl === undefined ? null : roomLink(siteUrl, chat.roomId) }));
    const { agentId, username, core, legs, business, transfers, outsideHours } = explanation;
    return {
        agent: { _id: agentId, username },
        core,
        legs,
        business,
        businessUnavailable: settingProblems ? { why: 'invalid-setting', problems: settingProblems } : explanation.businessUnavailable,
        transfers: { ...transfers, top: linked(transfers.top) },
        outsideHours: outsideHours && { ...outsideHours, top: linked(outsideHours.top) },
    };
}
