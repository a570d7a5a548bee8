import type { ApiAnswer } from './answers';
import { succeeded, succeededAsCsv } from './answers';
import type { PagedSources } from './answerReport';
import { checkPagedRequest } from './answerReport';
import { toCsv } from './csv';
import type { AppRequest } from './guard';
import type { ReportQuery } from './query';
import { answerUnlessNoTimes, parseDepartmentFilter, queryChecker, wantsCsv } from './query';
import type { ChatCredit } from '../reports/attribution';
import type { ChatItem } from '../reports/chatRows';
import type { ChatItemField } from '../reports/chatRows';
import { CHAT_ITEM_FIELDS, listedCredits, toChatItem } from '../reports/chatRows';
import { paginate } from '../reports/pagination';
import type { ReportScope } from '../reports/scope';
import { isEmptyRange } from '../time/range';
import { CHATS_CSV_NAME } from './routes';

/** The chats list's query: the reports' and the agents to list. */
export interface ChatsQuery extends ReportQuery {
    /** Only these agents (one id, comma-separated, or repeated). */
    agentId?: string | string[];
}

export const checkChatsQuery = queryChecker<ChatsQuery>('chats');

/** What the chats list needs from the workspace, asked for only when the checks before it have passed. */
export interface ChatsSources extends PagedSources {
    /** The workspace's address (`Site_Url`), for each chat's link; undefined when it cannot be read. */
    siteUrl(): Promise<string | undefined>;
    /** Every credit of the chats in the scope, each room once; with agents named, at least theirs (`ReportReader.credits`). */
    credits(scope: ReportScope, agentIds?: readonly string[]): Promise<ChatCredit[]>;
}

/**
 * The chats behind the reports' figures, checked as the reports are (401, 400 schema, 403, 400 dates,
 * 400 business hours): one row per chat and credited agent (with `legs`, once per agent who took
 * part), longest first, paged by the workspace's settings. `{chats, count, offset, total, success}`,
 * or CSV with one column group per leg.
 */
export async function answerChats(request: AppRequest, sources: ChatsSources): Promise<ApiAnswer> {
    const checked = await checkPagedRequest(request, sources, checkChatsQuery);
    if (!checked.ok) {
        return checked.answer;
    }
    const { query, range, page, scope } = checked.value;
    const agentIds = parseDepartmentFilter(query.agentId);
    const siteUrl = await sources.siteUrl();
    const listed = await answerUnlessNoTimes(async () => {
        const credits = isEmptyRange(range) ? [] : listedCredits(await sources.credits(scope, agentIds), agentIds);
        const paged = paginate(credits, page);
        // The CSV's columns follow the whole list, not the page: every page of one query has the same header.
        const mostLegs = credits.reduce((most, credit) => Math.max(most, credit.record.legs?.length ?? 0), 0);
        return { ...paged, mostLegs, items: paged.items.map((credit) => toChatItem(credit, scope.businessHours, siteUrl)) };
    });
    if (!listed.ok) {
        return listed.answer;
    }
    const { items, count, offset, total, mostLegs } = listed.value;
    if (wantsCsv(query.format, request.headers?.accept)) {
        return succeededAsCsv(chatsCsv(items, mostLegs), CHATS_CSV_NAME);
    }
    return succeeded({ chats: items, count, offset, total });
}

/** A row's own fields in CSV: all but its legs, which get columns of their own. */
const CHAT_COLUMNS = CHAT_ITEM_FIELDS.filter((field): field is Exclude<ChatItemField, 'legs'> => field !== 'legs');

/**
 * The rows as CSV, for spreadsheets: a chat's fields, then for each of its legs, oldest first, the
 * agent, the leg's seconds (under the request's hours) and how it ended, as `agent1`, `agent1Seconds`,
 * `agent1EndedBy`, ... up to `mostLegs` (the most any chat of the whole list has; at least the most
 * of these rows). Empty cells where a value is null.
 */
export function chatsCsv(items: ChatItem[], mostLegsOfList = 0): string {
    // A loop, not Math.max(...): a page of count=0 can hold more rows than a call takes arguments.
    const mostLegs = items.reduce((most, item) => Math.max(most, item.legs.length), mostLegsOfList);
    const legColumns = Array.from({ length: mostLegs }, (_, index) => [
        `agent${index + 1}`,
        `agent${index + 1}Seconds`,
        `agent${index + 1}EndedBy`,
    ]).flat();
    const rows = items.map((item) => {
        const row: Record<string, unknown> = {};
        for (const column of CHAT_COLUMNS) {
            row[column] = item[column] ?? '';
        }
        item.legs.forEach((leg, index) => {
            row[`agent${index + 1}`] = leg.username;
            row[`agent${index + 1}Seconds`] = leg.seconds ?? '';
            row[`agent${index + 1}EndedBy`] = leg.endedBy;
        });
        return row;
    });
    return toCsv(rows, [...CHAT_COLUMNS, ...legColumns]);
}
