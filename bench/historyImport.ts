/**
 * `npm run bench:import [-- --rooms 100000]`: the history import's rate in the local Apps-Engine
 * host (real engine, real Deno subprocess), with the accessor calls it makes per room.
 */
import { parseArgs } from 'util';

import { AppsEngineHost } from '../dev/host/AppsEngineHost';
import { packageApp } from '../dev/package';
import { Workspace } from '../dev/workspace/workspace';

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { rooms: { type: 'string', default: '100000' } } });
    const roomCount = Number(values.rooms);
    const workspace = new Workspace();
    workspace.addUser({
        _id: 'bench-manager',
        username: 'manager',
        name: 'Manager',
        roles: ['livechat-manager'],
        authToken: 'bench-token',
    });
    for (let a = 0; a < 50; a++) {
        workspace.addUser({ _id: `agent-${a}`, username: `agent${a}`, name: `Agent ${a}`, roles: ['livechat-agent'] });
    }
    const first = Date.UTC(2025, 0, 1);
    for (let i = 0; i < roomCount; i++) {
        const ts = new Date(first + Math.floor((i / roomCount) * 365 * 86_400_000));
        workspace.openRoom({ _id: `room-${i}`, ts });
        if (i % 20 === 0) {
            continue; // open
        }
        if (i % 20 !== 1) {
            workspace.serveRoom(`room-${i}`, `agent-${i % 50}`, new Date(ts.getTime() + 10_000));
        }
        workspace.closeRoom(`room-${i}`, new Date(ts.getTime() + 10_000 + (i % 3_600) * 1_000));
    }

    const zip = await packageApp();
    const host = await AppsEngineHost.start({ workspace });
    workspace.persistence.resetCalls();
    const started = Date.now();
    const { id: appId } = await host.install(zip);
    let status: Record<string, unknown>;
    for (;;) {
        const response = await fetch(host.url(appId, 'livechat/analytics/history-import'), {
            headers: { 'X-User-Id': 'bench-manager', 'X-Auth-Token': 'bench-token' },
        });
        status = (await response.json()) as Record<string, unknown>;
        if (status.state !== 'running' && status.state !== 'idle') {
            break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    const { calls } = workspace.persistence;
    const rooms = host.bridges.rooms;
    const perRoom = (n: number) => (n / roomCount).toFixed(3);
    console.log(`history import of ${roomCount} livechat rooms: ${status.state} in ${seconds.toFixed(1)} s`);
    console.log(
        `  rate: ${Math.round(roomCount / seconds)} rooms/s (${status.imported} imported, ${status.skipped} skipped, ${status.failed} failed)`,
    );
    console.log('  accessor calls per room:');
    console.log(`    getAllRooms ${perRoom(rooms.getAllRoomsCalls)}, getById ${perRoom(rooms.getByIdCalls)}`);
    console.log(
        `    persistence writes ${perRoom(calls.updateByAssociations + calls.create)}, reads ${perRoom(calls.read)}, removes ${perRoom(calls.remove)} (the bucket builder's, of markers)`,
    );
    console.log(
        `    all ${perRoom(rooms.getAllRoomsCalls + rooms.getByIdCalls + calls.updateByAssociations + calls.create + calls.read + calls.remove)}`,
    );
    await host.stop();
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
