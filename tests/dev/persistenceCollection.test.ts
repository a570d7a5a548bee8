import { PersistenceCollection } from '../../dev/workspace/persistenceCollection';

const a = { model: 'misc', id: 'a' };
const b = { model: 'misc', id: 'b' };
const c = { model: 'room', id: 'c' };

describe('the in-memory app persistence behaves as Rocket.Chat’s', () => {
    it('upserts by the exact association array, order included', async () => {
        const persistence = new PersistenceCollection();
        await persistence.updateByAssociations('app', [a, b], { v: 1 }, true);
        await persistence.updateByAssociations('app', [a, b], { v: 2 }, true);
        expect(persistence.count()).toBe(1);
        await persistence.updateByAssociations('app', [b, a], { v: 3 }, true);
        await persistence.updateByAssociations('app', [a], { v: 4 }, true);
        expect(persistence.count()).toBe(3);
        expect(await persistence.readByAssociations('app', [a, b])).toEqual([{ v: 2 }, { v: 3 }]);
    });

    it('does not insert without upsert, and replaces data whole', async () => {
        const persistence = new PersistenceCollection();
        expect(await persistence.updateByAssociations('app', [a], { v: 1 }, false)).toBeUndefined();
        expect(persistence.count()).toBe(0);
        await persistence.updateByAssociations('app', [a], { v: 1, keep: true }, true);
        await persistence.updateByAssociations('app', [a], { v: 2 }, true);
        expect(await persistence.readByAssociations('app', [a])).toEqual([{ v: 2 }]);
    });

    it('reads with $all: every document holding all the associations asked, of this app only', async () => {
        const persistence = new PersistenceCollection();
        await persistence.create('app', { n: 1 }, [a, b, c]);
        await persistence.create('app', { n: 2 }, [a, c]);
        await persistence.create('other-app', { n: 3 }, [a, b, c]);
        expect(await persistence.readByAssociations('app', [a])).toEqual([{ n: 1 }, { n: 2 }]);
        expect(await persistence.readByAssociations('app', [c, b])).toEqual([{ n: 1 }]);
        expect(await persistence.readByAssociations('app', [])).toEqual([]);
    });

    it('counts the index entries MongoDB examines: those of the first association asked, of this app', async () => {
        const persistence = new PersistenceCollection();
        for (let i = 0; i < 5; i++) {
            await persistence.create('app', { i }, [a, { model: 'room', id: `r${i}` }]);
        }
        await persistence.create('other-app', { i: 9 }, [a, c]);
        persistence.resetCalls();
        await persistence.updateByAssociations('app', [a, { model: 'room', id: 'r1' }], { i: 1 }, true);
        expect(persistence.entriesExamined).toBe(5); // the exact-array filter is bounded by its first element, a
        await persistence.readByAssociations('app', [{ model: 'room', id: 'r1' }, a]);
        expect(persistence.entriesExamined).toBe(6); // $all bounded by r1: one entry
        await persistence.removeByAssociations('app', [c]);
        expect(persistence.entriesExamined).toBe(6); // no entry of this app holds c
        persistence.resetCalls();
        expect(persistence.entriesExamined).toBe(0);
    });

    it('does not implement update by id', async () => {
        await expect(new PersistenceCollection().update()).rejects.toThrow('Not implemented.');
    });

    it('may insert twice when two upserts of the same new associations race, as MongoDB without a unique index', async () => {
        const persistence = new PersistenceCollection();
        await Promise.all([
            persistence.updateByAssociations('app', [a], { v: 1 }, true),
            persistence.updateByAssociations('app', [a], { v: 1 }, true),
        ]);
        expect(persistence.count()).toBe(2);
    });

    it('hands out copies, as a database would', async () => {
        const persistence = new PersistenceCollection();
        const data = { list: [1] };
        await persistence.create('app', data, [a]);
        data.list.push(2);
        const [read] = (await persistence.readByAssociations('app', [a])) as Array<{ list: number[] }>;
        read.list.push(3);
        expect(await persistence.readByAssociations('app', [a])).toEqual([{ list: [1] }]);
    });
});
