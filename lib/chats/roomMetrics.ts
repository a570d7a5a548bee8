import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import type { WithUnmappedSurvey } from './survey';

/**
 * The room's `metrics` as Rocket.Chat stores them at close (apps/meteor/app/livechat/server/lib/closeRoom.ts).
 * Apps get them only through `_unmappedProperties_`: Rocket.Chat's room converters
 * (apps/meteor/app/apps/server/converters/rooms.ts) keep every database field they do not map there.
 */
export interface RoomMetrics {
    /** `(closedAt - servedBy.ts) / 1000`, float seconds, stored only when truthy. */
    serviceTimeDuration?: unknown;
    /** `(closedAt - ts) / 1000`: the whole chat, from its creation to its close, float seconds (closeRoom.ts). */
    chatDuration?: unknown;
    /**
     * `response.ft`: seconds from the visitor's message an agent first answered to that answer, set once
     * by the first agent message (`getAnalyticsUpdateQueryBySentByAgent` in packages/models/src/models/LivechatRooms.ts,
     * from apps/meteor/app/livechat/server/hooks/saveAnalyticsData.ts); absent when no agent ever wrote.
     */
    response?: { ft?: unknown };
}

/** Where a converted room carries the fields the converter does not map. */
export interface WithUnmappedMetrics {
    _unmappedProperties_?: { metrics?: RoomMetrics };
}

/** A livechat room as the closed event (and `getById`) hands it to apps. */
export type ClosedLivechatRoom = ILivechatRoom & WithUnmappedMetrics & WithUnmappedSurvey;

/** The raw `metrics.serviceTimeDuration`, unchecked: the record rule decides what it is worth. */
export function serviceTimeDurationOf(room: WithUnmappedMetrics): unknown {
    return room._unmappedProperties_?.metrics?.serviceTimeDuration;
}

/** Whether a room carries its metrics at all (raw listings may not, depending on their projection). */
export function hasMetrics(room: WithUnmappedMetrics): boolean {
    return room._unmappedProperties_?.metrics !== undefined;
}

/** `metrics.chatDuration`, unchecked. */
export function chatDurationOf(room: WithUnmappedMetrics): unknown {
    return room._unmappedProperties_?.metrics?.chatDuration;
}

/** `metrics.response.ft`, unchecked. */
export function firstResponseTimeOf(room: WithUnmappedMetrics): unknown {
    return room._unmappedProperties_?.metrics?.response?.ft;
}
