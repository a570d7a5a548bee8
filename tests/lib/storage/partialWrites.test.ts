import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { MARKER_PATIENCE_MS } from '../../../lib/storage/buckets/dirtyMarker';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { readStoredRecord } from '../../../lib/chats/serviceRecord';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import { storedTag, tag, yearMarkerAssociations } from '../../../lib/storage/layout';
import { LEGACY, RECORD_TAG } from '../../../lib/storage/versions';
import { InMemoryAccessors } from '../../helpers/accessors';

const record = (roomId: string, createdAt: string, durationMs: number): ServiceRecord => ({
    v: 1,
    roomId,
    agentId: 'id-alice',
    username: 'alice',
    createdAt: Date.parse(createdAt),
    durationMs,
});

/** Whole year, whole month, whole day, a range that starts and ends inside days, and whole slots inside an hour. */
const SCOPES: ReportScope[] = [
    ['2025-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z'],
    ['2025-03-01T00:00:00.000Z', '2025-03-31T23:59:59.999Z'],
    ['2025-03-10T00:00:00.000Z', '2025-03-10T23:59:59.999Z'],
    ['2025-03-09T12:00:00.000Z', '2025-03-11T12:00:00.000Z'],
    ['2025-03-10T08:00:00.000Z', '2025-03-10T08:29:59.999Z'],
].map(([start, end]) => ({ range: { start: Date.parse(start), end: Date.parse(end) } }));

/** A store with buckets built over some rooms of 2024, so that 2025 is a year without a year marker yet. */
async function builtStore() {
    const accessors = new InMemoryAccessors();
    const persistence = accessors.workspace.persistence;
    const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
    await store.save(record('old-1', '2024-06-01T10:00:00Z', 4_000));
    await store.rebuildBuckets();
    return { accessors, persistence, store };
}

/** Every report against the records actually stored: the only truth the store can be held to. */
async function expectReportsExact(accessors: InMemoryAccessors, store: PersistenceRecordStore): Promise<void> {
    const stored = (await accessors.workspace.persistence.readByAssociations(accessors.appId, [storedTag(RECORD_TAG)]))
        .map(readStoredRecord)
        .filter((one): one is ServiceRecord => one !== undefined);
    for (const scope of SCOPES) {
        expect(await store.totals(scope)).toEqual(totalsFromRecords(stored, scope));
    }
}

describe('a save that lands only in part', () => {
    // A save writes the dirty marker, then the record; the builder writes a new year's marker.
    it.each([1, 2])('leaves every report exact after the next builder run when write %i of 2 keeps failing', async (failing) => {
        const { accessors, persistence, store } = await builtStore();
        await store.save(record('day-1', '2025-03-10T08:00:00Z', 60_000));
        await store.rebuildBuckets();
        let write = 0;
        persistence.failWrite = () => ++write === failing;
        const fresh = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        await expect(fresh.save(record('day-2', '2025-03-10T09:00:00Z', 90_000))).rejects.toThrow();
        persistence.failWrite = undefined;
        await expectReportsExact(accessors, fresh);
        await fresh.rebuildBuckets();
        await expectReportsExact(accessors, fresh);
        // Long after, an unlanded write is given up; the reports stay exact from buckets alone.
        const summary = await fresh.rebuildBuckets(Date.now() + MARKER_PATIENCE_MS + 1);
        expect(summary.pending).toBe(0);
        await expectReportsExact(accessors, fresh);
    });

    it('leaves every report exact while a save stalls between its marker and its record, and after it lands', async () => {
        const { accessors, store } = await builtStore();
        await store.save(record('day-1', '2025-03-10T08:00:00Z', 60_000));
        await store.rebuildBuckets();
        let release: () => void = () => undefined;
        const stalled = new Promise<void>((resolve) => (release = resolve));
        const writer = accessors.persistence;
        const stallingWriter: IPersistence = {
            ...writer,
            updateByAssociations: async (associations, data, upsert) => {
                if ((data as Partial<ServiceRecord>).roomId === 'day-2') {
                    await stalled;
                }
                return writer.updateByAssociations(associations, data, upsert);
            },
        };
        const stalling = new PersistenceRecordStore(accessors.persistenceReader, stallingWriter);
        const save = stalling.save(record('day-2', '2025-03-10T09:00:00Z', 90_000));
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(await store.rebuildBuckets()).toMatchObject({ pending: 1 });
        await expectReportsExact(accessors, store);
        release();
        await save;
        await expectReportsExact(accessors, store);
        expect(await store.rebuildBuckets()).toMatchObject({ pending: 0 });
        await expectReportsExact(accessors, store);
        expect(await store.totals(SCOPES[2])).toEqual([{ agentId: 'id-alice', username: 'alice', chats: 2, sumMs: 150_000 }]);
    });
});

