import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import type { Level } from '../time/periods';
import { periodStart, periodTag, periodTagsOf } from '../time/periods';
import { DIRTY_TAG, LEG_EVENT_TAG, LEGACY, RATING_WATCH_TAG, RECORD_TAG, TOMBSTONE_TAG, YEAR_MARKER_TAG } from './versions';

/**
 * How the app's documents sit in Rocket.Chat's app persistence: every tag, every association list
 * and every parser of a tag lives here and nowhere else. A record's association array is its
 * identity for Rocket.Chat's upsert, so a change here is a migration (docs/storage.md).
 *
 * **The first association is the selective one.** Rocket.Chat's persistence bridge upserts with the
 * filter `{appId, associations: [exact array]}` and reads and removes with `associations: {$all: [...]}`
 * (apps/meteor/app/apps/server/bridges/persistence.ts), over an index on `{appId, associations}`
 * (the AppsPersistence model). MongoDB's manual says that for an equality match on a whole array it
 * looks up the array's first element in the multikey index, then fetches and filters ("Multikey
 * Indexes": query on the entire array), and its `$all` page says the same of `$all`'s first element.
 * So every list below starts with the tag that names the fewest documents: the room, the period, the
 * marker's token, the bucket group. `dev/workspace/persistenceCollection.ts` counts those entries.
 *
 * Layout 4 (app 1.8) is layout 3 and the chat index (`buckets/chatIndex.ts`): each agent's chats of a
 * UTC day, [`chat-day:<day>:<agent>`, `chat-days-of:<agent>:<month>`, `buckets-of:<month>`], and each
 * slot's agents, [`chat-agents:<slot>`, `buckets-of:<month>`]; readiness and progress tags of its own.
 *
 * App 1.6 adds, within layout 3, a deleted room's tombstone: [room, `service-deleted-room-v1`,
 * `deleted-in:month:…` of the deletion], kept for at least a month (see `chatRecords.ts`).
 *
 * App 1.4 adds, within layout 3, a chat's leg events: [room, `service-leg-event-v1`, month of the
 * room's creation], one document per event (created, never updated: events of one chat that race
 * cannot overwrite each other), read at the close to write the record's legs.
 *
 * Layout 3 (app 1.2) is layout 2 with each bucket part written twice (`v: 3`): its totals under
 * `buckets:…` (what reports read) and its stats under `stats:…` (see `BucketKind`), and a timeline per day and
 * view: [`timeline:<day>:<view>`, `timelines:<month>:<view>`, `buckets-of:<month>`], each 5-minute
 * slot's chats and service time, what a series in any timezone reads (`buckets/timeline.ts`).
 *
 * Layout 2 (app 1.1):
 * - A record: [room, `service-record-v2`, slot, hour, day, month] of its creation (UTC).
 * - A year marker per year with records: [`service-record-year`, `year:YYYY`] (unchanged from 1.0).
 * - A dirty marker per save or removal: [`marker:<token>`, `service-dirty-v2`], naming the record's slot.
 * - A bucket part: [group and view, member, part, group, `buckets-of:month:…`] (see `bucketAssociations`).
 * - The buckets' readiness: [`service-buckets-ready-v2`], and a full rebuild's progress until then:
 *   [`service-buckets-progress-v2`]; the history import's status:
 *   [`history-import-status`]; the retention's last prune: [`service-pruned`].
 *
 * Layout 1 (app 1.0.x), read only to migrate it: records [`service-record`, room, month, day], dirty
 * markers [`service-dirty`, `marker:<token>`], buckets under `bucket-day` and `bucket-month`, readiness
 * [`service-buckets-ready`].
 */
export type Association = RocketChatAssociationRecord;

/** An app-owned tag, as the persistence bridge stores it (`{model: 'misc', id}`). */
export function tag(id: string): Association {
    return new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, id);
}

/** A tag as the bridge stores it in MongoDB (`{model, id}`): for tools that read the store from the host's side. */
export function storedTag(id: string): { model: string; id: string } {
    return { model: RocketChatAssociationModel.MISC, id };
}

function roomAssociation(roomId: string): Association {
    return new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, roomId);
}

/** `month:YYYY-MM` of an instant, in UTC. Only years 0000 to 9999 have a tag. */
export function monthTag(epochMs: number): string {
    return periodTag('month', epochMs);
}

