import type { IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { InMemoryAccessors } from '../../helpers/accessors';
import { bucketAssociations, storedTag, tag, yearMarkerAssociations } from '../../../lib/storage/layout';
import { DIRTY_TAG, RECORD_TAG } from '../../../lib/storage/versions';

let sequence = 0;
const record = (createdAt: string, durationMs = 1000, agent = 'alice', departmentId?: string): ServiceRecord => ({
    v: 1,
    roomId: `room-${++sequence}`,
    agentId: `id-${agent}`,
    username: agent,
    createdAt: Date.parse(createdAt),
    durationMs,
    ...(departmentId && { departmentId }),
});

const scope = (start: string, end: string, departmentIds?: string[]): ReportScope => ({
    range: { start: Date.parse(start), end: Date.parse(end) },
    departmentIds,
});

function store() {
    const accessors = new InMemoryAccessors();
    const records = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
    return { accessors, persistence: accessors.workspace.persistence, store: records };
}

describe('the record store in Rocket.Chat persistence', () => {
    it('replaces a room’s record when it is saved again (exact-association upsert)', async () => {
        const { accessors, store: records, persistence } = store();
        const first = record('2024-01-10T10:00:00Z', 1000);
        await records.save(first);
        await records.save({ ...first, durationMs: 5000 });
        expect(await persistence.readByAssociations(accessors.appId, [storedTag(RECORD_TAG)])).toEqual([{ ...first, durationMs: 5000 }]);
        expect(await records.totals(scope('2024-01-01', '2024-02-01'))).toEqual([
            { agentId: 'id-alice', username: 'alice', chats: 1, sumMs: 5000 },
        ]);
    });

    it('answers the same before and after the buckets are built, for whole months, days and milliseconds', async () => {
        const { store: records } = store();
        const all: ServiceRecord[] = [];
        for (let i = 0; i < 200; i++) {
            const saved = record(
                new Date(Date.UTC(2024, 0, 1) + i * 9_876_543).toISOString(),
                1000 + i,
                i % 3 ? 'ann' : 'bob',
                i % 2 ? 'sales' : undefined,
            );
            all.push(saved);
            await records.save(saved);
        }
        const scopes = [
            scope('2024-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z'),
            scope('2024-01-03T05:00:00.001Z', '2024-01-20T23:59:59.998Z'),
            scope('2024-01-01', '2024-12-31', ['sales']),
            scope(new Date(all[17].createdAt).toISOString(), new Date(all[17].createdAt).toISOString()),
        ];
        const expected = scopes.map((one) => totalsFromRecords(all, one));
        for (const [i, one] of scopes.entries()) {
            expect(await records.totals(one)).toEqual(expected[i]);
        }
        expect(await records.rebuildBuckets()).toMatchObject({ markers: 200, fullRebuild: true });
        for (const [i, one] of scopes.entries()) {
            expect(await records.totals(one)).toEqual(expected[i]);
        }
        await records.save(record('2024-01-15T12:00:00Z', 99_000, 'ann', 'sales'));
        all.push(record('2024-01-15T12:00:00Z', 99_000, 'ann', 'sales'));
        expect(await records.totals(scopes[0])).toEqual(totalsFromRecords(all, scopes[0]));
        // One slot rebuilt from its records, then its hour, day, month and year from their children: two views of each at most.
        const summary = await records.rebuildBuckets();
        expect(summary).toMatchObject({ markers: 1, pending: 0, fullRebuild: false });
        expect(summary.viewsWritten).toBeGreaterThan(0);
        expect(summary.viewsWritten).toBeLessThanOrEqual(10);
        expect(await records.totals(scopes[0])).toEqual(totalsFromRecords(all, scopes[0]));
    });

    it('saves a room in two writes, its marker and its record, and a read of its tombstone, each looked up by its own first association', async () => {
        const { store: records, persistence } = store();
        for (let i = 0; i < 50; i++) {
            await records.save(record('2024-01-10T10:00:00Z'));
        }
        persistence.resetCalls();
        await records.save(record('2024-01-10T10:00:00Z'));
        expect(persistence.calls).toMatchObject({ create: 1, updateByAssociations: 1, read: 1, remove: 0 });
        // The upsert and the tombstone's read examine the room's own entries (its record, once written), not the 50 other records of the slot.
        expect(persistence.entriesExamined).toBe(1);
    });

    it('reads a year from buckets in a handful of calls once they are built', async () => {
        const { store: records, persistence } = store();
        for (let day = 0; day < 365; day++) {
            await records.save(record(new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + 3_600_000).toISOString()));
        }
        await records.rebuildBuckets();
        persistence.resetCalls();
        const totals = await records.totals(scope('2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'));
        expect(totals).toEqual([{ agentId: 'id-alice', username: 'alice', chats: 365, sumMs: 365_000 }]);
        expect(persistence.calls.read).toBe(4); // year markers, dirty markers, readiness, the year buckets
    });

    it('reads only the named department’s buckets for a filtered report, and the all-departments ones otherwise', async () => {
        const { store: records, persistence } = store();
        for (let month = 0; month < 12; month++) {
            for (const department of ['sales', 'support', undefined]) {
                await records.save(record(new Date(Date.UTC(2024, month, 3)).toISOString(), 1000, 'alice', department));
            }
        }
        await records.rebuildBuckets();
        const year = scope('2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z');
        persistence.resetCalls();
        expect(await records.totals({ ...year, departmentIds: ['sales'] })).toEqual([
            { agentId: 'id-alice', username: 'alice', chats: 12, sumMs: 12_000 },
        ]);
        // The year marker, the readiness, and sales' view of the year bucket: nothing of support's.
        expect(persistence.documentsRead).toBe(3);
        persistence.resetCalls();
        expect(await records.totals(year)).toEqual([{ agentId: 'id-alice', username: 'alice', chats: 36, sumMs: 36_000 }]);
        expect(persistence.documentsRead).toBe(3); // the all-departments view of the year bucket, and the same two
    });

    it('answers whole years from year buckets kept up to date run after run', async () => {
        const { store: records } = store();
        const all: ServiceRecord[] = [];
        const year = scope('2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z');
        const twoYears = scope('2024-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z');
        await records.rebuildBuckets(); // ready before any room, as after install
        for (let round = 0; round < 4; round++) {
            for (let i = 0; i < 30; i++) {
                const saved = record(
                    new Date(Date.UTC(2024, 0, 1) + (((round * 30 + i) * 7_777_777_777) % (730 * 86_400_000))).toISOString(),
                    1000 + i,
                    ['ann', 'Bea', 'carl'][i % 3],
                    i % 2 ? 'sales' : undefined,
                );
                all.push(saved);
                await records.save(saved);
            }
            await records.rebuildBuckets();
            for (const one of [year, twoYears, { ...year, departmentIds: ['sales'] }]) {
                expect(await records.totals(one)).toEqual(totalsFromRecords(all, one));
            }
        }
    });

    it('reads the records of a year whose bucket it catches half-rewritten', async () => {
        const { accessors, store: records } = store();
        const all = [record('2024-02-10T10:00:00Z', 1000), record('2024-07-10T10:00:00Z', 2000)];
        for (const saved of all) {
            await records.save(saved);
        }
        await records.rebuildBuckets();
        // A second part of another build, as a reader sees a rewrite in progress.
        const stray = {
            v: 3,
            level: 'year',
            period: 'year:2024',
            view: 'all',
            part: 1,
            parts: 2,
            build: 'other',
            agentIds: [],
            names: [],
            chats: [],
            sumMs: [],
        };
        const statsColumns = { firstResponseMs: [], firstResponseChats: [], chatDurationMs: [], chatDurationChats: [], sketches: [] };
        for (const kind of ['totals', 'stats'] as const) {
            await accessors.persistence.updateByAssociations(
                bucketAssociations('year', 'years', 'all', 'year:2024', 1, 'year:2024', kind),
                { ...stray, kind, ...(kind === 'stats' && statsColumns) },
                true,
            );
        }
        const year = scope('2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z');
        expect(await records.totals(year)).toEqual(totalsFromRecords(all, year));
        expect((await records.stats(year)).map((agent) => [agent.username, agent.chats, agent.sumMs])).toEqual([['alice', 2, 3000]]);
    });

    it('never trusts a bucket while a record written during its rebuild is not in it', async () => {
        const { accessors, store: records } = store();
        await records.save(record('2024-03-10T10:00:00Z', 1000));
        await records.rebuildBuckets();
        await records.save(record('2024-03-10T11:00:00Z', 2000));
        // A reader for the builder that lets a third room be written right after the builder read the markers.
        let written = false;
        const reader = accessors.persistenceReader;
        const racingReader: IPersistenceRead = {
            ...reader,
            readByAssociation: async (association: RocketChatAssociationRecord) => {
                const result = await reader.readByAssociation(association);
                if (!written && (association as unknown as { id: string }).id === DIRTY_TAG) {
                    written = true;
                    await records.save(record('2024-03-10T12:00:00Z', 4000));
                }
                return result;
            },
        };
        const builder = new PersistenceRecordStore(racingReader, accessors.persistence);
        expect(await builder.rebuildBuckets()).toMatchObject({ markers: 1 });
        expect(await records.totals(scope('2024-03-01', '2024-03-31T23:59:59.999Z'))).toEqual([
            { agentId: 'id-alice', username: 'alice', chats: 3, sumMs: 7000 },
        ]);
        expect(await records.rebuildBuckets()).toMatchObject({ markers: 1 });
        expect(await records.totals(scope('2024-03-01', '2024-03-31T23:59:59.999Z'))).toEqual([
            { agentId: 'id-alice', username: 'alice', chats: 3, sumMs: 7000 },
        ]);
    });

    it('answers from records, not from missing buckets, until a first full rebuild (data of a version without buckets)', async () => {
        const { accessors, store: records, persistence } = store();
        await records.save(record('2024-05-05T05:05:05Z', 5000));
        // As a version without buckets left it: the record and its year's marker, no dirty marker.
        await persistence.removeByAssociations(new InMemoryAccessors().appId, [storedTag(DIRTY_TAG)]);
        await accessors.persistence.updateByAssociations(yearMarkerAssociations(2024), { year: 2024 }, true);
        expect(await records.totals(scope('2024-05-01', '2024-05-31'))).toEqual([
            { agentId: 'id-alice', username: 'alice', chats: 1, sumMs: 5000 },
        ]);
        // The slot's, hour's, day's, month's and year's `all` views; a room without a department has no department view.
        expect(await records.rebuildBuckets()).toMatchObject({ markers: 0, fullRebuild: true, viewsWritten: 5 });
        expect(await records.totals(scope('2024-05-01', '2024-05-31'))).toEqual([
            { agentId: 'id-alice', username: 'alice', chats: 1, sumMs: 5000 },
        ]);
    });

    it('never calls update(id), which Rocket.Chat does not implement', async () => {
        const { accessors } = store();
        const writer = accessors.persistence;
        const update = jest.spyOn(writer, 'update');
        const records = new PersistenceRecordStore(accessors.persistenceReader, writer);
        await records.save(record('2024-01-10T10:00:00Z'));
        await records.save(record('2024-01-10T10:00:00Z'));
        await records.rebuildBuckets();
        await records.save(record('2024-01-11T10:00:00Z'));
        await records.rebuildBuckets();
        expect(update).not.toHaveBeenCalled();
        expect(await records.totals(scope('2024-01-01', '2024-02-01'))).toMatchObject([{ chats: 3 }]);
    });
});

