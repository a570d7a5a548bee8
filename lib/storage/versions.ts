import { SERVICE_RECORD_VERSION } from '../chats/serviceRecord';

/**
 * Every name and version under which the app stores something, in one place: a change here is a
 * migration (docs/storage.md names each, and `tests/lib/storage/versions.test.ts` checks it does).
 * `layout.ts` builds the association lists from these tags; the record's own version is defined
 * beside its shape (`chats/serviceRecord.ts`) and named here with the rest.
 *
 * Layouts: 1 (app 1.0.x), 2 (app 1.1: records by room first, buckets in parts), 3 (app 1.2: every
 * bucket part written as totals and stats, a timeline per day), 4 (app 1.8: layout 3 and an index of
 * each agent's chats per day, `buckets/chatIndex.ts`). Apps 1.3 to 1.7 kept layout 3 and added
 * documents of their own (leg events since 1.4, tombstones of deleted rooms since 1.6).
 */
export const STORAGE_LAYOUT = 4;

/** A record's `v` (`{v, roomId, agentId, ...}`): unchanged since app 1.0. */
export const RECORD_VERSION = SERVICE_RECORD_VERSION;
/** A bucket part's `v`: parts of layout 2 (app 1.1, no stats) are not read, and a full rebuild replaces them. */
export const BUCKET_PART_VERSION = 3;
/** A day timeline's `v` (since app 1.2). */
export const TIMELINE_VERSION = 1;
/** An agent's day of the chat index, and a slot's agents (since app 1.8, layout 4). */
export const CHAT_INDEX_VERSION = 1;

export const RECORD_TAG = 'service-record-v2';
export const YEAR_MARKER_TAG = 'service-record-year';
export const DIRTY_TAG = 'service-dirty-v2';
/** v4 since app 1.8: the chat index is built with the buckets (layout 4), so an update from 1.1 to 1.7 rebuilds them from the records. */
export const READY_TAG = 'service-buckets-ready-v4';
/** How far a full rebuild that spans several builder runs got: `{through: 'month:YYYY-MM'}`. */
export const REBUILD_PROGRESS_TAG = 'service-buckets-progress-v4';
/** The readiness and progress of layouts 2 (app 1.1) and 3 (apps 1.2 to 1.7): removed once layout 4's buckets are built. */
export const SUPERSEDED_TAGS = [
    'service-buckets-ready-v2',
    'service-buckets-progress-v2',
    'service-buckets-ready-v3',
    'service-buckets-progress-v3',
] as const;
export const IMPORT_STATUS_TAG = 'history-import-status';
/** Since app 1.4: one document per livechat event that moves a chat between agents (`legs/legs.ts`). */
export const LEG_EVENT_TAG = 'service-leg-event-v1';
/**
 * Since app 1.6: a deleted livechat room's tombstone, `{roomId, deletedAt}`, kept for at least a
 * month: a close, a leg event or an import of the room that lands after its deletion is removed again.
 */
export const TOMBSTONE_TAG = 'service-deleted-room-v1';
/**
 * Since app 1.9: a closed room to look at again for a rating given after the close, `{roomId, dueAt}`
 * (`chats/ratingPickup.ts`), and how far the pickup got, `{through: 'slot:…'}`.
 */
export const RATING_WATCH_TAG = 'service-rating-watch-v1';
export const RATING_PICKUP_TAG = 'service-rating-pickup-v1';
/** Since app 1.6: which builder run may write (`builder/builderLease.ts`): `{token, until}`. */
export const BUILDER_LEASE_TAG = 'service-builder-lease';
/** The retention's last prune: `{before}`, the cut-off month it pruned up to. */
export const PRUNED_TAG = 'service-pruned';

/** The tags of layout 1 (app 1.0.x): what the migration reads and removes. */
export const LEGACY = {
    RECORD_TAG: 'service-record',
    DIRTY_TAG: 'service-dirty',
    READY_TAG: 'service-buckets-ready',
    BUCKET_TAGS: ['bucket-day', 'bucket-month'],
} as const;
