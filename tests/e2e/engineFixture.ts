import * as fs from 'fs';

import { UIActionButtonContext } from '@rocket.chat/apps-engine/definition/ui';
import type { IUIKitResponse } from '@rocket.chat/apps-engine/definition/uikit';

import { OPEN_DASHBOARD_ACTION } from '../../lib/dashboard/openButton';

import { AppsEngineHost, engineVersion } from '../../dev/host/AppsEngineHost';
import { fetchChecked } from '../helpers/openApiValidator';
import { testZipPath } from './testZip';

export const REPORT_PATH = 'livechat/analytics/agents/average-service-time';
export const TOTAL_PATH = 'livechat/analytics/agents/total-service-time';
export const IMPORT_PATH = 'livechat/analytics/history-import';

export const MANAGER = { _id: 'manager-1', username: 'manager', authToken: 'manager-token', roles: ['user', 'livechat-manager'] };
export const ADMIN = { _id: 'admin-1', username: 'admin', authToken: 'admin-token', roles: ['user', 'admin'] };
export const AGENT = { _id: 'agent-1', username: 'agent.caller', authToken: 'agent-token', roles: ['user', 'livechat-agent'] };

type Query = Record<string, string | string[]>;
type Answer = { status: number; body: unknown; contentType: string | null };

/** Whether the engine under test offers IRoomRead.getAllRooms (Apps-Engine 1.59 on), which the history import needs. */
export function engineListsRooms(): boolean {
    const [major, minor] = engineVersion().split('.').map(Number);
    return major > 1 || minor >= 59;
}

export interface RequestOptions {
    query?: Query;
    /** The caller whose X-User-Id / X-Auth-Token are sent (the manager by default); null for none. */
    caller?: { _id: string; authToken: string } | null;
    headers?: Record<string, string>;
    method?: string;
}

/** The one way tests call the app over HTTP: as Rocket.Chat's clients do, checked against the OpenAPI document. */
export function requestApp(host: AppsEngineHost, appId: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const { query = {}, caller = MANAGER, headers = {}, method = 'GET' } = options;
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        for (const one of Array.isArray(value) ? value : [value]) {
            search.append(key, one);
        }
    }
    const auth: Record<string, string> = caller ? { 'X-User-Id': caller._id, 'X-Auth-Token': caller.authToken } : {};
    return fetchChecked(`${host.url(appId, path)}?${search}`, { method, headers: { ...headers, ...auth } });
}

export interface EngineFixture {
    host: AppsEngineHost;
    appId: string;
    /** A GET of the installed app (`requestApp` bound to it). */
    get(path: string, query: Query, caller?: RequestOptions['caller'], headers?: Record<string, string>): Promise<Answer>;
    /** Opens, serves and closes a room through the engine, as Rocket.Chat does. */
    closeRoom(roomId: string, createdAt: Date, agentId: string | null, serviceMs: number, departmentId?: string): Promise<void>;
}

/** The packaged zip, installed and enabled in the real engine, with a manager, an admin and an agent. */
export async function startEngineWithApp(): Promise<EngineFixture> {
    const zip = testZipPath();
    if (!fs.existsSync(zip)) {
        throw new Error(`${zip} is missing: the jest globalSetup builds it`);
    }
    const host = await AppsEngineHost.start();
    const { id: appId } = await host.install(zip);
    for (const user of [MANAGER, ADMIN, AGENT]) {
        host.workspace.addUser({ ...user, name: user.username });
    }
    return {
        host,
        appId,
        get: (path, query, caller, headers) => requestApp(host, appId, path, { query, caller, headers }),
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
    alreadyRecorded: number;
    skipped: number;
    failed: number;
    lastError: string | null;
    success: boolean;
}

/** Polls the import's status until `until` holds. */
export async function waitForImport(
    host: AppsEngineHost,
    appId: string,
    until: (status: ImportStatusBody) => boolean,
    timeoutMs = 120_000,
): Promise<ImportStatusBody> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const { body } = await requestApp(host, appId, IMPORT_PATH);
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

/** Retries an assertion for up to 5 s: for effects of events that Rocket.Chat does not wait for. */
export async function eventually(assertion: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
        try {
            return await assertion();
        } catch (error) {
            if (Date.now() > deadline) {
                throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    }
}

/** A user clicks the user menu's "Service time dashboard": the dialog the app answers. */
export function clickDashboardEntry(engine: Pick<EngineFixture, 'host' | 'appId'>, userId: string): Promise<IUIKitResponse> {
    return engine.host.clickActionButton(engine.appId, OPEN_DASHBOARD_ACTION, userId, UIActionButtonContext.USER_DROPDOWN_ACTION);
}
