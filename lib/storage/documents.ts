import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { ServiceRecord } from '../chats/serviceRecord';
import { EARLIEST_CREATED_AT, LATEST_CREATED_AT, readStoredRecord } from '../chats/serviceRecord';
import type { LegEvent } from '../legs/legs';
import type { Level } from '../time/periods';
import { periodEnd, utcMonthStart } from '../time/periods';
import type { DirtyMarker } from './buckets/dirtyMarker';
import type { AgentDayIndex } from './buckets/chatIndex';
import { readAgentDay, readSlotAgents } from './buckets/chatIndex';
import type { AssembledBuckets, TotalsColumns } from './buckets/periodBucket';
import { assembleParts } from './buckets/periodBucket';
import type { BucketKind, BucketView } from './layout';
import {
    agentDayQuery,
    agentMonthQuery,
    bucketGroupQuery,
    legacyMonthRecordsQuery,
    legacyRoomRecordsQuery,
    periodRecordsQuery,
    roomLegEventsQuery,
    roomRecordsQuery,
    monthTombstonesQuery,
    roomTombstoneQuery,
    slotAgentsQuery,
    tag,
    utcYear,
} from './layout';
import { DIRTY_TAG, READY_TAG, YEAR_MARKER_TAG } from './versions';
import type { Pause } from '../util/retry';
import { pauseFor, withRetries } from '../util/retry';

const FIRST_TAGGED_YEAR = utcYear(EARLIEST_CREATED_AT);
const LAST_TAGGED_YEAR = utcYear(LATEST_CREATED_AT);

/**
 * The app's stored documents as this version reads them: each read one persistence call, by the
 * association lists of `layout.ts`; a document this version cannot read is passed over.
 */
export class StoredDocuments {
    private readonly reader: IPersistenceRead;

    /** Every read is tried again on failure (`withRetries`): a database that drops one read in twenty must not fail every report. */
    constructor(reader: IPersistenceRead, pause: Pause = pauseFor) {
        this.reader = {
            read: (id) => withRetries(() => reader.read(id), pause),
            readByAssociation: (association) => withRetries(() => reader.readByAssociation(association), pause),
            readByAssociations: (associations) => withRetries(() => reader.readByAssociations(associations), pause),
        };
    }

