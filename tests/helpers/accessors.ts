import type {
    IAppAccessors,
    IHttp,
    ILogger,
    IModify,
    IPersistence,
    IPersistenceRead,
    IRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest } from '@rocket.chat/apps-engine/definition/api';
import { RequestMethod } from '@rocket.chat/apps-engine/definition/accessors';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';

import { appPersistence } from '../../dev/workspace/appPersistence';
import { Workspace } from '../../dev/workspace/workspace';
import { AgentServiceTimeApp } from '../../AgentServiceTimeApp';
import { appSettings } from '../../lib/settings/appSettings';
import appJson from '../../app.json';

/**
 * The accessors the engine hands an app, over an in-memory workspace whose persistence behaves as
 * Rocket.Chat's. `serverSettingsReadable: false` stands for an app without `server-setting.read`.
 */
export class InMemoryAccessors {
    public readonly appSettings = new Map<string, unknown>(appSettings.map((setting) => [setting.id, setting.packageValue]));
    public readonly logLines: string[] = [];

    constructor(
        public readonly workspace = new Workspace(),
        public readonly appId = appJson.id,
        public serverSettingsReadable = true,
    ) {}

    public get persistenceReader(): IPersistenceRead {
        return appPersistence(this.workspace.persistence, this.appId).reader;
    }

    public get persistence(): IPersistence {
        return appPersistence(this.workspace.persistence, this.appId).writer;
    }

    public get read(): IRead {
        const serverSettings = {
            getValueById: async (id: string) => {
                // As the engine's ServerSettingRead: an unreadable or unknown setting throws.
                if (!this.serverSettingsReadable || !this.workspace.serverSettings.has(id)) {
                    throw new Error(`No Server Setting found, or it is unaccessible, by the id of "${id}".`);
                }
                return this.workspace.serverSettings.get(id);
            },
        };
        const settings = { getValueById: async (id: string) => this.appSettings.get(id) };
        return {
            getPersistenceReader: () => this.persistenceReader,
            getEnvironmentReader: () => ({ getSettings: () => settings, getServerSettings: () => serverSettings }),
        } as unknown as IRead;
    }

    public get logger(): ILogger {
        const log = (...args: unknown[]) => this.logLines.push(args.map(String).join(' '));
        return { debug: log, info: log, log, warn: log, error: log, success: log } as unknown as ILogger;
    }

    public createApp(): AgentServiceTimeApp {
        return new AgentServiceTimeApp(appJson as unknown as IAppInfo, this.logger, {} as IAppAccessors);
    }

    /** A GET as Rocket.Chat hands it to the endpoint: Express's query, the caller converted to an IUser. */
    public getRequest(query: Record<string, unknown>, callerId?: string): IApiRequest {
        const caller = callerId ? this.workspace.user(callerId) : undefined;
        return {
            method: RequestMethod.GET,
            headers: {},
            query: query as Record<string, string>,
            params: {},
            content: {},
            ...(caller && { user: this.workspace.convertUser(caller) }),
        };
    }

    public readonly endpointInfo = { basePath: '', fullPath: '', appId: this.appId } as IApiEndpointInfo;
    public readonly modify = {} as IModify;
    public readonly http = {} as IHttp;
}
