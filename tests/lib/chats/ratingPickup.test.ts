import { pickUpLateRatings, ratingRecheckDelayMs, watchForLateRating } from '../../../lib/chats/ratingPickup';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { decideServiceRecord } from '../../../lib/chats/serviceRecord';
import { PersistenceRecordStore } from '../../../lib/storage/persistenceRecordStore';
import { RatingWatches } from '../../../lib/storage/ratingWatches';
import { InMemoryAccessors } from '../../helpers/accessors';
import { closedRoom } from '../../helpers/rooms';

const MIN = 60_000;
const CLOSED_AT = Date.UTC(2026, 11, 4, 9, 0, 30);
const quiet = { debug: () => undefined };

/** A workspace where rooms close (recorded as the app records them, watched for a rating) and visitors rate them later. */
async function workspace(rooms: string[], delayMinutes = 30) {
    const accessors = new InMemoryAccessors();
    const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
    const watches = new RatingWatches(accessors.persistenceReader, accessors.persistence);
    const surveys = new Map<string, Record<string, string>>();
    for (const id of rooms) {
        const decision = decideServiceRecord(closedRoom({ id, createdAt: '2026-12-04T08:00:00Z', serviceMs: 5 * MIN }));
        if (decision.counts) {
            await store.save(decision.record);
        }
        await watchForLateRating(decision, watches, ratingRecheckDelayMs(delayMinutes), quiet, CLOSED_AT);
    }
    const pickup = (now: number, deadline = Infinity, clock = () => 0) =>
        pickUpLateRatings({
            watches,
            records: store,
            room: async (id) => (rooms.includes(id) ? { _unmappedProperties_: { surveyFeedback: surveys.get(id) } } : undefined),
            now,
            deadline,
            clock,
        });
    const survey = async (id: string): Promise<ServiceRecord['survey']> => (await store.record(id))?.survey;
    return { store, watches, surveys, pickup, survey };
}

describe('ratings given after the close', () => {
    it('are counted once the delay has passed, and not before', async () => {
        const { surveys, pickup, survey } = await workspace(['r1', 'r2']);
        surveys.set('r1', { satisfaction: '5', agentResposiveness: '4' });
        expect(await pickup(CLOSED_AT + 29 * MIN)).toEqual({ looked: 0, rated: 0, complete: true });
        // In the slot it is due in, ten seconds early.
        expect(await pickup(CLOSED_AT + 30 * MIN - 10_000)).toEqual({ looked: 0, rated: 0, complete: true });
        expect(await survey('r1')).toBeUndefined();
        expect(await pickup(CLOSED_AT + 31 * MIN)).toEqual({ looked: 2, rated: 1, complete: true });
        expect(await survey('r1')).toEqual({ satisfaction: 5, agentResponsiveness: 4 });
        expect(await survey('r2')).toBeUndefined();
    });

    it('are looked for once per close: a rating given after the look is not counted', async () => {
        const { surveys, pickup, survey } = await workspace(['r1']);
        expect((await pickup(CLOSED_AT + 31 * MIN)).looked).toBe(1);
        surveys.set('r1', { satisfaction: '2' });
        expect(await pickup(CLOSED_AT + 40 * MIN)).toEqual({ looked: 0, rated: 0, complete: true });
        expect(await survey('r1')).toBeUndefined();
    });

    it('with a delay of 0, are counted at the next run, within the slot still running', async () => {
        const { surveys, pickup, survey } = await workspace(['r1'], 0);
        surveys.set('r1', { satisfaction: '4' });
        expect(await pickup(CLOSED_AT + 1000)).toEqual({ looked: 1, rated: 1, complete: true });
        expect(await survey('r1')).toEqual({ satisfaction: 4 });
    });

    it('go on from where a run stopped at its deadline, each room looked at once', async () => {
        const rooms = ['r1', 'r2', 'r3', 'r4'];
        const { surveys, pickup, survey } = await workspace(rooms);
        rooms.forEach((id) => surveys.set(id, { satisfaction: '3' }));
        let calls = 0;
        const first = await pickup(CLOSED_AT + 31 * MIN, 2, () => calls++);
        expect(first).toEqual({ looked: 2, rated: 2, complete: false });
        expect(await pickup(CLOSED_AT + 32 * MIN)).toEqual({ looked: 2, rated: 2, complete: true });
        for (const id of rooms) {
            expect(await survey(id)).toEqual({ satisfaction: 3 });
        }
    });

    it('leave a room deleted or no longer recorded alone', async () => {
        const { store, surveys, pickup } = await workspace(['r1', 'r2']);
        surveys.set('r1', { satisfaction: '5' });
        surveys.set('r2', { satisfaction: '5' });
        await store.forget('r1');
        expect(await pickup(CLOSED_AT + 31 * MIN)).toEqual({ looked: 2, rated: 1, complete: true });
        expect(await store.record('r1')).toBeUndefined();
    });

    it('are not watched for when the visitor rated before the close, or the room does not count', async () => {
        const accessors = new InMemoryAccessors();
        const watches = new RatingWatches(accessors.persistenceReader, accessors.persistence);
        const rated = decideServiceRecord(
            closedRoom({ id: 'r1', createdAt: '2026-12-04T08:00:00Z', serviceMs: MIN, survey: { satisfaction: '5' } }),
        );
        await watchForLateRating(rated, watches, 0, quiet, CLOSED_AT);
        await watchForLateRating({ counts: false, reason: 'open' }, watches, 0, quiet, CLOSED_AT);
        await watchForLateRating(
            decideServiceRecord(closedRoom({ id: 'r2', createdAt: '2026-12-04T08:00:00Z', serviceMs: MIN })),
            watches,
            0,
            quiet,
            CLOSED_AT,
        );
        expect((await watches.dueIn('slot:2026-12-04T09:00')).map((watch) => watch.roomId)).toEqual(['r2']);
    });

    it('take the delay setting as whole minutes up to a week, anything else as the default 30', () => {
        expect(ratingRecheckDelayMs(0)).toBe(0);
        expect(ratingRecheckDelayMs(90)).toBe(90 * MIN);
        expect(ratingRecheckDelayMs(7 * 24 * 60)).toBe(7 * 24 * 60 * MIN);
        for (const invalid of [-1, 2.5, 7 * 24 * 60 + 1, '10', null, undefined]) {
            expect(ratingRecheckDelayMs(invalid)).toBe(30 * MIN);
        }
    });
});