    /** The records of a slot, hour, day or month. */
    public async records(period: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(periodRecordsQuery(period)));
    }

    /** A room's records (one, or two where racing upserts both inserted). */
    public async roomRecords(roomId: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(roomRecordsQuery(roomId)));
    }

    /** Layout 1 (app 1.0.x): a room's records not yet migrated. */
    public async legacyRoomRecords(roomId: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(legacyRoomRecordsQuery(roomId)));
    }

    /** Layout 1 (app 1.0.x): a month's records not yet migrated. */
    public async legacyMonthRecords(month: string): Promise<ServiceRecord[]> {
        return readRecords(await this.reader.readByAssociations(legacyMonthRecordsQuery(month)));
    }

    /** A period's records as a report reads them: before the buckets are ready, of both layouts, this one's first. */
    public async reportRecords(period: string, ready: boolean): Promise<ServiceRecord[]> {
        if (ready) {
            return this.records(period);
        }
        const [current, legacy] = await Promise.all([this.records(period), this.legacyMonthRecords(period)]);
        return [...current, ...legacy];
    }

    /** Whether the room was deleted (its tombstone is there). */
    public async isDeleted(roomId: string): Promise<boolean> {
        return (await this.reader.readByAssociations(roomTombstoneQuery(roomId))).length > 0;
    }

    /** How many rooms were deleted at or after `since` (their tombstones: one read per month since then). */
    public async deletionsSince(since: number, now = Date.now()): Promise<number> {
        let count = 0;
        for (
            let month = utcMonthStart(new Date(since).getUTCFullYear(), new Date(since).getUTCMonth());
            month <= now;
            month = periodEnd('month', month) + 1
        ) {
            const tombstones = (await this.reader.readByAssociations(monthTombstonesQuery(month))) as Array<{ deletedAt?: unknown }>;
            count += tombstones.filter((tombstone) => typeof tombstone.deletedAt === 'number' && tombstone.deletedAt >= since).length;
        }
        return count;
    }

    public async legEvents(roomId: string): Promise<LegEvent[]> {
        return (await this.reader.readByAssociations(roomLegEventsQuery(roomId))).filter(isLegEvent);
    }

    /** Years 0000 to 9999 only: a marker of another year (app version 1.0 stored any) names no taggable month. */
    public async yearsWithRecords(): Promise<number[]> {
        const markers = await this.reader.readByAssociation(tag(YEAR_MARKER_TAG));
        return markers
            .map((marker) => (marker as { year?: unknown }).year)
            .filter((year): year is number => typeof year === 'number' && year >= FIRST_TAGGED_YEAR && year <= LAST_TAGGED_YEAR);
    }

    /** Every pending write: the markers the builder has not settled. */
    public async dirtyMarkers(): Promise<DirtyMarker[]> {
        const stored = (await this.reader.readByAssociation(tag(DIRTY_TAG))) as Array<Partial<DirtyMarker>>;
        return stored.filter((marker): marker is DirtyMarker => typeof marker.token === 'string' && typeof marker.slot === 'string');
    }

    /** Whether the builder has once built buckets from every record (until then reports read records). */
    public async bucketsReady(): Promise<boolean> {
        return (await this.reader.readByAssociation(tag(READY_TAG))).length > 0;
    }

    /** The buckets of one level under one parent, as stored: in one view (a report's read) or in every view (the builder's). */
    public async bucketGroup(
        level: Level,
        parent: string,
        view: BucketView | undefined,
        kind: 'totals',
    ): Promise<AssembledBuckets<TotalsColumns>>;
    public async bucketGroup(level: Level, parent: string, view?: BucketView, kind?: 'stats'): Promise<AssembledBuckets>;
    public async bucketGroup(
        level: Level,
        parent: string,
        view?: BucketView,
        kind: BucketKind = 'stats',
    ): Promise<AssembledBuckets<TotalsColumns>> {
        const stored = await this.reader.readByAssociations(bucketGroupQuery(level, parent, view, kind));
        return kind === 'totals' ? assembleParts(stored, 'totals') : assembleParts(stored);
    }

    /** An agent's day of the chat index, if stored and readable. */
    public async agentDay(agentId: string, day: string): Promise<AgentDayIndex | undefined> {
        const [stored] = await this.reader.readByAssociations(agentDayQuery(agentId, day));
        return readAgentDay(stored);
    }

    /** Every stored day of an agent's chat index in a month (at most 31 documents). */
    public async agentMonth(agentId: string, month: string): Promise<AgentDayIndex[]> {
        const stored = await this.reader.readByAssociations(agentMonthQuery(agentId, month));
        return stored.map(readAgentDay).filter((day): day is AgentDayIndex => day !== undefined);
    }

    /** The agents of a slot's chats as the chat index last saw them. */
    public async slotAgents(slot: string): Promise<string[]> {
        const [stored] = await this.reader.readByAssociations(slotAgentsQuery(slot));
        return readSlotAgents(stored);
    }

    /** The first document under one tag (progress and status documents hold one). */
    public async single<T>(tagId: string): Promise<Partial<T> | undefined> {
        const [stored] = await this.reader.readByAssociation(tag(tagId));
        return stored as Partial<T> | undefined;
    }

    /** Documents by an exact association query of `layout.ts`. */
    public async byAssociations(associations: Parameters<IPersistenceRead['readByAssociations']>[0]): Promise<unknown[]> {
        return this.reader.readByAssociations(associations);
    }
}

/** The writer of a store opened to write; a read-only store (a report's) throws at its first write. */
export function requireWriter(writer: IPersistence | undefined): IPersistence {
    if (!writer) {
        throw new Error('This record store was opened read-only');
    }
    return writer;
}

/** The stored documents this version can read, as records; anything else is passed over. */
function readRecords(stored: Iterable<unknown>): ServiceRecord[] {
    const records: ServiceRecord[] = [];
    for (const data of stored) {
        const record = readStoredRecord(data);
        if (record) {
            records.push(record);
        }
    }
    return records;
}

const LEG_EVENT_KINDS: ReadonlyArray<LegEvent['kind']> = ['assigned', 'transferred', 'unassigned'];

function isLegEvent(data: unknown): data is LegEvent {
    const event = data as Partial<LegEvent> | null;
    return (
        typeof event === 'object' &&
        event !== null &&
        LEG_EVENT_KINDS.includes(event.kind as LegEvent['kind']) &&
        typeof event.agentId === 'string' &&
        typeof event.username === 'string' &&
        typeof event.at === 'number'
    );
}
