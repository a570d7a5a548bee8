import { PersistenceRecordStore } from '../../lib/adapters/persistenceRecordStore';
import type { ServiceRecord } from '../../lib/serviceRecord';
import { InMemoryAccessors } from '../helpers/accessors';

const record = (roomId: string, createdAt: string, durationMs = 1000): ServiceRecord => ({
    v: 1,
    roomId,
    agentId: 'a1',
    username: 'alice',
    createdAt: Date.parse(createdAt),
    durationMs,
});

function store() {
    const accessors = new InMemoryAccessors();
    return { accessors, persistence: accessors.workspace.persistence, store: new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence) };
}

describe('the record store in Rocket.Chat persistence', () => {
    it('replaces a room’s record when it is saved again (exact-association upsert)', async () => {
        const { store: records, persistence } = store();
        await records.save(record('r1', '2024-01-10T10:00:00Z', 1000));
        const documents = persistence.count();
        await records.save(record('r1', '2024-01-10T10:00:00Z', 5000));
        expect(persistence.count()).toBe(documents);
        expect(await records.readAround({ start: Date.parse('2024-01-01'), end: Date.parse('2024-02-01') })).toEqual([record('r1', '2024-01-10T10:00:00Z', 5000)]);
    });

    it('reads a range through its months and edge days, not through every record', async () => {
        const { store: records, persistence } = store();
        for (let day = 1; day <= 28; day++) {
            await records.save(record(`feb-${day}`, `2024-02-${String(day).padStart(2, '0')}T12:00:00Z`));
        }
        await records.save(record('march', '2024-03-05T12:00:00Z'));
        persistence.resetCalls();
        const february = await records.readAround({ start: Date.parse('2024-02-01T00:00:00.000Z'), end: Date.parse('2024-02-29T23:59:59.999Z') });
        expect(february.map((r) => r.roomId).sort()).toHaveLength(28);
        expect(persistence.calls.read).toBe(2); // the year markers, then the month
    });

    it('answers an empty list, reading only the year markers, where nothing was recorded', async () => {
        const { store: records, persistence } = store();
        await records.save(record('r1', '2020-06-01T00:00:00Z'));
        persistence.resetCalls();
        expect(await records.readAround({ start: Date.parse('1970-01-01'), end: Date.parse('2019-12-31') })).toEqual([]);
        expect(persistence.calls.read).toBe(1);
    });

    it('never calls update(id), which Rocket.Chat does not implement', async () => {
        const { store: records, accessors } = store();
        await expect(accessors.persistence.update('any', {})).rejects.toThrow('Not implemented.');
        await expect(records.save(record('r1', '2024-01-10T10:00:00Z'))).resolves.toBeUndefined();
    });
});
