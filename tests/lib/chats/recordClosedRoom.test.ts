import type { LegStore } from '../../../lib/chats/chatStore';
import type { ChatStore } from '../../../lib/chats/chatStore';
import { recordClosedRoom } from '../../../lib/chats/recordClosedRoom';
import { SAVE_ATTEMPTS } from '../../../lib/util/retry';
import type { ServiceRecord } from '../../../lib/chats/serviceRecord';
import { closedRoom } from '../../helpers/rooms';

/** A store whose first `failures` writes fail, as a database under strain would. */
function flakyStore(failures: number) {
    const saved: ServiceRecord[] = [];
    let attempts = 0;
    const store: Pick<ChatStore, 'save'> & Pick<LegStore, 'legEvents'> = {
        legEvents: async () => [],
        save: async (record) => {
            attempts++;
            if (attempts <= failures) {
                throw new Error('write concern timeout');
            }
            saved.push(record);
            return 'saved';
        },
    };
    return { store, saved, attempts: () => attempts };
}

const logger = () => {
    const lines: string[] = [];
    return { lines, debug: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
};
const noPause = async () => {};

describe('recording a closed room when storage fails', () => {
    it('tries again and records the room once the write goes through', async () => {
        const { store, saved, attempts } = flakyStore(SAVE_ATTEMPTS - 1);
        const log = logger();
        await recordClosedRoom(closedRoom({ id: 'r1', createdAt: '2024-01-01', serviceMs: 1000 }), store, log, noPause);
        expect(attempts()).toBe(SAVE_ATTEMPTS);
        expect(saved.map((record) => record.roomId)).toEqual(['r1']);
        expect(log.lines).toEqual([]);
    });

    it('gives up after a bounded number of tries and logs the room for the history import', async () => {
        const { store, saved, attempts } = flakyStore(100);
        const log = logger();
        expect(await recordClosedRoom(closedRoom({ id: 'r1', createdAt: '2024-01-01', serviceMs: 1000 }), store, log, noPause)).toEqual({
            counts: false,
            reason: 'room r1 could not be written: write concern timeout',
        });
        expect(attempts()).toBe(SAVE_ATTEMPTS);
        expect(saved).toEqual([]);
        expect(log.lines).toEqual([
            expect.stringMatching(/^Could not record room r1 after 3 attempts \(write concern timeout\); the history import/),
        ]);
    });
});

describe('a chat created before the retention keeps', () => {
    it('is not recorded when it closes, as the history import leaves it out', async () => {
        const { store, saved } = flakyStore(0);
        const log = logger();
        const cutoff = Date.parse('2024-02-01T00:00:00Z');
        const closeCreatedAt = (id: string, createdAt: string) =>
            recordClosedRoom(closedRoom({ id, createdAt, serviceMs: 1000 }), store, log, noPause, cutoff);
        expect(await closeCreatedAt('old', '2024-01-31T23:59:00Z')).toEqual({
            counts: false,
            reason: 'room old was created before the retention keeps (2024-02-01T00:00:00.000Z)',
        });
        const kept = await closeCreatedAt('new', '2024-02-01T00:00:00Z');
        expect(kept.counts).toBe(true);
        expect(saved.map((record) => record.roomId)).toEqual(['new']);
    });
});
