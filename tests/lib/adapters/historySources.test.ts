import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';

import { Workspace } from '../../../dev/workspace/workspace';
import { WorkspaceRoomSource } from '../../../lib/adapters/historySources';
import { decideServiceRecord } from '../../../lib/records/serviceRecord';

/** A workspace with one room served by an agent who was renamed after the chat closed. */
function renamedAgentWorkspace() {
    const workspace = new Workspace();
    workspace.addUser({ _id: 'a1', username: 'alice', name: 'Alice', roles: ['livechat-agent'] });
    workspace.openRoom({ _id: 'r1', ts: new Date('2024-01-10T10:00:00Z'), departmentId: 'sales' });
    workspace.serveRoom('r1', 'a1', new Date('2024-01-10T10:00:05Z'));
    workspace.closeRoom('r1', new Date('2024-01-10T10:02:05Z'));
    workspace.renameUser('a1', 'alice.smith');
    return workspace;
}

function reader(workspace: Workspace, rawWithMetrics: boolean) {
    const calls = { getById: 0 };
    const read = {
        getRoomReader: () => ({
            getAllRooms: async () =>
                [...workspace.rooms.values()].map((room) => ({
                    ...workspace.convertRoomRaw(room),
                    ...(rawWithMetrics && { _unmappedProperties_: { metrics: structuredClone(room.metrics) } }),
                })),
            getById: async (id: string) => {
                calls.getById++;
                return workspace.convertRoom(workspace.room(id));
            },
        }),
    } as unknown as IRead;
    return { read, calls };
}

describe('the rooms the history import reads', () => {
    it('uses a listed room’s own metrics when Rocket.Chat hands them, keeping the name the agent had at close', async () => {
        const workspace = renamedAgentWorkspace();
        const { read, calls } = reader(workspace, true);
        const source = new WorkspaceRoomSource(read);
        const [listed] = (await source.page(0, 100)) as IRoomRaw[];
        const decision = decideServiceRecord((await source.closedRoom(listed))!);
        expect(calls.getById).toBe(0);
        expect(decision).toMatchObject({
            counts: true,
            record: { roomId: 'r1', agentId: 'a1', username: 'alice', durationMs: 120_000, departmentId: 'sales' },
        });
    });

    it('reads the room with getById when the listing has no metrics (then the agent’s name is the current one)', async () => {
        const workspace = renamedAgentWorkspace();
        const { read, calls } = reader(workspace, false);
        const source = new WorkspaceRoomSource(read);
        const [listed] = (await source.page(0, 100)) as IRoomRaw[];
        const decision = decideServiceRecord((await source.closedRoom(listed))!);
        expect(calls.getById).toBe(1);
        expect(decision).toMatchObject({ counts: true, record: { username: 'alice.smith', durationMs: 120_000, departmentId: 'sales' } });
    });
});
