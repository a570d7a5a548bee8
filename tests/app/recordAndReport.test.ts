import { appRoutes } from '../../endpoints/routes';
import { agentsReportPath } from '../../lib/http/routes';
import { AppSetting } from '../../lib/settings/appSettings';
import { InMemoryAccessors } from '../helpers/accessors';
import { storedTag } from '../../lib/storage/layout';
import { RECORD_TAG } from '../../lib/storage/versions';
import { AVERAGE_SERVICE_TIME } from '../../lib/reports/shapes';

/** A workspace with a manager, an agent without report rights, and two agents who serve chats. */
function workspaceWithAgents() {
    const accessors = new InMemoryAccessors();
    const { workspace } = accessors;
    workspace.addUser({ _id: 'manager', username: 'manager', name: 'Manager', roles: ['user', 'livechat-manager'] });
    workspace.addUser({ _id: 'agent', username: 'agent', name: 'Agent', roles: ['user', 'livechat-agent'] });
    workspace.addUser({ _id: 'a1', username: 'alice', name: 'Alice', roles: ['livechat-agent'] });
    workspace.addUser({ _id: 'b1', username: 'bob', name: 'Bob', roles: ['livechat-agent'] });
    const app = accessors.createApp();
    const endpoint = appRoutes(app).find((route) => route.path === agentsReportPath(AVERAGE_SERVICE_TIME.name)) as ReturnType<
        typeof appRoutes
    >[number];

    const close = async (roomId: string, createdAt: string, agentId: string | null, serviceMs: number) => {
        const ts = new Date(createdAt);
        workspace.openRoom({ _id: roomId, ts });
        if (agentId) {
            workspace.serveRoom(roomId, agentId, new Date(ts.getTime() + 1000));
        }
        const closed = workspace.closeRoom(roomId, new Date(ts.getTime() + 1000 + serviceMs));
        await app.executePostLivechatRoomClosed(workspace.convertRoom(closed), accessors.read, accessors.http, accessors.persistence);
    };
    const report = async (query: Record<string, unknown>, callerId: string | null = 'manager') =>
        endpoint.get(
            accessors.getRequest(query, callerId ?? undefined),
            accessors.endpointInfo,
            accessors.read,
            accessors.modify,
            accessors.http,
            accessors.persistence,
        );
    return { accessors, workspace, close, report };
}

describe('closed rooms become the report', () => {
    it('records each closed, served room and answers the report from the records', async () => {
        const { close, report } = workspaceWithAgents();
        await close('r1', '2024-01-10T10:00:00Z', 'a1', 10_000);
        await close('r2', '2024-01-11T10:00:00Z', 'a1', 20_500);
        await close('r3', '2024-01-12T10:00:00Z', 'b1', 4_000);
        await close('r4', '2024-01-12T11:00:00Z', null, 9_000);

        expect(await report({ start: '2024-01-01', end: '2024-01-31' })).toEqual({
            status: 200,
            headers: { 'content-type': 'application/json' },
            content: {
                agents: [
                    { _id: 'a1', username: 'alice', averageServiceTimeInSeconds: 16 },
                    { _id: 'b1', username: 'bob', averageServiceTimeInSeconds: 4 },
                ],
                count: 2,
                offset: 0,
                total: 2,
                success: true,
            },
        });
    });

    it('says in a debug line why a room was not recorded', async () => {
        const { accessors, close } = workspaceWithAgents();
        await close('unserved', '2024-01-10T10:00:00Z', null, 5_000);
        expect(accessors.logLines).toContain('Not recorded: room unserved closed without an agent (no servedBy)');
    });

    it('keeps one record when the same closed event arrives twice', async () => {
        const { accessors, workspace, close, report } = workspaceWithAgents();
        await close('r1', '2024-01-10T10:00:00Z', 'a1', 10_000);
        const app = accessors.createApp();
        await app.executePostLivechatRoomClosed(
            workspace.convertRoom(workspace.room('r1')),
            accessors.read,
            accessors.http,
            accessors.persistence,
        );
        const stored = await workspace.persistence.readByAssociations(accessors.appId, [storedTag(RECORD_TAG)]);
        expect(stored).toHaveLength(1);
        expect(await report({ start: '2024-01-01', end: '2024-01-31' })).toMatchObject({
            content: { agents: [{ averageServiceTimeInSeconds: 10 }], total: 1 },
        });
    });

    it('lists an agent renamed between two chats under each name', async () => {
        const { workspace, close, report } = workspaceWithAgents();
        await close('r1', '2024-01-10T10:00:00Z', 'a1', 10_000);
        workspace.renameUser('a1', 'alice.smith');
        await close('r2', '2024-01-11T10:00:00Z', 'a1', 2_000);
        expect(await report({ start: '2024-01-01', end: '2024-01-31' })).toMatchObject({
            content: {
                agents: [
                    { _id: 'a1', username: 'alice', averageServiceTimeInSeconds: 10 },
                    { _id: 'a1', username: 'alice.smith', averageServiceTimeInSeconds: 2 },
                ],
            },
        });
    });

    it('reads the range across months and years to the millisecond', async () => {
        const { close, report } = workspaceWithAgents();
        await close('before', '2023-12-31T23:59:59.999Z', 'a1', 99_000);
        await close('first', '2024-01-01T00:00:00.000Z', 'a1', 1_000);
        await close('middle', '2024-02-15T00:00:00.000Z', 'a1', 2_000);
        await close('last', '2024-03-01T10:00:00.000Z', 'a1', 3_000);
        await close('after', '2024-03-01T10:00:00.001Z', 'a1', 99_000);
        expect(await report({ start: '2024-01-01T00:00:00.000Z', end: '2024-03-01T10:00:00.000Z' })).toMatchObject({
            content: { agents: [{ averageServiceTimeInSeconds: 2 }], total: 1 },
        });
    });
});