describe('a removed record', () => {
    it('leaves every report, whole months and days included, without the room', async () => {
        const { accessors, store } = await builtStore();
        await store.save(record('day-1', '2025-03-10T08:00:00Z', 60_000));
        await store.save(record('day-2', '2025-03-10T09:00:00Z', 90_000));
        await store.rebuildBuckets();
        expect(await store.forget('day-1')).toBe(true);
        expect(await store.forget('day-1')).toBe(false);
        await expectReportsExact(accessors, store);
        await store.rebuildBuckets();
        await expectReportsExact(accessors, store);
        expect(await store.totals(SCOPES[1])).toEqual([{ agentId: 'id-alice', username: 'alice', chats: 1, sumMs: 90_000 }]);
    });
});

describe('a builder run where one month fails', () => {
    it('builds the other months, keeps the failed month marked, and says why', async () => {
        const { accessors, persistence, store } = await builtStore();
        await store.save(record('mar', '2025-03-10T08:00:00Z', 60_000));
        await store.save(record('apr', '2025-04-10T08:00:00Z', 70_000));
        persistence.failWrite = (operation, associations) =>
            operation === 'updateByAssociations' &&
            (associations ?? []).some((association) => association.id === 'buckets-of:month:2025-03');
        const summary = await store.rebuildBuckets();
        expect(summary.failures).toEqual([{ month: 'month:2025-03', error: expect.stringMatching(/.+/) }]);
        expect(summary).toMatchObject({ pending: 1 });
        expect(summary.viewsWritten).toBeGreaterThan(0); // April's
        await expectReportsExact(accessors, store);
        persistence.failWrite = undefined;
        expect(await store.rebuildBuckets()).toMatchObject({ failures: [], pending: 0 });
        await expectReportsExact(accessors, store);
    });
});

describe('a bucket whose stats part landed and whose totals part did not', () => {
    // The builder skips a view whose stored stats already hold what it would write: a totals part
    // left behind by a failed write must not be taken as written (the robustness suite caught it).
    it('is rewritten by the next run, so that the reports read from totals stay exact', async () => {
        const { accessors, persistence, store } = await builtStore();
        await store.save(record('mar-1', '2025-03-10T08:00:00Z', 60_000));
        await store.rebuildBuckets();
        await store.save(record('mar-2', '2025-03-10T08:01:00Z', 90_000));
        let failed = 0;
        persistence.failWrite = (operation, associations) => {
            const totalsOfTheSlot =
                operation === 'updateByAssociations' &&
                (associations ?? []).some((association) => association.id.startsWith('buckets:slot:')) &&
                (associations ?? []).some((association) => association.id === 'bucket:slot:slot:2025-03-10T08:00');
            return totalsOfTheSlot && ++failed === 1;
        };
        expect((await store.rebuildBuckets()).failures).toHaveLength(1);
        persistence.failWrite = undefined;
        expect(await store.rebuildBuckets()).toMatchObject({ failures: [], pending: 0 });
        await expectReportsExact(accessors, store); // the half hour from 08:00 reads the slot's own bucket
    });
});

