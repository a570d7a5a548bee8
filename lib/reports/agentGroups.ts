import { compareCodePoints } from './codePointOrder';

/** An agent as the core's reports group them: `_id` and `username` together. */
export interface AgentKey {
    agentId: string;
    username: string;
}

/**
 * Groups by agent as the core groups its reports (`$group` on `servedBy._id` and `servedBy.username`):
 * an agent renamed between chats is two groups. Two levels of maps: no key to build per entry, which
 * reports add up by the hundred thousand. The one grouping of the totals, the stats and the buckets.
 */
export class AgentGroups<T extends AgentKey> {
    private readonly byAgent = new Map<string, Map<string, T>>();

    constructor(private readonly create: (agentId: string, username: string) => T) {}

    /** The agent's group, made on first use. */
    public get(agentId: string, username: string): T {
        let byUsername = this.byAgent.get(agentId);
        if (!byUsername) {
            byUsername = new Map();
            this.byAgent.set(agentId, byUsername);
        }
        let group = byUsername.get(username);
        if (!group) {
            group = this.create(agentId, username);
            byUsername.set(username, group);
        }
        return group;
    }

    public values(): T[] {
        return [...this.byAgent.values()].flatMap((byUsername) => [...byUsername.values()]);
    }
}

/** The reports' order of agents: by username, then `_id`, both by code point as MongoDB sorts. */
export function compareAgents(a: AgentKey, b: AgentKey): number {
    return compareCodePoints(a.username, b.username) || compareCodePoints(a.agentId, b.agentId);
}

/** A sorted copy, in the reports' order. */
export function sortAgents<T extends AgentKey>(agents: Iterable<T>): T[] {
    return [...agents].sort(compareAgents);
}
