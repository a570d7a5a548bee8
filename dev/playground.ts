/**
 * `npm start`: try the app, its dashboard and its API without a workspace. Builds the zip, installs
 * it in the local Apps-Engine host, seeds the demo workspace (dev/demo.ts: a manager and a monitor,
 * who may read the reports, an agent, who may not, and a few thousand chats closed through the engine)
 * and serves until stopped. A login page at /home sets the cookies the web client sets, so the
 * dashboard opens as in a workspace. In a terminal, `/service-time ...` typed at its prompt runs the
 * slash command as the demo manager.
 *
 * Options: --port N (or PORT; default 3000), --rooms N (default 3000).
 */
import * as readline from 'readline';
import { parseArgs } from 'util';

import { agentsReportPath, CHATS_PATH, EXPLAIN_PATH, SERIES_PATH } from '../lib/http/routes';
import { DASHBOARD_ROUTES } from '../lib/http/routes';
import { AVERAGE_SERVICE_TIME } from '../lib/reports/shapes';
import { SERVICE_TIME_STATS } from '../lib/reports/statsShape';
import type { Range } from '../lib/time/presets';
import { presetRange } from '../lib/time/presets';
import { addDemoPeople, DEMO_AGENT, DEMO_AGENTS, DEMO_MANAGER, DEMO_MONITOR, seedDemoChats } from './demo';
import { AppsEngineHost } from './host/AppsEngineHost';
import { packageApp } from './package';
import { assertPortFree } from './portCheck';

const STATS_PATH = agentsReportPath(SERVICE_TIME_STATS.name);
const REPORT_PATH = agentsReportPath(AVERAGE_SERVICE_TIME.name);
async function main(): Promise<void> {
    const { values } = parseArgs({ options: { port: { type: 'string' }, rooms: { type: 'string' } } });
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    const roomCount = Number(values.rooms ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(roomCount) || roomCount < 0) {
        throw new Error('Usage: npm start -- [--port 3000] [--rooms 3000]');
    }

    await assertPortFree(port);
    console.log('Building the app package...');
    const zip = await packageApp();
    const engineStart = Date.now();
    const host = await AppsEngineHost.start({ port, printJobFailures: true });
    const { id: appId } = await host.install(zip);
    console.log(`Installed ${zip} in the Apps-Engine (${Date.now() - engineStart} ms); status: ${await host.status(appId)}`);

    addDemoPeople(host.workspace);
    const dashboard = host.url(appId, DASHBOARD_ROUTES.page);
    host.landingPage = dashboard;

    const seedStart = Date.now();
    await seedDemoChats(
        host.workspace,
        roomCount,
        (roomId, at) => host.closeRoom(roomId, at),
        host.routing,
        (closed) => process.stdout.write(`  closed ${closed} of ${roomCount} demo chats${process.stdout.isTTY ? '\r' : '\n'}`),
    );
    console.log(`Seeded ${roomCount} closed chats over the last 90 days in ${Date.now() - seedStart} ms.          `);

    // The dashboard's "last 30 days" (`time/presets.ts`): today and the 29 days before, whole days of the zone.
    const utc = presetRange('last30', new Date(), 'UTC') as Range;
    const saoPaulo = presetRange('last30', new Date(), 'America/Sao_Paulo') as Range;
    // As UTC instants (`Z`): a local offset's `+` would read as a space in a query string.
    const instant = (date: Date) => new Date(date.getTime()).toISOString();
    const url = `${host.url(appId, REPORT_PATH)}?start=${instant(utc.start)}&end=${instant(utc.end)}`;
    const curl = (user: { _id: string; authToken: string }, target: string) =>
        `curl -s -H 'X-User-Id: ${user._id}' -H 'X-Auth-Token: ${user.authToken}' '${target}'`;
    console.log(`
Dashboard: ${dashboard}
  Log in first at ${host.baseUrl}/home as demo.manager (demo.monitor reads it in Portuguese; demo.agent sees why the reports are closed to agents).

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
  ${curl(DEMO_MANAGER, `${host.url(appId, SERIES_PATH)}?start=${instant(saoPaulo.start)}&end=${instant(saoPaulo.end)}&interval=day&timezone=America/Sao_Paulo`)}
  ${curl(DEMO_MANAGER, url.replace(REPORT_PATH, STATS_PATH))}

The chats behind those figures, longest first, each agent's own part of transferred chats (on the
dashboard: click an agent's name):
  ${curl(DEMO_MANAGER, `${url.replace(REPORT_PATH, CHATS_PATH)}&attribution=legs&count=5`)}
Why ${DEMO_AGENTS[0][1]}'s figure differs from Rocket.Chat's (on the dashboard, above their chats; click a
bar of the chart for its own chats):
  ${curl(DEMO_MANAGER, `${url.replace(REPORT_PATH, EXPLAIN_PATH)}&agentId=${DEMO_AGENTS[0][0]}`)}

Also there: ${REPORT_PATH.replace('average', 'total')} (same parameters; add format=csv for CSV),
livechat/analytics/history-import, and the OpenAPI document of them all:
  ${host.url(appId, 'openapi.json')}
The history import's status counts only the rooms that existed when it ran, at install: the demo
chats were closed after install, so each was recorded as it closed, as a workspace's new chats are.
${
    process.stdin.isTTY
        ? '\nType /service-time [today|7d|30d|90d|month|YYYY-MM-DD YYYY-MM-DD] [Sales|Support] to run the slash command as the demo manager.'
        : '\nNo terminal on standard input, so no /service-time prompt: run npm start in a terminal to type the slash command.'
}
Stop with Ctrl+C.`);

    const prompt = process.stdin.isTTY
        ? readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' })
        : undefined;
    if (prompt) {
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

    let stopping = false;
    const stop = async () => {
        if (stopping) {
            return;
        }
        stopping = true;
        console.log('\nStopping the playground...');
        await host.stop();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    // A prompt takes Ctrl+C for itself (readline's own SIGINT): it stops the playground too, as does closing it (Ctrl+D).
    prompt?.on('SIGINT', () => void stop());
    prompt?.on('close', () => void stop());
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
