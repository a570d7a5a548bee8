import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import type { LegStore } from '../../../lib/chats/chatStore';
import { recordLegEvent } from '../../../lib/chats/chatLegs';
import type { LegEvent } from '../../../lib/legs/legs';

const room = {
    id: 'r1',
    type: RoomType.LIVE_CHAT,
    createdAt: new Date('2026-03-02T09:00:00Z'),
    updatedAt: new Date('2026-03-02T09:01:00Z'),
};
const taken = { kind: 'assigned' as const, agentId: 'a', username: 'ana' };
const noPause = async () => {};

/** A store whose first `failures` event writes fail, as a database under strain would. */
function flakyStore(failures: number) {
    const events: LegEvent[] = [];
    let attempts = 0;
    const store: LegStore = {
        addLegEvent: async (_roomId, _createdAt, event) => {
            attempts++;
            if (attempts <= failures) {
                throw new Error('write concern timeout');
            }
            events.push(event);
        },
        legEvents: async () => events,
        record: async () => undefined,
        save: async () => 'saved',
    };
    return { store, events, attempts: () => attempts };
}

describe('keeping a leg event when storage fails', () => {
    it('tries again, and keeps the event once the write goes through', async () => {
        const { store, events } = flakyStore(2);
        const lines: string[] = [];
        await recordLegEvent(
            room,
            taken,
            store,
            { debug: () => {}, error: (line: string) => lines.push(line) },
            Date.parse('2026-03-02T10:00:00Z'),
            noPause,
        );
        expect(events).toEqual([{ ...taken, at: Date.parse('2026-03-02T09:01:00Z') }]);
        expect(lines).toEqual([]);
    });

    it('gives up after a bounded number of tries, says so, and does not throw (the close still credits the core’s leg)', async () => {
        const { store, events, attempts } = flakyStore(100);
        const lines: string[] = [];
        await expect(
            recordLegEvent(room, taken, store, { debug: () => {}, error: (line: string) => lines.push(line) }, Date.now(), noPause),
        ).resolves.toBeUndefined();
        expect(attempts()).toBe(3);
        expect(events).toEqual([]);
        expect(lines).toEqual([
            expect.stringMatching(/^Could not keep the assigned event of room r1 after 3 attempts \(write concern timeout\)/),
        ]);
    });
});
