import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';

import { Workspace } from '../../../dev/workspace/workspace';
import { WorkspaceRoomSource } from '../../../lib/workspace/historySources';
import { decideServiceRecord } from '../../../lib/chats/serviceRecord';

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

describe('what the listing says when rooms cannot be listed', () => {
    function sourceWith(roomReader: object): WorkspaceRoomSource {
        return new WorkspaceRoomSource({ getRoomReader: () => roomReader } as unknown as IRead);
    }

    it('says not-permitted when the engine answers nothing (the app lacks room.system.view-all)', async () => {
        expect(await sourceWith({ getAllRooms: async () => undefined }).page(0, 100)).toBe('not-permitted');
    });

    it('says unsupported on an engine before 1.59: its Deno runtime refuses the method, an in-process one has none', async () => {
        const refused = sourceWith({
            getAllRooms: async () => {
                throw new Error('Invalid accessor method "getAllRooms"');
            },
        });
        expect(await refused.page(0, 100)).toBe('unsupported');
        expect(await sourceWith({}).page(0, 100)).toBe('unsupported');
    });

    it('lets any other failure through, for the job to try again', async () => {
        const failing = sourceWith({
            getAllRooms: async () => {
                throw new Error('connection reset');
            },
        });
        await expect(failing.page(0, 100)).rejects.toThrow('connection reset');
    });
});