/** `year:YYYY`, four digits as `periodTag` writes them (the year 42 is `year:0042`). */
export function yearTag(year: number): string {
    return `year:${String(year).padStart(4, '0')}`;
}

/** The UTC year of an instant, as its tags name it. */
export function utcYear(epochMs: number): number {
    return new Date(epochMs).getUTCFullYear();
}

/** The exact association array of a room's record: its identity for upserts. The room comes first. */
export function recordAssociations(roomId: string, createdAt: number): Association[] {
    const { slot, hour, day, month } = periodTagsOf(createdAt);
    return [roomAssociation(roomId), tag(RECORD_TAG), tag(slot), tag(hour), tag(day), tag(month)];
}

/** Every record of a room (one, or two where racing upserts both inserted). */
export function roomRecordsQuery(roomId: string): Association[] {
    return [roomAssociation(roomId), tag(RECORD_TAG)];
}

/** A leg event of a room: the room first; the month lets the retention prune events with their records. */
export function legEventAssociations(roomId: string, createdAt: number): Association[] {
    return [roomAssociation(roomId), tag(LEG_EVENT_TAG), tag(periodTag('month', createdAt))];
}

/** Every leg event of a room. */
export function roomLegEventsQuery(roomId: string): Association[] {
    return [roomAssociation(roomId), tag(LEG_EVENT_TAG)];
}

/** Every leg event of the rooms created in a month: what the retention removes. */
export function monthLegEventsQuery(month: string): Association[] {
    return [tag(month), tag(LEG_EVENT_TAG)];
}

/** A closed room to look at again for a late rating: the room first, then the slot of when it is due. */
export function ratingWatchAssociations(roomId: string, dueAt: number): Association[] {
    return [roomAssociation(roomId), tag(RATING_WATCH_TAG), tag(periodTag('slot', dueAt))];
}

/** The rating watches due in a slot. */
export function slotRatingWatchesQuery(slot: string): Association[] {
    return [tag(slot), tag(RATING_WATCH_TAG)];
}

/** A deleted room's tombstone: the room first, then the month of the deletion, by which old tombstones are pruned. */
export function tombstoneAssociations(roomId: string, deletedAt: number): Association[] {
    return [roomAssociation(roomId), tag(TOMBSTONE_TAG), tag(tombstoneMonthTag(deletedAt))];
}

/** A room's tombstones (one, or one per deletion event handled in another month). */
export function roomTombstoneQuery(roomId: string): Association[] {
    return [roomAssociation(roomId), tag(TOMBSTONE_TAG)];
}

/** The tombstones of the rooms deleted in the month of an instant: what their prune removes. */
export function monthTombstonesQuery(deletedAt: number): Association[] {
    return [tag(tombstoneMonthTag(deletedAt)), tag(TOMBSTONE_TAG)];
}

/** Not a `month:` tag: a room's deletion month must never be read as the month of a record. */
function tombstoneMonthTag(deletedAt: number): string {
    return `deleted-in:${monthTag(deletedAt)}`;
}

/** Every record of a slot, hour, day or month: the period first (only records carry period tags). */
export function periodRecordsQuery(period: string): Association[] {
    return [tag(period), tag(RECORD_TAG)];
}

export function yearMarkerAssociations(year: number): Association[] {
    return [tag(YEAR_MARKER_TAG), tag(yearTag(year))];
}

export function dirtyMarkerAssociations(token: string): Association[] {
    return [tag(`marker:${token}`), tag(DIRTY_TAG)];
}

/**
 * A bucket's view: `all` holds each agent's totals over every department (what unfiltered reports
 * read); `dept:<id>` each agent's totals in one department (what a report filtered on it reads).
 */
export type BucketView = 'all' | `dept:${string}`;

export const ALL_DEPARTMENTS_VIEW: BucketView = 'all';

export function departmentView(departmentId: string): BucketView {
    return `dept:${departmentId}`;
}

/**
 * What a bucket part holds: `totals` (each agent's chats and summed ms: what the core's reports and the
 * series read, small) or `stats` (those and the sums and sketch the stats report reads, and what the
 * builder merges). Both are written from the same rows, part by part, with the same build token.
 */
export type BucketKind = 'totals' | 'stats';

