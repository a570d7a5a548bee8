import * as fs from 'fs';

import { AppsEngineHost } from '../../dev/host/AppsEngineHost';
import { packagePath } from '../../dev/package';
import { fetchChecked } from '../helpers/openApiValidator';

export const REPORT_PATH = 'livechat/analytics/agents/average-service-time';
export const TOTAL_PATH = 'livechat/analytics/agents/total-service-time';
export const IMPORT_PATH = 'livechat/analytics/history-import';

export const MANAGER = { _id: 'manager-1', username: 'manager', authToken: 'manager-token', roles: ['user', 'livechat-manager'] };
export const ADMIN = { _id: 'admin-1', username: 'admin', authToken: 'admin-token', roles: ['user', 'admin'] };
export const AGENT = { _id: 'agent-1', username: 'agent.caller', authToken: 'agent-token', roles: ['user', 'livechat-agent'] };

export interface EngineFixture {
    host: AppsEngineHost;
    appId: string;
    get(
        path: string,
        query: Record<string, string | string[]>,
        caller?: { _id: string; authToken: string } | null,
        headers?: Record<string, string>,
    ): Promise<{ status: number; body: unknown; contentType: string | null }>;
    /** Opens, serves and closes a room through the engine, as Rocket.Chat does. */
    closeRoom(roomId: string, createdAt: Date, agentId: string | null, serviceMs: number, departmentId?: string): Promise<void>;
}

/** The packaged zip, installed and enabled in the real engine, with a manager, an admin and an agent. */
export async function startEngineWithApp(): Promise<EngineFixture> {
    const zip = packagePath();
    if (!fs.existsSync(zip)) {
        throw new Error(`${zip} is missing: the jest globalSetup builds it (npm run package)`);
    }
    const host = await AppsEngineHost.start();
    const { id: appId } = await host.install(zip);
    for (const user of [MANAGER, ADMIN, AGENT]) {
        host.workspace.addUser({ ...user, name: user.username });
    }
    return {
        host,
        appId,
        async get(path, query, caller = MANAGER, extraHeaders = {}) {
            const search = new URLSearchParams();
            for (const [key, value] of Object.entries(query)) {
                for (const one of Array.isArray(value) ? value : [value]) {
                    search.append(key, one);
                }
            }
            const headers: Record<string, string> = { ...extraHeaders, ...(caller ? { 'X-User-Id': caller._id, 'X-Auth-Token': caller.authToken } : {}) };
            return fetchChecked(`${host.url(appId, path)}?${search}`, { headers });
        },
        async closeRoom(roomId, createdAt, agentId, serviceMs, departmentId) {
            host.workspace.openRoom({ _id: roomId, ts: createdAt, departmentId });
            const servedAt = new Date(createdAt.getTime() + 30_000);
            if (agentId) {
                host.workspace.serveRoom(roomId, agentId, servedAt);
            }
            await host.closeRoom(roomId, new Date(servedAt.getTime() + serviceMs));
        },
    };
}

export interface ImportStatusBody {
    state: string;
    scanned: number;
    imported: number;
    skipped: number;
    failed: number;
    lastError: string | null;
    success: boolean;
}

/** A call as the manager, checked against the OpenAPI document. */
export async function call(host: AppsEngineHost, appId: string, path: string, query = '', method = 'GET') {
    return fetchChecked(`${host.url(appId, path)}${query}`, { method, headers: { 'X-User-Id': MANAGER._id, 'X-Auth-Token': MANAGER.authToken } });
}

/** Polls the import's status until `until` holds. */
export async function waitForImport(host: AppsEngineHost, appId: string, until: (status: ImportStatusBody) => boolean, timeoutMs = 120_000): Promise<ImportStatusBody> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const { body } = await call(host, appId, IMPORT_PATH);
        const status = body as ImportStatusBody;
        if (until(status)) {
            return status;
        }
        if (Date.now() > deadline) {
            throw new Error(`import did not get there in time: ${JSON.stringify(status)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
