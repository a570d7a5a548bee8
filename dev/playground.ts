/**
 * `npm start`: try the app and its API without a workspace. Builds the zip, installs it in the local
 * Apps-Engine host, seeds a demo workspace (agents; a manager and a monitor, who may read the
 * reports, and an agent, who may not; a few thousand closed chats over the last 90 days in two
 * departments, some transferred between agents, each closed through the engine as Rocket.Chat would),
 * and serves until stopped. A login page at /home sets the cookies the web client sets, so the
 * dashboard opens as in a workspace. In a
 * terminal, `/service-time ...` typed at its prompt runs the slash command as the demo manager.
 *
 * Options: --port N (or PORT; default 3000), --rooms N (default 3000).
 */
import { addMilliseconds, formatISO, startOfDay, subDays } from 'date-fns';
import * as readline from 'readline';
import { parseArgs } from 'util';

import { DASHBOARD_ROUTES } from '../lib/dashboard/page';
import { AppsEngineHost } from './host/AppsEngineHost';
import { packageApp } from './package';

const SERIES_PATH = 'livechat/analytics/agents/service-time-series';
const STATS_PATH = 'livechat/analytics/agents/service-time-stats';
const REPORT_PATH = 'livechat/analytics/agents/average-service-time';
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

const DEMO_MANAGER = demoUser('manager', 'Manager');
/** Rocket.Chat gives monitors view-livechat-manager too: the default role setting lets them read. */
const DEMO_MONITOR = demoUser('monitor', 'Monitor');
/** An agent holds no report role: every report answers 403. */
const DEMO_AGENT = demoUser('agent', 'Agent');
const DEPARTMENTS = [
    ['sales', 'Sales'],
    ['support', 'Support'],
];
const DEMO_AGENTS = [
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

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { port: { type: 'string' }, rooms: { type: 'string' } } });
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    const roomCount = Number(values.rooms ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(roomCount) || roomCount < 0) {
        throw new Error('Usage: npm start -- [--port 3000] [--rooms 3000]');
    }

    console.log('Building the app package...');
    const zip = await packageApp();
    const engineStart = Date.now();
    const host = await AppsEngineHost.start({ port, printJobFailures: true }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
            throw new Error(
                `Port ${port} is busy: stop what runs there, or start on another port: npm start -- --port 8080 (or PORT=8080).`,
            );
        }
        throw error;
    });
    const { id: appId } = await host.install(zip);
    console.log(`Installed ${zip} in the Apps-Engine (${Date.now() - engineStart} ms); status: ${await host.status(appId)}`);

    const { workspace } = host;
    for (const user of [DEMO_MANAGER, DEMO_MONITOR, DEMO_AGENT]) {
        workspace.addUser(user);
    }
    for (const [_id, username] of DEMO_AGENTS) {
        workspace.addUser({ _id, username, name: username, roles: ['user', 'livechat-agent'] });
    }
    for (const [_id, name] of DEPARTMENTS) {
        workspace.addDepartment({ _id, name, numAgents: DEMO_AGENTS.length });
    }
    const dashboard = host.url(appId, DASHBOARD_ROUTES.page);
    host.landingPage = dashboard;

    const random = seededRandom(42);
    const today = startOfDay(new Date());
    const seedStart = Date.now();
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
            await host.closeRoom(roomId, addMilliseconds(createdAt, 60_000 + Math.floor(random() * 300_000)));
            continue;
        }
        const [agentId] = DEMO_AGENTS[Math.floor(random() * DEMO_AGENTS.length)];
        let servedAt = addMilliseconds(createdAt, Math.floor(random() * 120_000));
        workspace.serveRoom(roomId, agentId, servedAt);
        if (random() < 0.15) {
            // About one chat in seven is transferred: the next agent's stretch restarts servedBy.ts, and the
            // core (and the default report) credits only that last stretch.
            const [nextAgentId] = DEMO_AGENTS[(DEMO_AGENTS.findIndex(([id]) => id === agentId) + 1) % DEMO_AGENTS.length];
            servedAt = addMilliseconds(servedAt, 60_000 + Math.floor(random() * 600_000));
            workspace.serveRoom(roomId, nextAgentId, servedAt);
        }
        if (random() < 0.9) {
            // The agent's first answer: what the stats' first response time reads (metrics.response.ft).
            workspace.replyAsAgent(roomId, addMilliseconds(servedAt, 5_000 + Math.floor(random() * 90_000)));
        }
        // Service times are long-tailed: mostly a few minutes, sometimes an hour.
        const serviceMs = Math.round(
            Math.exp(Math.log(360_000) + 0.9 * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random())),
        );
        await host.closeRoom(roomId, closedAt(serviceMs, servedAt));
        if ((i + 1) % 500 === 0) {
            process.stdout.write(`  closed ${i + 1} of ${roomCount} demo chats${process.stdout.isTTY ? '\r' : '\n'}`);
        }
    }
    console.log(`Seeded ${roomCount} closed chats over the last 90 days in ${Date.now() - seedStart} ms.          `);

    const start = formatISO(subDays(today, 30), { representation: 'date' });
    const end = formatISO(new Date(), { representation: 'date' });
    const url = `${host.url(appId, REPORT_PATH)}?start=${start}&end=${end}T23:59:59.999Z`;
    const curl = (user: { _id: string; authToken: string }, target: string) =>
        `curl -s -H 'X-User-Id: ${user._id}' -H 'X-Auth-Token: ${user.authToken}' '${target}'`;
    console.log(`
Dashboard: ${dashboard}
  Log in first at ${host.baseUrl}/home as the demo manager (or the monitor; the agent sees why the reports are closed to them).

Agent Service Time playground is serving on ${host.baseUrl}

Endpoint (the Enterprise report's path under the app's public base):
  ${host.url(appId, REPORT_PATH)}

The last 30 days as the demo manager (the demo monitor, ${DEMO_MONITOR._id}, may read them too):
  ${curl(DEMO_MANAGER, url)}
Only the department "sales" (the demo chats are in "sales" and "support"):
  ${curl(DEMO_MANAGER, `${url}&departmentId=sales`)}
As the demo agent, whose role may not read reports (403):
  ${curl(DEMO_AGENT, url)}

Each day of the last 30 in São Paulo, and each agent's median, p90 and first response:
  ${curl(DEMO_MANAGER, `${host.url(appId, SERIES_PATH)}?start=${start}T00:00:00-03:00&end=${end}T23:59:59.999-03:00&interval=day&timezone=America/Sao_Paulo`)}
  ${curl(DEMO_MANAGER, url.replace(REPORT_PATH, STATS_PATH))}

Also there: ${REPORT_PATH.replace('average', 'total')} (same parameters; add format=csv for CSV),
livechat/analytics/history-import, and the OpenAPI document of them all:
  ${host.url(appId, 'openapi.json')}
The history import's status counts only the rooms that existed when it ran, at install: the demo
chats were closed after install, so each was recorded as it closed, as a workspace's new chats are.
${process.stdin.isTTY ? '\nType /service-time [7d|30d|90d|YYYY-MM-DD YYYY-MM-DD] [sales|support] to run the slash command as the demo manager.' : ''}
Stop with Ctrl+C.`);

    if (process.stdin.isTTY) {
        const prompt = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
        prompt.prompt();
        prompt.on('line', (line) => {
            const [command, ...args] = line.trim().split(/\s+/);
            const answered =
                command === '/service-time' ? host.runSlashCommand('service-time', DEMO_MANAGER._id, args) : Promise.resolve([]);
            if (command && command !== '/service-time') {
                console.log('Only /service-time runs here.');
            }
            void answered.then((texts) => {
                texts.forEach((text) => console.log(text));
                prompt.prompt();
            });
        });
    }

    const stop = async () => {
        await host.stop();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