describe('a full rebuild longer than one run', () => {
    it('goes on run after run at a zero budget, keeps every report exact meanwhile, and counts writes made between runs', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        for (const [i, day] of ['2025-01-10', '2025-02-10', '2025-03-10', '2025-03-20'].entries()) {
            await store.save(record(`room-${i}`, `${day}T08:00:00Z`, 10_000 * (i + 1)));
        }
        const summaries = [];
        for (let run = 0; run < 20 && !summaries.at(-1)?.complete; run++) {
            summaries.push(await store.rebuildBuckets(Date.now(), 0));
            await expectReportsExact(accessors, store);
            if (run < 3) {
                // A close between runs, in a month already built and in one not built yet.
                await store.save(record(`late-${run}`, run % 2 ? '2025-01-11T09:00:00Z' : '2025-03-11T09:00:00Z', 1_000 + run));
                await expectReportsExact(accessors, store);
            }
        }
        // At a zero budget a run stops after its first month with records: January, February and March take a run each.
        expect(summaries.slice(0, 3).map(({ fullRebuild, complete }) => ({ fullRebuild, complete }))).toEqual(
            Array(3).fill({ fullRebuild: true, complete: false }),
        );
        expect(summaries.at(-1)).toMatchObject({ complete: true, pending: 0 });
        expect(await store.rebuildBuckets()).toMatchObject({ fullRebuild: false, markers: 0, complete: true });
        await expectReportsExact(accessors, store);
    });
});

describe('the retention prune', () => {
    it('removes the records and buckets of the months before the cut-off, and leaves every report exact', async () => {
        const { accessors, store } = await builtStore();
        await store.save(record('feb', '2025-02-27T08:00:00Z', 60_000));
        await store.save(record('mar', '2025-03-10T08:00:00Z', 70_000));
        await store.rebuildBuckets();
        expect(await store.pruneBefore(Date.parse('2025-03-01T00:00:00Z'))).toBe(2); // old-1 (2024) and feb
        expect(await store.pruneBefore(Date.parse('2025-03-01T00:00:00Z'))).toBe(0);
        await expectReportsExact(accessors, store);
        expect(await store.totals(SCOPES[0])).toEqual([{ agentId: 'id-alice', username: 'alice', chats: 1, sumMs: 70_000 }]);
        const everything = { range: { start: Date.parse('2000-01-01'), end: Date.parse('2030-01-01') } };
        expect(await store.totals(everything)).toEqual([{ agentId: 'id-alice', username: 'alice', chats: 1, sumMs: 70_000 }]);
    });
});

const roomTag = (roomId: string) => new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, roomId);

describe('data a 1.0 version could store, that the store cannot tag', () => {
    it('answers reports and rebuilds buckets around a record of year 275760, never throwing', async () => {
        const { accessors, store } = await builtStore();
        const last = record('last', '2025-03-10T08:00:00Z', 1_000);
        // As app version 1.0 stored it: no bounds on the creation time.
        await accessors.persistence.updateByAssociations(
            [tag(LEGACY.RECORD_TAG), roomTag('far'), tag('month:+275760-09'), tag('day:+275760-09-13')],
            { ...last, roomId: 'far', createdAt: 8.64e15 },
            true,
        );
        await accessors.persistence.updateByAssociations(yearMarkerAssociations(275760), { year: 275760 }, true);
        await store.save(last);
        const everything = { range: { start: -8.64e15, end: 8.64e15 } };
        await expect(store.totals(everything)).resolves.toEqual([{ agentId: 'id-alice', username: 'alice', chats: 2, sumMs: 5_000 }]);
        await expect(store.rebuildBuckets()).resolves.toMatchObject({ failures: [] });
        await expect(store.totals(everything)).resolves.toEqual([{ agentId: 'id-alice', username: 'alice', chats: 2, sumMs: 5_000 }]);
    });
});
