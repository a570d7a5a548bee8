import type { ILivechatEventContext, ILivechatTransferEventContext } from '@rocket.chat/apps-engine/definition/livechat';
import { LivechatTransferEventType } from '@rocket.chat/apps-engine/definition/livechat';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import type { LegChange } from './chatLegs';

/**
 * What an Assigned or Unassigned event says of the chat's hands. Rocket.Chat builds both from
 * `{room, user}` with the users converter (`livechatEvent` in apps/meteor/app/apps/server/bridges/listeners.ts).
 */
export function agentChangeOf(kind: 'assigned' | 'unassigned', context: Pick<ILivechatEventContext, 'agent'>): LegChange | undefined {
    const { agent } = context;
    return agent?.id && agent.username ? { kind, agentId: agent.id, username: agent.username } : undefined;
}

/**
 * What a Transferred event says: for an agent transfer, `to` holds the chat now and `from` held it
 * (absent when the chat came from the queue). A department transfer moves no agent by itself: the
 * Assigned or Unassigned that Rocket.Chat fires with it does.
 */
export function transferChangeOf(context: ILivechatTransferEventContext): LegChange | undefined {
    if (context.type !== LivechatTransferEventType.AGENT) {
        return undefined;
    }
    const to = asUser(context.to);
    if (!to) {
        return undefined;
    }
    const from = asUser(context.from);
    return {
        kind: 'transferred',
        agentId: to.id,
        username: to.username,
        ...(from && { fromAgentId: from.id, fromUsername: from.username }),
    };
}

function asUser(party: ILivechatTransferEventContext['from'] | undefined): Pick<IUser, 'id' | 'username'> | undefined {
    const user = party as Partial<IUser> | undefined;
    return user && typeof user.id === 'string' && typeof user.username === 'string' ? { id: user.id, username: user.username } : undefined;
}