describe('who gets the report', () => {
    it('answers 401 when Rocket.Chat hands the endpoint no caller', async () => {
        const { report } = workspaceWithAgents();
        expect(await report({ start: '2024-01-01', end: '2024-01-31' }, null)).toEqual({
            status: 401,
            headers: { 'content-type': 'application/json' },
            content: { status: 'error', message: 'You must be logged in to do this.' },
        });
    });

    it('answers 403 to a caller without an allowed role', async () => {
        const { report } = workspaceWithAgents();
        expect(await report({ start: '2024-01-01', end: '2024-01-31' }, 'agent')).toEqual({
            status: 403,
            headers: { 'content-type': 'application/json' },
            content: { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
        });
    });

    it('follows the role setting', async () => {
        const { accessors, report } = workspaceWithAgents();
        accessors.appSettings.set(AppSetting.ReportRoles, 'livechat-agent');
        expect((await report({ start: '2024-01-01', end: '2024-01-31' }, 'agent')).status).toBe(200);
        expect((await report({ start: '2024-01-01', end: '2024-01-31' }, 'manager')).status).toBe(403);
        accessors.appSettings.set(AppSetting.ReportRoles, '');
        expect((await report({ start: '2024-01-01', end: '2024-01-31' }, 'manager')).status).toBe(403);
    });
});

describe('pagination settings of the workspace', () => {
    it('pages with the workspace’s API_Default_Count and API_Upper_Count_Limit', async () => {
        const { workspace, close, report } = workspaceWithAgents();
        await close('r1', '2024-01-10T10:00:00Z', 'a1', 1_000);
        await close('r2', '2024-01-10T11:00:00Z', 'b1', 1_000);
        workspace.serverSettings.set('API_Default_Count', 1);
        expect(await report({ start: '2024-01-01', end: '2024-01-31' })).toMatchObject({
            content: { count: 1, total: 2, agents: [{ username: 'alice' }] },
        });
        workspace.serverSettings.set('API_Upper_Count_Limit', 1);
        expect(await report({ start: '2024-01-01', end: '2024-01-31', count: '5', offset: '1' })).toMatchObject({
            content: { count: 1, offset: 1, agents: [{ username: 'bob' }] },
        });
        workspace.serverSettings.set('API_Allow_Infinite_Count', false);
        expect(await report({ start: '2024-01-01', end: '2024-01-31', count: '0' })).toMatchObject({ content: { count: 1 } });
    });

    it('falls back to 50 / 100 / infinite allowed when the app may not read server settings', async () => {
        const { accessors, workspace, close, report } = workspaceWithAgents();
        for (let i = 0; i < 120; i++) {
            const agentId = `agent-${String(i).padStart(3, '0')}`;
            workspace.addUser({ _id: agentId, username: agentId, name: agentId, roles: ['livechat-agent'] });
            await close(`room-${i}`, '2024-01-10T10:00:00Z', agentId, 1_000);
        }
        workspace.serverSettings.set('API_Default_Count', 7);
        accessors.serverSettingsReadable = false;
        expect(await report({ start: '2024-01-01', end: '2024-01-31' })).toMatchObject({ content: { count: 50, total: 120 } });
        expect(await report({ start: '2024-01-01', end: '2024-01-31', count: '500' })).toMatchObject({ content: { count: 100 } });
        expect(await report({ start: '2024-01-01', end: '2024-01-31', count: '0' })).toMatchObject({ content: { count: 120 } });
    });
});