describe('rooms of the years 0000 to 0099', () => {
    it('count in reports over their own year, before and after the builder, and their writes settle', async () => {
        const { store: records } = store();
        const ancient = record('0042-05-06T07:08:00.000Z', 5_000);
        await records.save(ancient);
        const year42 = scope('0042-01-01T00:00:00.000Z', '0042-12-31T23:59:59.999Z');
        const year1942 = scope('1942-01-01T00:00:00.000Z', '1942-12-31T23:59:59.999Z');
        expect(await records.totals(year42)).toEqual(totalsFromRecords([ancient], year42));
        const summary = await records.rebuildBuckets();
        expect(summary).toMatchObject({ complete: true, failures: [] });
        expect(await records.totals(year42)).toEqual(totalsFromRecords([ancient], year42));
        expect(await records.totals(year1942)).toEqual([]);
        expect(await records.rebuildBuckets()).toMatchObject({ markers: 0 });
    });
});

describe('the marker of a save', () => {
    const legs = Array.from({ length: 5_000 }, (_, i) => ({
        agentId: `id-${i % 2}`,
        username: `agent${i % 2}`,
        startedAt: Date.parse('2024-01-10T10:00:00Z') + i * 1000,
        endedAt: Date.parse('2024-01-10T10:00:00Z') + (i + 1) * 1000,
        endedBy: i === 4_999 ? ('close' as const) : ('transfer' as const),
    }));

    it('names the record by a short digest, whatever its legs', async () => {
        const { store: records, accessors } = store();
        await records.save({ ...record('2024-01-10T10:00:00Z'), closedAt: legs[4_999].endedAt, legs });
        const [marker] = (await accessors.workspace.persistence.readByAssociations(accessors.appId, [storedTag(DIRTY_TAG)])) as Array<{
            expect: string;
        }>;
        expect(marker.expect.length).toBeLessThan(40);
        expect(await records.rebuildBuckets()).toMatchObject({ markers: 1, pending: 0, abandoned: [] });
    });

    it('settles a marker of 1.5 and before, which carries the record’s full text', async () => {
        const { store: records, accessors } = store();
        const saved = record('2024-01-10T10:00:00Z');
        await records.save(saved);
        await records.rebuildBuckets();
        const legacy = JSON.stringify([saved.roomId, saved.agentId, saved.username, saved.createdAt, saved.durationMs, null]);
        await accessors.persistence.createWithAssociations(
            { token: 'old', slot: 'slot:2024-01-10T10:00', roomId: saved.roomId, expect: legacy, writtenAt: Date.now() },
            [tag('marker:old'), tag(DIRTY_TAG)],
        );
        expect(await records.rebuildBuckets()).toMatchObject({ markers: 1, pending: 0, abandoned: [] });
    });
});
