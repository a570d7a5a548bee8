import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { AppStatus, AppStatusUtils } from '@rocket.chat/apps-engine/definition/AppStatus';
import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';
import type { IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';
import { SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';
import type { IUIActionButtonDescriptor, UIActionButtonContext } from '@rocket.chat/apps-engine/definition/ui';
import type { IUIKitIncomingInteraction, IUIKitResponse } from '@rocket.chat/apps-engine/definition/uikit';
import { AppManager } from '@rocket.chat/apps-engine/server/AppManager';
import type { AppApi } from '@rocket.chat/apps-engine/server/managers/AppApi';

import { readZipAppInfo } from '../package';
import { Workspace } from '../workspace/workspace';
import type { HostEvents } from './bridges';
import { generateSigningKeys, HostBridges } from './bridges';
import { assertDenoReady, DENO_LAUNCHER_DIR } from './deno';
import { guardDenoPipes } from './denoPipes';
import type { HttpFront } from './httpFront';
import { listen } from './httpFront';
import { LivechatRouting } from './livechatRouting';
import { loginPage } from './loginPage';
import { JobScheduler } from './jobScheduler';
import { MemoryLogStorage, MemoryMetadataStorage, MemorySourceStorage } from './storage';

export interface HostOptions {
    /** Port for the HTTP server on 127.0.0.1; 0 picks a free one. */
    port?: number;
    workspace?: Workspace;
    /** Echo the app's log lines. */
    printAppLogs?: boolean;
    /** Print a job that throws, as Rocket.Chat's log would show it (the playground does; tests read `jobFailures`). */
    printJobFailures?: boolean;
}

/**
 * The version of the engine this host runs: the project's @rocket.chat/apps-engine, or the matrix
 * engine that jest maps it to (AST_ENGINE, jest.config.js).
 */
export function engineVersion(): string {
    const manifest = require.resolve('@rocket.chat/apps-engine/package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * Rocket.Chat's side of the Apps-Engine, without Rocket.Chat: the real `AppManager`'s lifecycle
 * (apps run in its Deno subprocess) over an in-memory workspace, with Agenda's job scheduling
 * (`jobScheduler.ts`) and Rocket.Chat's HTTP front for app endpoints (`httpFront.ts`).
 */
export class AppsEngineHost {
    public readonly workspace: Workspace;
    public manager!: AppManager;
    public bridges!: HostBridges;
    public baseUrl = '';
    public readonly logs: MemoryLogStorage;
    /** Where the login page sends a user once logged in (the playground points it at the dashboard). */
    public landingPage: string | undefined;
    /** Chats moving between agents, with the events Rocket.Chat fires (`livechatRouting.ts`). */
    public readonly routing: LivechatRouting;

    private readonly metadata = new MemoryMetadataStorage();
    private readonly signingKeys = generateSigningKeys();
    private readonly sources = new MemorySourceStorage();
    private readonly tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-host-'));
    private readonly routes = new Map<string, Map<string, AppApi>>();
    private readonly processors = new Map<string, Map<string, IProcessor>>();
    private readonly scheduler: JobScheduler;
    private http?: HttpFront;

    private constructor(private readonly options: HostOptions) {
        this.workspace = options.workspace ?? new Workspace();
        this.logs = new MemoryLogStorage(options.printAppLogs);
        this.scheduler = new JobScheduler((appId, processorId) => this.processors.get(appId)?.get(processorId), options.printJobFailures);
        this.routing = new LivechatRouting(this.workspace, (event, payload) =>
            // The engine types each listener's payload; the routing builds them as Rocket.Chat's bridge does.
            this.manager.getListenerManager().executeListener(event as AppInterface.IPostLivechatAgentAssigned, payload as never),
        );
    }

    public static async start(options: HostOptions = {}): Promise<AppsEngineHost> {
        assertDenoReady();
        if (process.env.NODE_ENV === 'test') {
            // The engine grants every permission under NODE_ENV=test (which jest sets): the host
            // checks them as a workspace does.
            process.env.NODE_ENV = 'production';
        }
        if (!process.env.PATH?.startsWith(DENO_LAUNCHER_DIR)) {
            // The engine spawns the literal command `deno`, found on PATH.
            process.env.PATH = `${DENO_LAUNCHER_DIR}${path.delimiter}${process.env.PATH ?? ''}`;
        }
        const host = new AppsEngineHost(options);
        await host.startEngine();
        host.http = await listen(
            options.port ?? 0,
            {
                route: (appId, endpointPath) => host.routes.get(appId)?.get(endpointPath),
                caller: (userId, authToken) => {
                    const user = host.workspace.userByLogin(userId, authToken);
                    return user && host.workspace.convertUser(user);
                },
                execute: (appId, endpointPath, request) => host.manager.getApiManager().executeApi(appId, endpointPath, request),
            },
            loginPage({
                users: () =>
                    [...host.workspace.users.values()]
                        .filter((user) => user.authToken !== undefined && user.active)
                        .map((user) => ({
                            userId: user._id,
                            username: user.username,
                            name: user.name,
                            roles: user.roles,
                            authToken: user.authToken as string,
                        })),
                landing: () => host.landingPage,
            }),
        ).catch(async (error: unknown) => {
            await host.stop(); // no engine left running behind a host that could not serve
            throw error;
        });
        host.baseUrl = host.http.baseUrl;
        // The workspace's own address, which apps read to build links (the dashboard's, for one).
        host.workspace.serverSettings.set('Site_Url', host.baseUrl);
        return host;
    }

    /** Installs and enables a packaged app, granting exactly the permissions its app.json asks for. */
    public async install(zipPath: string, options: { withoutPermissions?: string[] } = {}): Promise<IAppInfo> {
        const zip = fs.readFileSync(zipPath);
        const info = readZipAppInfo(zip);
        const withheld = new Set(options.withoutPermissions ?? []);
        const fulfillment = await this.manager.add(zip, {
            enable: true,
            user: this.workspace.convertUser(this.installer()),
            permissionsGranted: (info.permissions as IPermission[]).filter((permission) => !withheld.has(permission.name)),
        });
        const app = fulfillment.getApp();
        if (!app || !(await this.isEnabled(info.id))) {
            const why = fulfillment.getStorageError() || fulfillment.getAppUserError() || `status ${app ? await app.getStatus() : 'none'}`;
            throw new Error(`Install of ${zipPath} failed: ${JSON.stringify(why)}`);
        }
        return info;
    }

    /** Installs a newer zip over an installed app, as an admin's update does. */
    public async update(zipPath: string): Promise<void> {
        const zip = fs.readFileSync(zipPath);
        const info = readZipAppInfo(zip);
        // The update replaces the app's process: a job still running in it would wait out the
        // engine's 30 s timeout. An admin's click lands between job runs; so does this host's.
        await this.whileJobsPaused(() => this.manager.update(zip, info.permissions as IPermission[]));
    }

    public async status(appId: string): Promise<AppStatus | undefined> {
        return this.manager.getOneById(appId)?.getStatus();
    }

    public async isEnabled(appId: string): Promise<boolean> {
        const status = await this.status(appId);
        return status !== undefined && AppStatusUtils.isEnabled(status);
    }

    public async disable(appId: string): Promise<void> {
        await this.whileJobsPaused(() => this.manager.disable(appId, AppStatus.MANUALLY_DISABLED));
    }

    public async enable(appId: string): Promise<void> {
        await this.manager.enable(appId);
    }

    public async setAppSetting(appId: string, id: string, value: unknown): Promise<void> {
        const setting = this.manager.getSettingsManager().getAppSetting(appId, id) as ISetting;
        await this.manager.getSettingsManager().updateAppSetting(appId, { ...setting, value });
    }

    /**
     * Rocket.Chat closes the room, then hands apps the converted room in `IPostLivechatRoomClosed`
     * (by the serving agent, or with `closer` the visitor).
     */
    public async closeRoom(roomId: string, at: Date, closer: 'user' | 'visitor' = 'user'): Promise<void> {
        const room = this.workspace.closeRoom(roomId, at, closer);
        await this.manager.getListenerManager().executeListener(AppInterface.IPostLivechatRoomClosed, this.workspace.convertRoom(room));
    }

    /** Rocket.Chat's eraseRoom: the room is gone, then apps get `IPostRoomDeleted` with the converted room. */
    public async deleteRoom(roomId: string): Promise<void> {
        const room = this.workspace.room(roomId);
        this.workspace.rooms.delete(roomId);
        await this.manager.getListenerManager().executeListener(AppInterface.IPostRoomDeleted, this.workspace.convertRoom(room));
    }

    /**
     * A user types `/<command> <args>` in a room: Rocket.Chat hands the engine the sender, the room
     * and the words. Answers what the app showed that user alone while it ran.
     */
    public async runSlashCommand(command: string, senderId: string, args: string[]): Promise<string[]> {
        const sender = this.workspace.convertUser(this.workspace.user(senderId));
        const room = {
            id: 'GENERAL',
            type: RoomType.CHANNEL,
            slugifiedName: 'general',
            displayName: 'general',
            usernames: [],
            creator: sender,
        } as unknown as IRoom;
        const before = this.bridges.messages.notifications.length;
        await this.manager.getCommandManager().executeCommand(command, new SlashCommandContext(sender, room, args));
        return this.bridges.messages.notifications
            .slice(before)
            .filter((note) => note.userId === senderId)
            .map((note) => note.text);
    }

    /** The paths of the endpoints an app registered, as Rocket.Chat routes them under `/api/apps/public/<appId>/`. */
    public endpointPaths(appId: string): string[] {
        return [...(this.routes.get(appId)?.keys() ?? [])];
    }

    /** The action buttons an app registered, as Rocket.Chat's client would list them. */
    public actionButtons(appId: string): IUIActionButtonDescriptor[] {
        return [...(this.manager.getUIActionButtonManager().getAppActionButtons(appId)?.values() ?? [])];
    }

    /**
     * A user clicks an app's action button (in the user menu): Rocket.Chat hands the engine a UIKit
     * `actionButton` interaction with the converted user, and shows what the app answers.
     */
    public async clickActionButton(
        appId: string,
        actionId: string,
        userId: string,
        context: UIActionButtonContext,
    ): Promise<IUIKitResponse> {
        return this.interact(appId, actionId, userId, { type: 'actionButton', payload: { context } });
    }

    /** A user clicks a button of a dialog the app opened: Rocket.Chat hands the engine a UIKit `blockAction`. */
    public async clickBlockButton(appId: string, actionId: string, blockId: string, userId: string): Promise<IUIKitResponse> {
        return this.interact(appId, actionId, userId, {
            type: 'blockAction',
            payload: { blockId, value: undefined },
            container: { type: 'view', id: 'dialog' },
        });
    }

    /** A UIKit interaction of a user with an app, as Rocket.Chat's client reports it. */
    private async interact(appId: string, actionId: string, userId: string, interaction: Record<string, unknown>): Promise<IUIKitResponse> {
        return this.manager.getListenerManager().executeListener(AppInterface.IUIKitInteractionHandler, {
            appId,
            actionId,
            triggerId: `trigger-${Date.now()}`,
            user: this.workspace.convertUser(this.workspace.user(userId)),
            ...interaction,
        } as unknown as IUIKitIncomingInteraction) as Promise<IUIKitResponse>;
    }

    /**
     * A server restart: the jobs running now finish, the Deno processes stop and a new engine loads
     * the installed apps from storage. Scheduled jobs survive, as Agenda keeps them in MongoDB, and
     * run once the apps are back.
     */
    public async restartEngine(): Promise<void> {
        await this.http?.drain();
        await this.scheduler.pause();
        await this.stopAppProcesses();
        this.routes.clear();
        this.processors.clear();
        await this.startEngine();
        this.scheduler.resume();
    }

    /** Requests to app endpoints being served now. */
    public get requestsInFlight(): number {
        return this.http?.inFlight() ?? 0;
    }

    public async stop(): Promise<void> {
        // Requests still being served first, while the app runs, and no new one: stopped under a
        // request, the engine would time it out 30 s later and log it after the caller stopped listening.
        await this.http?.close();
        this.http = undefined;
        // Livechat events still being handled, likewise.
        await this.routing.settle();
        // Paused first: a job running now may schedule its next batch, which must not start once
        // the app's process is stopped (it would wait out the engine's 30 s timeout after the run).
        await this.scheduler.pause();
        this.scheduler.cancel();
        if (this.manager) {
            await this.stopAppProcesses();
        }
        (AppManager as unknown as { Instance?: AppManager }).Instance = undefined;
        fs.rmSync(this.tempDir, { recursive: true, force: true });
    }

    private async stopAppProcesses(): Promise<void> {
        for (const app of await this.manager.get()) {
            // Engines before 1.57 name the controller getDenoRuntime() (the version matrix runs them).
            const legacy = app as unknown as { getDenoRuntime?: () => { stopApp(): Promise<void> } };
            await (legacy.getDenoRuntime ? legacy.getDenoRuntime() : app.getRuntimeController()).stopApp();
        }
    }

    public url(appId: string, endpointPath: string): string {
        return `${this.baseUrl}/api/apps/public/${appId}/${endpointPath}`;
    }

    private installer() {
        return (
            this.workspace.users.get('host-admin') ??
            this.workspace.addUser({ _id: 'host-admin', username: 'host.admin', name: 'Host admin', roles: ['admin'] })
        );
    }

    private async startEngine(): Promise<void> {
        guardDenoPipes();
        (AppManager as unknown as { Instance?: AppManager }).Instance = undefined;
        this.bridges = new HostBridges(this.workspace, this.hostEvents(), this.signingKeys);
        this.manager = new AppManager({
            metadataStorage: this.metadata,
            logStorage: this.logs,
            bridges: this.bridges,
            sourceStorage: this.sources,
            tempFilePath: this.tempDir,
        });
        await this.manager.load();
        // Rocket.Chat's start-up: load the installed apps, then enable those that were enabled.
        await this.manager.enableAll();
    }

    private hostEvents(): HostEvents {
        return {
            apiRegistered: (api, appId) => {
                const appRoutes = this.routes.get(appId) ?? new Map<string, AppApi>();
                appRoutes.set(api.endpoint.path, api);
                this.routes.set(appId, appRoutes);
            },
            apisUnregistered: (appId) => this.routes.delete(appId),
            processorsRegistered: (processors, appId) => {
                this.processors.set(appId, new Map(processors.map((processor) => [processor.id, processor])));
            },
            jobScheduled: async (job, appId) => this.scheduler.schedule(job, appId),
            recurringJobScheduled: async (job, appId) => this.scheduler.scheduleRecurring(job, appId),
            jobsCancelled: (appId, jobId) => this.scheduler.cancel(appId, jobId),
        };
    }

    /** Runs the app's recurring jobs now (and waits for them), instead of at their next tick. */
    public async runRecurringJobsNow(appId: string): Promise<void> {
        await this.scheduler.runRecurringNow(appId);
    }

    /** Holds the app's jobs (a running one finishes first) while `operation` runs: updates, and benches that count one request's reads. */
    public async whileJobsPaused<T>(operation: () => Promise<T>): Promise<T> {
        await this.scheduler.pause();
        try {
            return await operation();
        } finally {
            this.scheduler.resume();
        }
    }

    /** Jobs that threw, as Rocket.Chat would log them. */
    public get jobFailures(): readonly string[] {
        return this.scheduler.failures;
    }
}
