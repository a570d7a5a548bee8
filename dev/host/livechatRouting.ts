import { LivechatTransferEventType } from '@rocket.chat/apps-engine/definition/livechat';
import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';

import type { LivechatRoomDocument, Workspace } from '../workspace/workspace';

/** Hands an event to the engine's listeners (`AppListenerManager.executeListener`). */
export type FireEvent = (event: AppInterface, payload: unknown) => Promise<unknown>;

/**
 * Rocket.Chat's routing of a livechat chat between agents, with the app events it fires, in its order
 * and with its asynchrony (apps/meteor/app/livechat/server/lib/RoutingManager.ts and Helper.ts):
 * - `takeInquiry` writes `servedBy` (its `ts` restarts), reads the room back and fires
 *   `IPostLivechatAgentAssigned` without awaiting it;
 * - `removeAgentFromSubscription` reads the room and the user, removes the subscription and fires
 *   `IPostLivechatAgentUnassigned` from a `setImmediate`;
 * - `forwardRoomToAgent` takes the inquiry for the new agent, removes the other subscriptions, then
 *   fires `IPostLivechatRoomTransferred` (type agent, ids converted when it runs) from a `setImmediate`;
 * - `updateChatDepartment` fires the department `IPostLivechatRoomTransferred` from a `setImmediate`;
 * - placing a chat on hold and resuming it (the serving agent still available) fire nothing
 *   (apps/meteor/ee/server/services/omnichannel/service.ts).
 * The bridge converts as Rocket.Chat's `livechatEvent` does (apps/meteor/app/apps/server/bridges/listeners.ts):
 * `{room, agent}` for Assigned and Unassigned, `{type, room, from, to}` for Transferred.
 */
export class LivechatRouting {
    private readonly pending = new Set<Promise<unknown>>();
    /** Every event fired, by room: what `deliverAgain` repeats. */
    private readonly fired = new Map<string, Array<{ event: AppInterface; payload: unknown }>>();

    constructor(
        private readonly workspace: Workspace,
        private readonly fire: FireEvent,
    ) {}

    /** An agent takes the chat from the queue (`takeInquiry`). */
    public take(roomId: string, agentId: string, at: Date): void {
        this.workspace.serveRoom(roomId, agentId, at);
        const room = this.workspace.convertRoom(this.workspace.room(roomId));
        const agent = this.workspace.convertUser(this.workspace.user(agentId));
        this.deliver(roomId, AppInterface.IPostLivechatAgentAssigned, { room, agent });
    }

    /** An agent forwards the chat to another agent (`forwardRoomToAgent`). */
    public transferToAgent(roomId: string, agentId: string, at: Date): void {
        const previous = this.handOver(roomId, agentId, at);
        this.later(roomId, () => ({
            event: AppInterface.IPostLivechatRoomTransferred,
            payload: {
                type: LivechatTransferEventType.AGENT,
                room: this.workspace.convertRoom(this.workspace.room(roomId)),
                from: previous && this.workspace.convertUser(this.workspace.user(previous._id)),
                to: this.workspace.convertUser(this.workspace.user(agentId)),
            },
        }));
    }

    /** The chat goes back to the queue (`unassignAgent` with `shouldQueue`). */
    public returnToQueue(roomId: string, at: Date): void {
        const previous = this.workspace.room(roomId).servedBy;
        if (!previous) {
            return;
        }
        this.workspace.unserveRoom(roomId, at);
        this.removeSubscription(roomId, previous._id);
    }

    /**
     * The chat is forwarded to a department (`forwardRoomToDepartment`): the department changes, then
     * one of its agents takes the chat, or (`agentId` undefined) it waits in the queue.
     */
    public transferToDepartment(roomId: string, departmentId: string, agentId: string | undefined, at: Date): void {
        const oldDepartmentId = this.workspace.room(roomId).departmentId;
        this.workspace.changeDepartment(roomId, departmentId, at);
        this.later(roomId, () => ({
            event: AppInterface.IPostLivechatRoomTransferred,
            payload: {
                type: LivechatTransferEventType.DEPARTMENT,
                room: this.workspace.convertRoom(this.workspace.room(roomId)),
                from: oldDepartmentId && this.workspace.convertDepartment(this.workspace.department(oldDepartmentId)),
                to: this.workspace.convertDepartment(this.workspace.department(departmentId)),
            },
        }));
        if (!agentId) {
            this.returnToQueue(roomId, at);
            return;
        }
        this.handOver(roomId, agentId, at);
    }

    /**
     * The new agent takes the chat, then the other subscriptions go (`removeAllRoomSubscriptions` with
     * the new agent spared), as both kinds of transfer do; answers who served before.
     */
    private handOver(roomId: string, agentId: string, at: Date): LivechatRoomDocument['servedBy'] {
        const previous = this.workspace.room(roomId).servedBy;
        this.take(roomId, agentId, at);
        if (previous && previous._id !== agentId) {
            this.removeSubscription(roomId, previous._id);
        }
        return previous;
    }

    /** On hold and back (the agent still available): Rocket.Chat fires no app event and keeps `servedBy`. */
    public placeOnHold(roomId: string, at: Date): void {
        this.workspace.setOnHold(roomId, true, at);
    }

    public resumeOnHold(roomId: string, at: Date): void {
        this.workspace.setOnHold(roomId, false, at);
    }

    /** Delivers every event of the room fired so far once more, as a retried delivery would. */
    public deliverAgain(roomId: string): void {
        for (const { event, payload } of this.fired.get(roomId) ?? []) {
            this.track(this.fire(event, payload));
        }
    }

    /** Waits until every event fired so far (and those they led to) has been handled. */
    public async settle(): Promise<void> {
        do {
            await new Promise((resolve) => setImmediate(resolve));
            await Promise.allSettled([...this.pending]);
        } while (this.pending.size > 0);
    }

    /** `removeAgentFromSubscription`: the room and user as they are now, the event from a `setImmediate`. */
    private removeSubscription(roomId: string, userId: string): void {
        const room = this.workspace.convertRoom(this.workspace.room(roomId));
        const agent = this.workspace.convertUser(this.workspace.user(userId));
        this.later(roomId, () => ({ event: AppInterface.IPostLivechatAgentUnassigned, payload: { room, agent } }));
    }

    private later(roomId: string, build: () => { event: AppInterface; payload: unknown }): void {
        let done: () => void = () => undefined;
        const waiting = new Promise<void>((resolve) => (done = resolve));
        this.pending.add(waiting);
        setImmediate(() => {
            const { event, payload } = build();
            this.deliver(roomId, event, payload);
            this.pending.delete(waiting);
            done();
        });
    }

    private deliver(roomId: string, event: AppInterface, payload: unknown): void {
        const fired = this.fired.get(roomId) ?? [];
        fired.push({ event, payload });
        this.fired.set(roomId, fired);
        this.track(this.fire(event, payload));
    }

    private track(handled: Promise<unknown>): void {
        const settled = handled.catch(() => undefined);
        this.pending.add(settled);
        void settled.then(() => this.pending.delete(settled));
    }
}
