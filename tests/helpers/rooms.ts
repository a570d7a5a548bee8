import { Workspace } from '../../dev/workspace/workspace';
import type { ClosedLivechatRoom } from '../../lib/chats/roomMetrics';

/**
 * A closed livechat room exactly as Rocket.Chat hands it to apps, made by the workspace model:
 * opened at `createdAt`, taken by the agent `servedAfterMs` later (first answering `firstResponseAfterMs`
 * after the creation, if given), closed `serviceMs` after that.
 */
export function closedRoom(options: {
    id?: string;
    createdAt: string | Date;
    agent?: { id: string; username: string } | null;
    servedAfterMs?: number;
    serviceMs: number;
    departmentId?: string;
    /** When the agent first answered, from the room's creation; no answer when absent. */
    firstResponseAfterMs?: number;
    /** The visitor's survey as Rocket.Chat stores it, given before the close. */
    survey?: Record<string, string>;
}): ClosedLivechatRoom {
    const workspace = new Workspace();
    const id = options.id ?? 'room-1';
    const ts = new Date(options.createdAt);
    workspace.openRoom({ _id: id, ts, departmentId: options.departmentId });
    const servedAt = new Date(ts.getTime() + (options.servedAfterMs ?? 0));
    if (options.agent !== null) {
        const agent = options.agent ?? { id: 'agent-1', username: 'alice' };
        workspace.addUser({ _id: agent.id, username: agent.username, name: agent.username, roles: ['livechat-agent'] });
        workspace.serveRoom(id, agent.id, servedAt);
        if (options.firstResponseAfterMs !== undefined) {
            workspace.replyAsAgent(id, new Date(ts.getTime() + options.firstResponseAfterMs));
        }
    }
    if (options.survey) {
        workspace.rateRoom(id, options.survey, servedAt);
    }
    return workspace.convertRoom(workspace.closeRoom(id, new Date(servedAt.getTime() + options.serviceMs)));
}
