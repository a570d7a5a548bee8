import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

/**
 * How the app's documents sit in Rocket.Chat's app persistence: every tag, every association list
 * and every parser of a tag lives here and nowhere else. The layout outlives app updates (a record's
 * association array is its identity for Rocket.Chat's upsert), so a change here is a migration.
 * docs/storage.md describes the layout and why it is safe without increments or transactions.
 *
 * - A service record: [`service-record`, room, `month:YYYY-MM`, `day:YYYY-MM-DD`] of its creation (UTC).
 *   All follow from the room, so saving the same room again replaces its record.
 * - A year marker per year with records: [`service-record-year`, `year:YYYY`].
 * - A dirty marker per save or removal: [`service-dirty`, `marker:<token>`], naming the record's month
 *   and day, and what the room's record must be once the write has landed.
 * - Buckets: [`bucket-day`, `day:…`, `month:…`] and [`bucket-month`, `month:…`, `year:…`].
 * - The buckets' readiness: [`service-buckets-ready`]; the history import's status: [`history-import-status`];
 *   the retention's last prune: [`service-pruned`].
 */
export const RECORD_TAG = 'service-record';
export const YEAR_MARKER_TAG = 'service-record-year';
export const DIRTY_TAG = 'service-dirty';
export const READY_TAG = 'service-buckets-ready';
export const DAY_BUCKET_TAG = 'bucket-day';
export const MONTH_BUCKET_TAG = 'bucket-month';
export const IMPORT_STATUS_TAG = 'history-import-status';
/** The retention's last prune: `{before}`, the cut-off month it pruned up to. */
export const PRUNED_TAG = 'service-pruned';

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

/** `month:YYYY-MM` of an instant, in UTC. Only years 0000 to 9999 have a tag (see `hasPeriodTags`). */
export function monthTag(epochMs: number): string {
    return `month:${new Date(epochMs).toISOString().slice(0, 7)}`;
}

/** `day:YYYY-MM-DD` of an instant, in UTC. */
export function dayTag(epochMs: number): string {
    return `day:${new Date(epochMs).toISOString().slice(0, 10)}`;
}

export function yearTag(year: number): string {
    return `year:${year}`;
}

/** The year a `month:YYYY-MM` or `day:YYYY-MM-DD` tag belongs to. */
export function yearOfPeriodTag(periodTag: string): number {
    return Number(periodTag.slice(periodTag.indexOf(':') + 1, periodTag.indexOf(':') + 5));
}

/** The UTC year of an instant, as its tags name it. */
export function utcYear(epochMs: number): number {
    return new Date(epochMs).getUTCFullYear();
}

/** The period tags of a creation time, in the fixed order a record's associations use. */
export function periodTags(createdAt: number): { month: string; day: string } {
    return { month: monthTag(createdAt), day: dayTag(createdAt) };
}

/** The exact association array of a room's record: its identity for upserts. */
export function recordAssociations(roomId: string, createdAt: number): Association[] {
    const { month, day } = periodTags(createdAt);
    return [tag(RECORD_TAG), roomAssociation(roomId), tag(month), tag(day)];
}

/**
 * Every record of a room (one, or two where racing upserts both inserted). The room comes first:
 * `$all` matches in any order, and MongoDB's manual says a multikey index is bounded by the first
 * element of an `$all`, which here is the selective one (`service-record` is shared by all records).
 */
export function roomRecordsQuery(roomId: string): Association[] {
    return [roomAssociation(roomId), tag(RECORD_TAG)];
}

/** Every record of a month or a day (`$all` on the record tag and the period's tag). */
export function periodRecordsQuery(periodTag: string): Association[] {
    return [tag(RECORD_TAG), tag(periodTag)];
}

export function yearMarkerAssociations(year: number): Association[] {
    return [tag(YEAR_MARKER_TAG), tag(yearTag(year))];
}

export function dirtyMarkerAssociations(token: string): Association[] {
    return [tag(DIRTY_TAG), tag(`marker:${token}`)];
}

/** A bucket sits under its kind, its period and its parent period, in that order. */
export function dayBucketAssociations(day: string, month: string): Association[] {
    return [tag(DAY_BUCKET_TAG), tag(day), tag(month)];
}

export function monthBucketAssociations(month: string): Association[] {
    return [tag(MONTH_BUCKET_TAG), tag(month), tag(yearTag(yearOfPeriodTag(month)))];
}

/** The day buckets of a month (one read). */
export function dayBucketsOfMonthQuery(month: string): Association[] {
    return [tag(DAY_BUCKET_TAG), tag(month)];
}

/** The month bucket of one month. */
export function monthBucketQuery(month: string): Association[] {
    return [tag(MONTH_BUCKET_TAG), tag(month)];
}

/** The month buckets of a year (one read). */
export function monthBucketsOfYearQuery(year: number): Association[] {
    return [tag(MONTH_BUCKET_TAG), tag(yearTag(year))];
}
