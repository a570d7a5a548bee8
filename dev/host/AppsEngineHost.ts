import AdmZip from 'adm-zip';
import express from 'express';
import * as fs from 'fs';
import type { AddressInfo } from 'net';
import type { Server } from 'http';
import * as os from 'os';
import * as path from 'path';

import type { IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import type { RequestMethod } from '@rocket.chat/apps-engine/definition/accessors';
import { AppStatus, AppStatusUtils } from '@rocket.chat/apps-engine/definition/AppStatus';
import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';
import type { IOnetimeSchedule, IProcessor, IRecurringSchedule } from '@rocket.chat/apps-engine/definition/scheduler';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';
import { SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';
import { AppManager } from '@rocket.chat/apps-engine/server/AppManager';
import type { AppApi } from '@rocket.chat/apps-engine/server/managers/AppApi';

import { Workspace } from '../workspace/workspace';
import type { HostEvents } from './bridges';
import { generateSigningKeys, HostBridges } from './bridges';
import { assertDenoReady, DENO_LAUNCHER_DIR } from './deno';
import { MemoryLogStorage, MemoryMetadataStorage, MemorySourceStorage } from './storage';

export interface HostOptions {
    /** Port for the HTTP server on 127.0.0.1; 0 picks a free one. */
    port?: number;
    workspace?: Workspace;
    /** Echo the app's log lines. */
    printAppLogs?: boolean;
}

/** A one-time job the app scheduled, as Rocket.Chat's Agenda would keep it. */
interface ScheduledJob {
    id: string;
    appId: string;
    processorId: string;
    runAt: number;
    data?: object;
    timer?: NodeJS.Timeout;
    /** For recurring jobs: ms between runs. */
    everyMs?: number;
    running?: boolean;
}

/**
 * Rocket.Chat's side of the Apps-Engine, without Rocket.Chat: the real `AppManager` (apps run in
 * its Deno subprocess), bridges over an in-memory workspace, and an HTTP server that serves app
 * endpoints the way Rocket.Chat does (`/api/apps/public/<appId>/<path>`, Express's header and query
 * parsing, callers from `X-User-Id` / `X-Auth-Token`, the 401 of `authRequired` routes).
 */
export class AppsEngineHost {
    public readonly workspace: Workspace;
    public manager!: AppManager;
    public bridges!: HostBridges;
    public baseUrl = '';
    public readonly logs: MemoryLogStorage;

    private readonly metadata = new MemoryMetadataStorage();
    private readonly signingKeys = generateSigningKeys();
    private readonly sources = new MemorySourceStorage();
    private readonly tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-host-'));
    private readonly routes = new Map<string, Map<string, AppApi>>();
    private readonly processors = new Map<string, Map<string, IProcessor>>();
    private readonly jobs = new Map<string, ScheduledJob>();
    private jobSequence = 0;
    private runningJobs = 0;
    private jobsPaused = false;
    private server?: Server;

    private constructor(private readonly options: HostOptions) {
        this.workspace = options.workspace ?? new Workspace();
        this.logs = new MemoryLogStorage(options.printAppLogs);
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
        await host.listen(options.port ?? 0);
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
        await this.manager.update(zip, info.permissions as IPermission[]);
    }

    public async status(appId: string): Promise<AppStatus | undefined> {
        return this.manager.getOneById(appId)?.getStatus();
    }

    public async isEnabled(appId: string): Promise<boolean> {
        const status = await this.status(appId);
        return status !== undefined && AppStatusUtils.isEnabled(status);
    }

    public async disable(appId: string): Promise<void> {
        await this.manager.disable(appId, AppStatus.MANUALLY_DISABLED);
    }

    public async enable(appId: string): Promise<void> {
        await this.manager.enable(appId);
    }

    public async setAppSetting(appId: string, id: string, value: unknown): Promise<void> {
        const setting = this.manager.getSettingsManager().getAppSetting(appId, id) as ISetting;
        await this.manager.getSettingsManager().updateAppSetting(appId, { ...setting, value });
    }

    /** Rocket.Chat closes the room, then hands apps the converted room in `IPostLivechatRoomClosed`. */
    public async closeRoom(roomId: string, at: Date): Promise<void> {
        const room = this.workspace.closeRoom(roomId, at);
        await this.manager.getListenerManager().executeListener(AppInterface.IPostLivechatRoomClosed, this.workspace.convertRoom(room));
    }

    /**
     * A user types `/<command> <args>` in a room: Rocket.Chat hands the engine the sender, the room
     * and the words. Answers what the app showed that user alone while it ran.
     */
    public async runSlashCommand(command: string, senderId: string, args: string[]): Promise<string[]> {
        const sender = this.workspace.convertUser(this.workspace.user(senderId));
        const room = { id: 'GENERAL', type: RoomType.CHANNEL, slugifiedName: 'general', displayName: 'general', usernames: [], creator: sender } as unknown as IRoom;
        const before = this.bridges.messages.notifications.length;
        await this.manager.getCommandManager().executeCommand(command, new SlashCommandContext(sender, room, args));
        return this.bridges.messages.notifications.slice(before).filter((note) => note.userId === senderId).map((note) => note.text);
    }

    /**
     * A server restart: the jobs running now finish, the Deno processes stop and a new engine loads
     * the installed apps from storage. Scheduled jobs survive, as Agenda keeps them in MongoDB, and
     * run once the apps are back.
     */
    public async restartEngine(): Promise<void> {
        this.jobsPaused = true;
        for (const job of this.jobs.values()) {
            clearTimeout(job.timer);
        }
        await this.jobsFinished();
        for (const app of await this.manager.get()) {
            await app.getRuntimeController().stopApp();
        }
        this.routes.clear();
        this.processors.clear();
        await this.startEngine();
        this.jobsPaused = false;
        for (const job of this.jobs.values()) {
            this.arm(job);
        }
    }

    public async stop(): Promise<void> {
        this.cancelJobs();
        await this.jobsFinished();
        if (this.manager) {
            for (const app of await this.manager.get()) {
                await app.getRuntimeController().stopApp();
            }
        }
        (AppManager as unknown as { Instance?: AppManager }).Instance = undefined;
        await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
        fs.rmSync(this.tempDir, { recursive: true, force: true });
    }

    public url(appId: string, endpointPath: string): string {
        return `${this.baseUrl}/api/apps/public/${appId}/${endpointPath}`;
    }

    private installer() {
        return this.workspace.users.get('host-admin') ?? this.workspace.addUser({ _id: 'host-admin', username: 'host.admin', name: 'Host admin', roles: ['admin'] });
    }

    private async startEngine(): Promise<void> {
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
            jobScheduled: async (job, appId) => this.schedule(job, appId),
            recurringJobScheduled: async (job, appId) => this.scheduleRecurring(job, appId),
            jobsCancelled: (appId, jobId) => this.cancelJobs(appId, jobId),
        };
    }

    /** Runs a one-time job when it is due, as Agenda does, handing the processor the job's data. */
    private schedule(job: IOnetimeSchedule, appId: string): string {
        const when = typeof job.when === 'string' ? Date.parse(job.when) : job.when instanceof Date ? job.when.getTime() : Date.now();
        return this.enqueue({ appId, processorId: job.id, runAt: Number.isNaN(when) ? Date.now() : when, data: job.data });
    }

    /** Runs a recurring job every interval, one run at a time, as Agenda's lock does. */
    private scheduleRecurring(job: IRecurringSchedule, appId: string): string {
        const everyMs = parseInterval(job.interval);
        return this.enqueue({ appId, processorId: job.id, runAt: job.skipImmediate ? Date.now() + everyMs : Date.now(), data: job.data, everyMs });
    }

    private enqueue(job: Omit<ScheduledJob, 'id'>): string {
        const scheduled: ScheduledJob = { ...job, id: `job-${++this.jobSequence}` };
        this.jobs.set(scheduled.id, scheduled);
        this.arm(scheduled);
        return scheduled.id;
    }

    private async jobsFinished(): Promise<void> {
        while (this.runningJobs > 0) {
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
    }

    /** Runs the app's recurring jobs now (and waits for them), instead of at their next tick. */
    public async runRecurringJobsNow(appId: string): Promise<void> {
        const due = [...this.jobs.values()].filter((job) => job.appId === appId && job.everyMs !== undefined);
        for (const job of due) {
            clearTimeout(job.timer);
            while (job.running) {
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
            await this.runJob(job);
        }
    }

    private arm(job: ScheduledJob): void {
        if (this.jobsPaused) {
            return; // armed again once the engine is back
        }
        job.timer = setTimeout(() => void this.runJob(job), Math.max(0, job.runAt - Date.now()));
    }

    private async runJob(job: ScheduledJob): Promise<void> {
        if (job.everyMs === undefined) {
            this.jobs.delete(job.id);
        }
        const processor = this.processors.get(job.appId)?.get(job.processorId);
        if (!processor || job.running) {
            return;
        }
        this.runningJobs++;
        job.running = true;
        try {
            await processor.processor({ ...(job.data ?? {}) } as never, undefined as never, undefined as never, undefined as never, undefined as never);
        } catch (error) {
            console.error(`Job ${job.processorId} of app ${job.appId} failed:`, error);
        } finally {
            this.runningJobs--;
            job.running = false;
            if (job.everyMs !== undefined && this.jobs.has(job.id)) {
                job.runAt = Date.now() + job.everyMs;
                this.arm(job);
            }
        }
    }

    private cancelJobs(appId?: string, jobId?: string): void {
        for (const job of [...this.jobs.values()]) {
            if ((appId === undefined || job.appId === appId) && (jobId === undefined || job.id === jobId || job.processorId === jobId)) {
                clearTimeout(job.timer);
                this.jobs.delete(job.id);
            }
        }
    }

    private async listen(port: number): Promise<void> {
        const app = express();
        app.use(express.json());
        app.all('/api/apps/public/:appId/*', (req, res) => {
            void this.serveAppEndpoint(req, res);
        });
        await new Promise<void>((resolve) => {
            this.server = app.listen(port, '127.0.0.1', () => resolve());
        });
        const address = this.server?.address() as AddressInfo;
        this.baseUrl = `http://127.0.0.1:${address.port}`;
    }

    private async serveAppEndpoint(req: express.Request, res: express.Response): Promise<void> {
        const appId = req.params.appId;
        const endpointPath = (req.params as Record<string, string>)[0];
        const route = this.routes.get(appId)?.get(endpointPath);
        if (!route) {
            res.status(404).json({ success: false, error: 'Not found' });
            return;
        }
        const caller = this.workspace.userByLogin(req.header('x-user-id'), req.header('x-auth-token'));
        if (route.endpoint.authRequired && !caller) {
            res.status(401).json({ status: 'error', message: 'You must be logged in to do this.' });
            return;
        }
        const request: IApiRequest = {
            method: req.method.toLowerCase() as RequestMethod,
            headers: req.headers as Record<string, string>,
            query: req.query as Record<string, string>,
            params: {},
            content: req.body,
            ...(caller && { user: this.workspace.convertUser(caller) }),
        };
        try {
            const answer: IApiResponse = await this.manager.getApiManager().executeApi(appId, endpointPath, request);
            res.set(answer.headers ?? {});
            res.status(answer.status);
            res.send(answer.content);
        } catch (error) {
            // Rocket.Chat answers an exception from an app endpoint with a 500.
            res.status(500).send(error instanceof Error ? error.message : String(error));
        }
    }
}

/** Agenda's intervals as apps write them: ms, or `N seconds` / `N minutes` / `N hours`. */
function parseInterval(interval: string | number): number {
    if (typeof interval === 'number') {
        return interval;
    }
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?)\s*$/i.exec(interval);
    if (!match) {
        throw new Error(`This host does not read the interval "${interval}"`);
    }
    const unit = match[2].toLowerCase();
    const factor = unit.startsWith('h') ? 3_600_000 : unit === 'ms' || unit.startsWith('milli') ? 1 : unit.startsWith('m') ? 60_000 : 1_000;
    return Number(match[1]) * factor;
}

export function readZipAppInfo(zip: Buffer): IAppInfo {
    const entry = new AdmZip(zip).getEntry('app.json');
    if (!entry) {
        throw new Error('The zip holds no app.json');
    }
    return JSON.parse(entry.getData().toString('utf8')) as IAppInfo;
}
