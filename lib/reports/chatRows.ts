import type { BusinessHours } from '../hours/businessHours';
import type { LegEnd } from '../legs/legs';
import type { ChatCredit } from './attribution';
import { legTimer } from './attribution';
import { compareCodePoints } from './codePointOrder';
import { ceilSeconds } from './rounding';
import { underSiteUrl } from '../util/siteUrl';

/** One agent's stretch of a chat, as the chats list shows it. */
export interface ChatLegItem {
    agentId: string;
    username: string;
    /** ISO; null when the leg began before the app saw the chat. */
    startedAt: string | null;
    endedAt: string;
    endedBy: LegEnd;
    /** The leg's time under the request's hours, rounded up to whole seconds; null when its start is unknown. */
    seconds: number | null;
}

/** One row of the chats behind a figure: one chat, and the agent credited in this row. */
export interface ChatItem {
    roomId: string;
    agentId: string;
    username: string;
    createdAt: string;
    closedAt: string | null;
    departmentId: string | null;
    /** The agent's credited service time for the chat, under the request's attribution and hours, rounded up. */
    serviceTimeInSeconds: number;
    firstResponseInSeconds: number | null;
    chatDurationInSeconds: number | null;
    /** The visitor's satisfaction score (1 to 5) in Rocket.Chat's survey; null when they gave none. */
    satisfaction: number | null;
    legs: ChatLegItem[];
    /** The room in Rocket.Chat's Current Chats; null when the workspace's address cannot be read. */
    link: string | null;
}

/** A row's fields, in the order the CSV and the OpenAPI document list them. */
export const CHAT_ITEM_FIELDS = [
    'roomId',
    'agentId',
    'username',
    'createdAt',
    'closedAt',
    'departmentId',
    'serviceTimeInSeconds',
    'firstResponseInSeconds',
    'chatDurationInSeconds',
    'satisfaction',
    'link',
    'legs',
] as const satisfies ReadonlyArray<keyof ChatItem>;
export type ChatItemField = (typeof CHAT_ITEM_FIELDS)[number];

/**
 * The credits a chats list shows: those that count a chat (an agent whose every leg began unseen is
 * no chat in any report, so no row), of the agents named (all when none is), longest first, ties by
 * room then agent, so that pages never overlap. The same credits the reports add up, so the rows of
 * an agent are exactly its `chats`, and their ms its `sumMs`.
 */
export function listedCredits(credits: Iterable<ChatCredit>, agentIds: readonly string[] | undefined): ChatCredit[] {
    const named = agentIds && new Set(agentIds);
    return [...credits]
        .filter((credit) => credit.chats === 1 && (!named || named.has(credit.agentId)))
        .sort(
            (a, b) =>
                b.durationMs - a.durationMs ||
                compareCodePoints(a.record.roomId, b.record.roomId) ||
                compareCodePoints(a.agentId, b.agentId) ||
                compareCodePoints(a.username, b.username),
        );
}

/**
 * A credit as a row. Seconds round up, as the core's total report rounds its sum: the rows of an agent
 * add up to between its `serviceTimeDuration` and that plus its number of chats.
 */
export function toChatItem(credit: ChatCredit, businessHours: BusinessHours | undefined, siteUrl: string | undefined): ChatItem {
    const { record } = credit;
    const timeOf = legTimer(record, businessHours);
    return {
        roomId: record.roomId,
        agentId: credit.agentId,
        username: credit.username,
        createdAt: new Date(record.createdAt).toISOString(),
        closedAt: isoOrNull(record.closedAt),
        departmentId: record.departmentId ?? null,
        serviceTimeInSeconds: ceilSeconds(credit.durationMs),
        firstResponseInSeconds: secondsOrNull(record.firstResponseMs),
        chatDurationInSeconds: secondsOrNull(record.chatDurationMs),
        satisfaction: record.survey?.satisfaction ?? null,
        legs: (record.legs ?? []).map((leg) => {
            const ms = timeOf(leg);
            return {
                agentId: leg.agentId,
                username: leg.username,
                startedAt: isoOrNull(leg.startedAt),
                endedAt: new Date(leg.endedAt).toISOString(),
                endedBy: leg.endedBy,
                seconds: ms === undefined ? null : ceilSeconds(ms),
            };
        }),
        link: siteUrl === undefined ? null : roomLink(siteUrl, record.roomId),
    };
}

/**
 * A closed chat in Rocket.Chat: Current Chats opens a room at `/omnichannel/current/<id>`
 * (apps/meteor/client/views/omnichannel/currentChats/CurrentChatsRoute.tsx, `onRowClick`).
 */
export function roomLink(siteUrl: string, roomId: string): string {
    return underSiteUrl(siteUrl, `/omnichannel/current/${encodeURIComponent(roomId)}`);
}

function isoOrNull(ms: number | undefined): string | null {
    return ms === undefined ? null : new Date(ms).toISOString();
}

function secondsOrNull(ms: number | undefined): number | null {
    return ms === undefined ? null : ceilSeconds(ms);
}
