import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import fc from 'fast-check';

import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import { storedTag } from '../../../lib/storage/layout';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { LEG_EVENT_TAG, RECORD_TAG, TOMBSTONE_TAG } from '../../../lib/storage/versions';
import { InMemoryAccessors } from '../../helpers/accessors';
import { delayed, turnsFrom } from '../../helpers/interleaving';

const CREATED = Date.UTC(2025, 2, 10, 8);
const SCOPE: ReportScope = { range: { start: Date.UTC(2025, 2, 1), end: Date.UTC(2025, 3, 1) - 1 } };
const record = (roomId: string): ServiceRecord => ({
    v: 1,
    roomId,
    agentId: 'id-ann',
    username: 'ann',
    createdAt: CREATED,
    closedAt: CREATED + 90_000,
    durationMs: 60_000,
});
const legEvent = { kind: 'assigned' as const, agentId: 'id-ann', username: 'ann', at: CREATED + 30_000 };

async function stored(accessors: InMemoryAccessors, tagId: string): Promise<Array<{ roomId?: string }>> {
    return (await accessors.workspace.persistence.readByAssociations(accessors.appId, [storedTag(tagId)])) as Array<{ roomId?: string }>;
}

describe('a deleted room', () => {
    it('leaves no record and no leg event, however its deletion, its close and a leg event interleave', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(fc.nat(4), { minLength: 40, maxLength: 40 }),
                fc.constantFrom('together', 'deletion first'),
                async (turns, order) => {
                    const accessors = new InMemoryAccessors();
                    const next = turnsFrom(turns);
                    const reader = delayed<IPersistenceRead>(accessors.persistenceReader, next);
                    const writer = delayed<IPersistence>(accessors.persistence, next);
                    const store = new PersistenceRecordStore(reader, writer);
                    await store.save(record('kept'));
                    const close = () => store.save(record('gone'));
                    const legs = () => store.addLegEvent('gone', CREATED, legEvent);
                    if (order === 'together') {
                        await Promise.all([close(), legs(), store.forget('gone')]);
                    } else {
                        await store.forget('gone');
                        await Promise.all([close(), legs()]);
                    }
                    expect((await stored(accessors, RECORD_TAG)).map((saved) => saved.roomId)).toEqual(['kept']);
                    expect(await stored(accessors, LEG_EVENT_TAG)).toEqual([]);
                    await store.rebuildBuckets();
                    expect(await store.totals(SCOPE)).toEqual(totalsFromRecords([record('kept')], SCOPE));
                },
            ),
            { numRuns: 150 },
        );
    });

    it('is not brought back by a save after its deletion, which answers that the room was deleted', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        expect(await store.forget('gone')).toBe(false);
        expect(await store.save(record('gone'))).toBe('room-deleted');
        expect(await store.save(record('other'))).toBe('saved');
        expect((await stored(accessors, RECORD_TAG)).map((saved) => saved.roomId)).toEqual(['other']);
    });

    it('keeps its tombstone a month at least: the prune removes those of the month two before this one, and only those', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        await store.forget('january', Date.UTC(2026, 0, 31, 23));
        await store.forget('february', Date.UTC(2026, 1, 1));
        await store.forget('march', Date.UTC(2026, 2, 15));
        await store.pruneTombstones(Date.UTC(2026, 2, 1));
        expect((await stored(accessors, TOMBSTONE_TAG)).map((tombstone) => tombstone.roomId).sort()).toEqual(['february', 'march']);
        expect(await store.save(record('january'))).toBe('saved');
        expect(await store.save(record('february'))).toBe('room-deleted');
    });

    it('is counted among the deletions since an instant, across months, which the history import asks for', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        await store.forget('before', Date.UTC(2026, 10, 30, 23, 59));
        await store.forget('after', Date.UTC(2026, 11, 1, 0, 1));
        await store.forget('later', Date.now());
        expect(await store.deletionsSince(Date.UTC(2026, 11, 1))).toBe(2);
        expect(await store.deletionsSince(Date.UTC(2026, 10, 1))).toBe(3);
        expect(await store.deletionsSince(Date.now() + 60_000)).toBe(0);
    });
});
