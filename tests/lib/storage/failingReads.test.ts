import { totalsFromRecords } from '../../../lib/reports/agentTotals';
import type { ReportScope } from '../../../lib/reports/scope';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { StoredDocuments } from '../../../lib/storage/documents';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { InMemoryAccessors } from '../../helpers/accessors';

const record = (i: number): ServiceRecord => ({
    v: 1,
    roomId: `room-${i}`,
    agentId: `id-${i % 4}`,
    username: `agent${i % 4}`,
    createdAt: Date.UTC(2025, 0, 1) + i * 3_600_000,
    durationMs: 1_000 * (1 + (i % 17)),
});
const YEAR: ReportScope = { range: { start: Date.UTC(2025, 0, 1), end: Date.UTC(2026, 0, 1) - 1 } };

describe('reads that fail now and then', () => {
    it('are tried again, so that reports answer and equal a full scan while one read in ten fails', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        const records = Array.from({ length: 300 }, (_, i) => record(i));
        for (const saved of records) {
            await store.save(saved);
        }
        await store.rebuildBuckets();
        await store.save(record(300)); // a pending write: the report reads its slot's records too
        let reads = 0;
        accessors.workspace.persistence.failRead = () => ++reads % 10 === 0;
        for (let attempt = 0; attempt < 30; attempt++) {
            expect(await store.totals(YEAR)).toEqual(totalsFromRecords([...records, record(300)], YEAR));
        }
        expect(reads).toBeGreaterThan(100);
    });

    it('give up after the third try with the database’s own error', async () => {
        const accessors = new InMemoryAccessors();
        accessors.workspace.persistence.failRead = () => true;
        const documents = new StoredDocuments(accessors.persistenceReader, async () => {});
        await expect(documents.bucketsReady()).rejects.toThrow('Simulated database failure on read');
        expect(accessors.workspace.persistence.calls.read).toBe(3);
    });
});
