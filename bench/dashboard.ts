/**
 * `npm run bench:dashboard`: how fast a manager sees the dashboard. The playground's demo with
 * 100,000 closed chats, recorded in-process by the app's own code (`recordClosedRoom`, the store) and
 * its buckets built in-process too, as `bench:e2e` does: 100,000 closes through the engine at once
 * would take minutes and are not what a manager waits on. Then
 * Debian's Chromium opens the dashboard as the demo manager, each time in a fresh profile (nothing
 * cached), and reads from the browser's own timings:
 * - first contentful paint: the page's first text on screen;
 * - figures on screen: the `dashboard-ready` mark, set when the agents table and the chart of the
 *   default range (the last 30 days) are drawn, which is the first meaningful paint.
 * Prints the median and worst of the runs. With --screenshot FILE it also saves the dashboard as
 * a manager sees it (the README's picture).
 *
 * Options: --rooms 100000, --runs 7, --screenshot docs/dashboard.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';

import { addDemoPeople, DEMO_MANAGER, seedDemoChats, workspaceRouting } from '../dev/demo';
import { AppsEngineHost } from '../dev/host/AppsEngineHost';
import { packageApp } from '../dev/package';
import { DASHBOARD_ROUTES } from '../lib/http/routes';
import { appPersistence } from '../dev/workspace/appPersistence';
import { PersistenceRecordStore } from '../lib/storage/persistenceRecordStore';
import { recordClosedRoom } from '../lib/chats/recordClosedRoom';
import { launchChromium } from '../dev/browser/chromium';
import { printTable } from './table';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: { rooms: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' }, screenshot: { type: 'string' } },
    });
    const rooms = Number(values.rooms);
    const runs = Number(values.runs);

    const zip = await packageApp();
    const host = await AppsEngineHost.start();
    const browser = await launchChromium();
    try {
        const { id: appId } = await host.install(zip);
        addDemoPeople(host.workspace);
        const dashboard = host.url(appId, DASHBOARD_ROUTES.page);
        host.landingPage = dashboard;
        const seeding = Date.now();
        const { reader, writer } = appPersistence(host.workspace.persistence, appId);
        const store = new PersistenceRecordStore(reader, writer);
        const quiet = { debug: () => undefined, error: (...items: unknown[]) => console.error(...items) };
        await host.whileJobsPaused(async () => {
            await seedDemoChats(
                host.workspace,
                rooms,
                async (roomId, at) => {
                    await recordClosedRoom(host.workspace.convertRoom(host.workspace.closeRoom(roomId, at)), store, quiet);
                },
                workspaceRouting(host.workspace),
                (closed) => closed % 20_000 === 0 && console.log(`  recorded ${closed} of ${rooms} chats`),
            );
            while (!(await store.rebuildBuckets()).complete) {
                // each run stops after 20 s of work, as the job's would
            }
        });
        console.log(`Seeded ${rooms} chats and built their buckets in ${((Date.now() - seeding) / 1000).toFixed(0)} s.`);

        const paints: number[] = [];
        const ready: number[] = [];
        for (let run = 0; run < runs; run++) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
            await context.addCookies([
                { name: 'rc_uid', value: DEMO_MANAGER._id, url: host.baseUrl },
                { name: 'rc_token', value: DEMO_MANAGER.authToken, url: host.baseUrl },
            ]);
            const page = await context.newPage();
            await page.goto(dashboard);
            await page.waitForSelector('#dashboard[data-ready="1"]', { timeout: 60_000 });
            const timings = await page.evaluate(() => ({
                paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
                ready: performance.getEntriesByName('dashboard-ready')[0]?.startTime ?? NaN,
            }));
            paints.push(timings.paint);
            ready.push(timings.ready);
            if (run === runs - 1 && values.screenshot) {
                fs.mkdirSync(path.dirname(values.screenshot), { recursive: true });
                await page.screenshot({ path: values.screenshot, fullPage: true });
                console.log(`Saved ${values.screenshot}`);
            }
            await context.close();
        }
        printTable(
            `Dashboard as the demo manager, ${rooms} chats, last 30 days by day, ${runs} cold loads (Chromium's own timings, ms from navigation)`,
            ['timing', 'median', 'worst'],
            [
                ['first contentful paint', median(paints).toFixed(0), Math.max(...paints).toFixed(0)],
                ['figures on screen (table and chart)', median(ready).toFixed(0), Math.max(...ready).toFixed(0)],
            ],
        );
    } finally {
        await browser.close();
        await host.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