/** The tag of the buckets of one level under one parent (the hours of a day), in one view or in every view. */
export function bucketGroupTag(level: Level, parent: string, view?: BucketView, kind: BucketKind = 'totals'): string {
    return `${kind === 'totals' ? 'buckets' : 'stats'}:${level}:${parent}${view ? `:${view}` : ''}`;
}

/**
 * The tag every bucket of a month carries (its month's own bucket included): what the retention and a
 * rebuild remove. A year's own bucket carries its year's (`buckets-of:year:…`).
 */
export function bucketsOfMonthTag(monthOrYear: string): string {
    return `buckets-of:${monthOrYear}`;
}

/**
 * A bucket part's identity: its group in its view first (at most 31 periods' parts share it), then
 * the period, the part, the group in every view (what the builder reads) and its month (a year
 * bucket: its year).
 */
export function bucketAssociations(
    level: Level,
    parent: string,
    view: BucketView,
    period: string,
    part: number,
    monthOrYear: string,
    kind: BucketKind,
): Association[] {
    return [
        tag(bucketGroupTag(level, parent, view, kind)),
        tag(`bucket:${level}:${period}`),
        tag(`part:${part}`),
        tag(bucketGroupTag(level, parent, undefined, kind)),
        tag(bucketsOfMonthTag(monthOrYear)),
    ];
}

/** One part of one view of one period's bucket: what a rewrite that needs fewer parts removes. */
export function bucketPartQuery(
    level: Level,
    parent: string,
    view: BucketView,
    period: string,
    part: number,
    kind: BucketKind,
): Association[] {
    return [tag(bucketGroupTag(level, parent, view, kind)), tag(`bucket:${level}:${period}`), tag(`part:${part}`)];
}

/** The buckets of one level under one parent, in one view (a report's read) or in every view (the builder's, of stats). */
export function bucketGroupQuery(level: Level, parent: string, view?: BucketView, kind: BucketKind = 'totals'): Association[] {
    return [tag(bucketGroupTag(level, parent, view, kind))];
}

/** Every bucket of a month, at every level. */
export function bucketsOfMonthQuery(month: string): Association[] {
    return [tag(bucketsOfMonthTag(month))];
}

/** Layout 1: the records of a month (the month first: it names only that month's documents). */
export function legacyMonthRecordsQuery(month: string): Association[] {
    return [tag(month), tag(LEGACY.RECORD_TAG)];
}

/** Layout 1: every record of a room. */
export function legacyRoomRecordsQuery(roomId: string): Association[] {
    return [roomAssociation(roomId), tag(LEGACY.RECORD_TAG)];
}

/** A day's timeline in one view: its identity for upserts, the day first. */
export function timelineAssociations(day: string, view: BucketView): Association[] {
    const month = periodTag('month', periodStart(day));
    return [tag(`timeline:${day}:${view}`), tag(`timelines:${month}:${view}`), tag(bucketsOfMonthTag(month))];
}

/** A day's timeline in one view (the builder's read before it patches it). */
export function timelineDayQuery(day: string, view: BucketView): Association[] {
    return [tag(`timeline:${day}:${view}`)];
}

/** Every day's timeline of a month in one view: a series' read. */
export function timelineMonthQuery(month: string, view: BucketView): Association[] {
    return [tag(`timelines:${month}:${view}`)];
}

/** An agent's day of the chat index: its identity for upserts, the day and agent first (one document). */
export function agentDayAssociations(agentId: string, day: string): Association[] {
    const month = periodTag('month', periodStart(day));
    return [tag(`chat-day:${day}:${agentId}`), tag(`chat-days-of:${agentId}:${month}`), tag(bucketsOfMonthTag(month))];
}

/** An agent's day of the chat index (the builder's read before it patches it). */
export function agentDayQuery(agentId: string, day: string): Association[] {
    return [tag(`chat-day:${day}:${agentId}`)];
}

/** Every day of an agent's chat index in a month: a chats list's read (at most 31 documents). */
export function agentMonthQuery(agentId: string, month: string): Association[] {
    return [tag(`chat-days-of:${agentId}:${month}`)];
}

/** The agents of a slot's chats as the index last saw them: its identity, the slot first. */
export function slotAgentsAssociations(slot: string): Association[] {
    return [tag(`chat-agents:${slot}`), tag(bucketsOfMonthTag(periodTag('month', periodStart(slot))))];
}

export function slotAgentsQuery(slot: string): Association[] {
    return [tag(`chat-agents:${slot}`)];
}
