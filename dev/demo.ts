/**
 * The demo workspace of the playground and of the dashboard's benchmark: who logs in, the agents,
 * two departments, and closed chats over the last 90 days, each closed through the engine as
 * Rocket.Chat would. Deterministic, so that every start shows the same demo.
 */
import { addMilliseconds, startOfDay, subDays } from 'date-fns';

import type { Workspace } from './workspace/workspace';

/** A demo user who calls the API, with the login token sent as `X-Auth-Token`. */
function demoUser(role: string, label: string) {
    return {
        _id: `demo-${role}`,
        username: `demo.${role}`,
        name: `Demo ${label}`,
        roles: ['user', `livechat-${role}`],
        authToken: `demo-${role}-token`,
    };
}

export const DEMO_MANAGER = demoUser('manager', 'Manager');
/** Rocket.Chat gives monitors view-livechat-manager too: the default role setting lets them read. This one reads Portuguese. */
export const DEMO_MONITOR = { ...demoUser('monitor', 'Monitor'), language: 'pt-BR' };
/** An agent holds no report role: every report answers 403. */
export const DEMO_AGENT = demoUser('agent', 'Agent');
export const DEPARTMENTS = [
    ['sales', 'Sales'],
    ['support', 'Support'],
];
export const DEMO_AGENTS = [
    ['agent-ana', 'ana.souza'],
    ['agent-bruno', 'bruno.lima'],
    ['agent-chen', 'chen.wei'],
    ['agent-dana', 'Dana.K'],
    ['agent-emeka', 'emeka.obi'],
    ['agent-fatima', 'fatima.z'],
];

/** Deterministic, so that every start shows the same demo. */
function seededRandom(seed: number): () => number {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The people who log in, the agents and the departments. */
export function addDemoPeople(workspace: Workspace): void {
    for (const user of [DEMO_MANAGER, DEMO_MONITOR, DEMO_AGENT]) {
        workspace.addUser(user);
    }
    for (const [_id, username] of DEMO_AGENTS) {
        workspace.addUser({ _id, username, name: username, roles: ['user', 'livechat-agent'] });
    }
    for (const [_id, name] of DEPARTMENTS) {
        workspace.addDepartment({ _id, name, numAgents: DEMO_AGENTS.length });
    }
}

/** How a demo chat is closed: through the engine (`host.closeRoom`), or straight into the app's store (a bench seeding 100,000). */
export type CloseRoom = (roomId: string, at: Date) => Promise<void>;

/**
 * How a demo chat moves between agents: through the engine with Rocket.Chat's events (`host.routing`,
 * the playground, so the app sees the legs), or only in the workspace (a bench that records straight into the store).
 */
export interface DemoRouting {
    take(roomId: string, agentId: string, at: Date): void;
    transferToAgent(roomId: string, agentId: string, at: Date): void;
    /** Waits for the events fired so far to be handled. */
    settle(): Promise<void>;
}

/** Moves without events: `servedBy` only, as the bench needs. */
export function workspaceRouting(workspace: Workspace): DemoRouting {
    return {
        take: (roomId, agentId, at) => workspace.serveRoom(roomId, agentId, at),
        transferToAgent: (roomId, agentId, at) => workspace.serveRoom(roomId, agentId, at),
        settle: async () => undefined,
    };
}

/**
 * `roomCount` chats over the last 90 days: most in a department, some abandoned before an agent took
 * them, about one in seven transferred (one in twenty of those back to the first agent), most with a
 * first response, long-tailed service times, and one in fifty left open for 8 to 60 hours, across
 * nights and weekends (what business hours leave out).
 */
export async function seedDemoChats(
    workspace: Workspace,
    roomCount: number,
    closeRoom: CloseRoom,
    routing: DemoRouting,
    onProgress?: (closed: number) => void,
): Promise<void> {
    const random = seededRandom(42);
    // The ratings draw from their own sequence, so that the chats themselves are those of earlier versions.
    const rating = seededRandom(7);
    const today = startOfDay(new Date());
    for (let i = 0; i < roomCount; i++) {
        const createdAt = addMilliseconds(subDays(today, Math.floor(random() * 90)), Math.floor(random() * 86_400_000));
        const roomId = `demo-room-${i}`;
        // Most chats belong to a department; a few came in without one.
        const department = random() < 0.9 ? DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)][0] : undefined;
        workspace.openRoom({ _id: roomId, ts: createdAt, departmentId: department });
        const roll = random();
        const closedAt = (serviceMs: number, servedAt: Date) => addMilliseconds(servedAt, serviceMs);
        if (roll < 0.05) {
            // abandoned before an agent took it: closed by the visitor, not counted
            await closeRoom(roomId, addMilliseconds(createdAt, 60_000 + Math.floor(random() * 300_000)));
            continue;
        }
        const [agentId] = DEMO_AGENTS[Math.floor(random() * DEMO_AGENTS.length)];
        let servedAt = addMilliseconds(createdAt, Math.floor(random() * 120_000));
        routing.take(roomId, agentId, servedAt);
        if (random() < 0.15) {
            // About one chat in seven is transferred: the next agent's stretch restarts servedBy.ts, and the
            // core (and the default report) credits only that last stretch; attribution=legs credits both.
            const [nextAgentId] = DEMO_AGENTS[(DEMO_AGENTS.findIndex(([id]) => id === agentId) + 1) % DEMO_AGENTS.length];
            servedAt = addMilliseconds(servedAt, 60_000 + Math.floor(random() * 600_000));
            routing.transferToAgent(roomId, nextAgentId, servedAt);
            if (random() < 0.05) {
                servedAt = addMilliseconds(servedAt, 60_000 + Math.floor(random() * 300_000));
                routing.transferToAgent(roomId, agentId, servedAt); // and back: one chat for the first agent, two legs
            }
        }
        if (random() < 0.9) {
            // The agent's first answer: what the stats' first response time reads (metrics.response.ft).
            workspace.replyAsAgent(roomId, addMilliseconds(servedAt, 5_000 + Math.floor(random() * 90_000)));
        }
        // Service times are long-tailed: mostly a few minutes, sometimes an hour; now and then a chat left open for hours.
        const serviceMs =
            random() < 0.02
                ? 8 * 3_600_000 + Math.floor(random() * 52 * 3_600_000)
                : Math.round(
                      Math.exp(Math.log(360_000) + 0.9 * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random())),
                  );
        await routing.settle();
        const finalAgent = workspace.room(roomId).servedBy?._id ?? agentId;
        if (rating() < 0.4) {
            // Two in five visitors answer the survey; each agent has their own leaning, so the CSAT column differs.
            workspace.rateRoom(
                roomId,
                demoSurvey(
                    rating,
                    DEMO_AGENTS.findIndex(([id]) => id === finalAgent),
                ),
                addMilliseconds(servedAt, serviceMs - 1),
            );
        }
        await closeRoom(roomId, closedAt(serviceMs, servedAt));
        if ((i + 1) % 500 === 0) {
            onProgress?.(i + 1);
        }
    }
}

/** A visitor's survey as Rocket.Chat stores it: scores '1' to '5', higher on average for the agents listed first. */
function demoSurvey(random: () => number, agentIndex: number): Record<string, string> {
    const score = (lean: number) => String(Math.min(5, Math.max(1, Math.round(4.6 - lean + 1.6 * (random() - 0.5) * 2))));
    const lean = Math.max(0, agentIndex) * 0.35;
    return { satisfaction: score(lean), agentKnowledge: score(lean / 2), agentResposiveness: score(lean), agentFriendliness: score(0) };
}
