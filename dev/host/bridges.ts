import { generateKeyPairSync } from 'crypto';

import type { IProcessor, IOnetimeSchedule, IRecurringSchedule } from '@rocket.chat/apps-engine/definition/scheduler';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { IUser, IUserCreationOptions } from '@rocket.chat/apps-engine/definition/users';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';
import type { IRoom, IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';
import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import type { IDepartment } from '@rocket.chat/apps-engine/definition/livechat';
import {
    ApiBridge,
    AppActivationBridge,
    AppBridges,
    AppDetailChangesBridge,
    EnvironmentalVariableBridge,
    LivechatBridge,
    MessageBridge,
    PersistenceBridge,
    RoomBridge,
    SchedulerBridge,
    ServerSettingBridge,
    UserBridge,
} from '@rocket.chat/apps-engine/server/bridges';
import type { IInternalBridge } from '@rocket.chat/apps-engine/server/bridges/IInternalBridge';
import type { IInternalFederationBridge } from '@rocket.chat/apps-engine/server/bridges/IInternalFederationBridge';
import type { GetRoomsFilters, GetRoomsOptions } from '@rocket.chat/apps-engine/server/bridges/RoomBridge';
import type { AppApi } from '@rocket.chat/apps-engine/server/managers/AppApi';

import { toStoredAssociations } from '../workspace/persistenceCollection';
import type { Workspace } from '../workspace/workspace';

/** The engine's calls the host receives, for it to act on (routes, jobs) and for tests to watch. */
export interface HostEvents {
    apiRegistered(api: AppApi, appId: string): void;
    apisUnregistered(appId: string): void;
    processorsRegistered(processors: IProcessor[], appId: string): void;
    jobScheduled(job: IOnetimeSchedule, appId: string): Promise<string>;
    recurringJobScheduled(job: IRecurringSchedule, appId: string): Promise<string>;
    jobsCancelled(appId: string, jobId?: string): void;
}

class HostPersistenceBridge extends PersistenceBridge {
    constructor(private readonly workspace: Workspace) {
        super();
    }

    protected async purge(appId: string): Promise<void> {
        await this.workspace.persistence.purge(appId);
    }

    protected create(data: object, appId: string): Promise<string> {
        return this.workspace.persistence.create(appId, data);
    }

    protected createWithAssociations(data: object, associations: RocketChatAssociationRecord[], appId: string): Promise<string> {
        return this.workspace.persistence.create(appId, data, toStoredAssociations(associations));
    }

    protected async readById(id: string, appId: string): Promise<object> {
        return (await this.workspace.persistence.readById(appId, id)) as object;
    }

    protected readByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[]> {
        return this.workspace.persistence.readByAssociations(appId, toStoredAssociations(associations));
    }

    protected remove(id: string, appId: string): Promise<object | undefined> {
        return this.workspace.persistence.remove(appId, id);
    }

    protected removeByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[] | undefined> {
        return this.workspace.persistence.removeByAssociations(appId, toStoredAssociations(associations));
    }

    protected update(): Promise<string> {
        return this.workspace.persistence.update();
    }

    protected async updateByAssociations(
        associations: RocketChatAssociationRecord[],
        data: object,
        upsert: boolean,
        appId: string,
    ): Promise<string> {
        return (await this.workspace.persistence.updateByAssociations(appId, toStoredAssociations(associations), data, upsert)) as string;
    }
}

class HostApiBridge extends ApiBridge {
    constructor(private readonly events: HostEvents) {
        super();
    }

    protected async registerApi(api: AppApi, appId: string): Promise<void> {
        this.events.apiRegistered(api, appId);
    }

    protected async unregisterApis(appId: string): Promise<void> {
        this.events.apisUnregistered(appId);
    }
}

/** Rocket.Chat tells its clients about app changes here; the host has no clients to tell. */
class HostActivationBridge extends AppActivationBridge {
    protected async appAdded(): Promise<void> {}
    protected async appUpdated(): Promise<void> {}
    protected async appRemoved(): Promise<void> {}
    protected async actionsChanged(): Promise<void> {}
    protected async appStatusChanged(): Promise<void> {}
}

class HostServerSettingBridge extends ServerSettingBridge {
    constructor(private readonly workspace: Workspace) {
        super();
    }

    protected async getAll(): Promise<ISetting[]> {
        return [...this.workspace.serverSettings.keys()].map((id) => this.setting(id));
    }

    protected async getOneById(id: string): Promise<ISetting> {
        return this.setting(id);
    }

    protected async isReadableById(id: string): Promise<boolean> {
        return this.workspace.serverSettings.has(id);
    }

    protected async hideGroup(): Promise<void> {}
    protected async hideSetting(): Promise<void> {}
    protected async updateOne(setting: ISetting): Promise<void> {
        this.workspace.serverSettings.set(setting.id, setting.value);
    }
    protected async incrementValue(id: string, value: number): Promise<void> {
        this.workspace.serverSettings.set(id, Number(this.workspace.serverSettings.get(id) ?? 0) + value);
    }

    private setting(id: string): ISetting {
        const value = this.workspace.serverSettings.get(id);
        return {
            id,
            value,
            packageValue: value,
            type: typeof value === 'number' ? 'int' : typeof value === 'boolean' ? 'boolean' : 'string',
            required: false,
            public: false,
            i18nLabel: id,
        } as ISetting;
    }
}

/** Rooms as Rocket.Chat's room bridge serves them; `getAllRooms` pages at most 100, as the engine enforces. */
class HostRoomBridge extends RoomBridge {
    public getAllRoomsCalls = 0;
    public getByIdCalls = 0;
    /** Tests make the listing fail (a database outage) by answering an error for a page's `skip`. */
    public failListing?: (skip: number) => Error | undefined;

    constructor(private readonly workspace: Workspace) {
        super();
    }

    protected async getById(roomId: string): Promise<IRoom> {
        this.getByIdCalls++;
        const room = this.workspace.rooms.get(roomId);
        return (room ? this.workspace.convertRoom(room) : undefined) as IRoom;
    }

    protected async getAllRooms(filters: GetRoomsFilters, options: GetRoomsOptions): Promise<IRoomRaw[]> {
        this.getAllRoomsCalls++;
        const types = filters.types ?? [];
        const skip = options.skip ?? 0;
        const failure = this.failListing?.(skip);
        if (failure) {
            throw failure;
        }
        const limit = Math.min(options.limit ?? 100, 100);
        return [...this.workspace.rooms.values()]
            .filter((room) => types.length === 0 || types.includes(room.t as never))
            .slice(skip, skip + limit)
            .map((room) => this.workspace.convertRoomRaw(room));
    }

    protected getByName = unsupported;
    protected getCreatorById = unsupported;
    protected getCreatorByName = unsupported;
    protected getDirectByUsernames = unsupported;
    protected getMembers = unsupported;
    protected create = unsupported;
    protected update = unsupported;
    protected createDiscussion = unsupported;
    protected delete = unsupported;
    protected getModerators = unsupported;
    protected getOwners = unsupported;
    protected getLeaders = unsupported;
    protected getMessages = unsupported;
    protected removeUsers = unsupported;
    protected getUnreadByUser = unsupported;
    protected getUserUnreadMessageCount = unsupported;
}

/** Users, and the app user Rocket.Chat creates for every app on install. */
class HostUserBridge extends UserBridge {
    constructor(private readonly workspace: Workspace) {
        super();
    }

    protected async getById(id: string): Promise<IUser> {
        const user = this.workspace.users.get(id);
        return (user && this.workspace.convertUser(user)) as IUser;
    }

    protected async getByUsername(username: string): Promise<IUser> {
        const user = [...this.workspace.users.values()].find((candidate) => candidate.username === username);
        return (user && this.workspace.convertUser(user)) as IUser;
    }

    protected async getAppUser(appId?: string): Promise<IUser | undefined> {
        const user = this.workspace.users.get(`app-user-${appId}`);
        return user && this.workspace.convertUser(user);
    }

    protected async create(data: Partial<IUser>, appId: string, _options?: IUserCreationOptions): Promise<string> {
        const user = this.workspace.addUser({
            _id: `app-user-${appId}`,
            username: data.username ?? `${appId}.bot`,
            name: data.name ?? 'App',
            roles: data.roles ?? ['app'],
            type: 'app',
        });
        return user._id;
    }

    protected async remove(user: IUser): Promise<boolean> {
        return this.workspace.users.delete(user.id);
    }

    protected async getActiveUserCount(): Promise<number> {
        return [...this.workspace.users.values()].filter((user) => user.active).length;
    }

    protected getUserUnreadMessageCount = unsupported;
    protected getUserRoomIds = unsupported;
    protected update = unsupported;
    protected deleteUsersCreatedByApp = unsupported;
    protected deactivate = unsupported;
}

class HostSchedulerBridge extends SchedulerBridge {
    constructor(private readonly events: HostEvents) {
        super();
    }

    protected async registerProcessors(processors: IProcessor[], appId: string): Promise<string[]> {
        this.events.processorsRegistered(processors, appId);
        return processors.map((processor) => processor.id);
    }

    protected scheduleOnce(job: IOnetimeSchedule, appId: string): Promise<string> {
        return this.events.jobScheduled(job, appId);
    }

    protected scheduleRecurring(job: IRecurringSchedule, appId: string): Promise<string> {
        return this.events.recurringJobScheduled(job, appId);
    }

    protected async cancelJob(jobId: string, appId: string): Promise<void> {
        this.events.jobsCancelled(appId, jobId);
    }

    protected async cancelAllJobs(appId: string): Promise<void> {
        this.events.jobsCancelled(appId);
    }
}

/** Messages: the host keeps what apps show a user alone (ephemeral notifications). */
class HostMessageBridge extends MessageBridge {
    public readonly notifications: Array<{ userId: string; text: string }> = [];

    protected async notifyUser(user: IUser, message: IMessage): Promise<void> {
        this.notifications.push({ userId: user.id, text: message.text ?? '' });
    }

    protected create = unsupported;
    protected update = unsupported;
    protected notifyRoom = unsupported;
    protected typing = unsupported;
    protected getById = unsupported;
    protected delete = unsupported;
    protected addReaction = unsupported;
    protected removeReaction = unsupported;
}

class HostEnvironmentBridge extends EnvironmentalVariableBridge {
    protected async getValueByName(): Promise<string | undefined> {
        return undefined;
    }
    protected async isReadable(): Promise<boolean> {
        return false;
    }
    protected async isSet(): Promise<boolean> {
        return false;
    }
}

class HostDetailChangesBridge extends AppDetailChangesBridge {
    protected onAppSettingsChange(): void {}
}

export interface SigningKeys {
    publicKey: string;
    privateKey: string;
}

/** The workspace's RS512 key pair; it outlives engine restarts, or installed apps fail their signature check. */
export function generateSigningKeys(): SigningKeys {
    return generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
}

/** Hands the engine the key pair it signs installed apps with, as Rocket.Chat's federation bridge does. */
class HostFederationBridge implements IInternalFederationBridge {
    constructor(private readonly keys: SigningKeys) {}

    public async getPrivateKey(): Promise<string> {
        return this.keys.privateKey;
    }

    public async getPublicKey(): Promise<string> {
        return this.keys.publicKey;
    }
}

class HostInternalBridge implements IInternalBridge {
    public async doGetUsernamesOfRoomById(): Promise<string[]> {
        return [];
    }
    public doGetUsernamesOfRoomByIdSync(): string[] {
        return [];
    }
    public async doGetWorkspacePublicKey(): Promise<ISetting> {
        return { id: 'Cloud_Workspace_PublicKey', value: '', packageValue: '' } as ISetting;
    }
}

async function unsupported(): Promise<never> {
    throw new Error('Not provided by the Agent Service Time host');
}

/**
 * The livechat calls the app makes: departments, as Rocket.Chat's bridge answers them
 * (`findEnabledWithAgents`: enabled, with at least one agent). The engine checks the app's
 * permission before each call (`doFind...` of the base class). The bridge's other calls are not in
 * this host: it extends the base class without its abstract members, and would throw on them.
 */
const LivechatBridgeBase = LivechatBridge as unknown as new () => object;
class HostLivechatBridge extends LivechatBridgeBase {
    constructor(private readonly workspace: Workspace) {
        super();
    }

    protected async findDepartmentsEnabledWithAgents(): Promise<IDepartment[]> {
        return [...this.workspace.departments.values()]
            .filter((department) => department.enabled && department.numAgents > 0)
            .map((department) => this.workspace.convertDepartment(department));
    }

    protected async findDepartmentByIdOrName(value: string): Promise<IDepartment | undefined> {
        const department = [...this.workspace.departments.values()].find(
            (candidate) => candidate._id === value || candidate.name === value,
        );
        return department && this.workspace.convertDepartment(department);
    }
}

/** Bridges of features this app does not touch: every call answers nothing, as on a workspace without them. */
function absentBridge<T>(): T {
    return new Proxy({}, { get: () => async () => undefined }) as T;
}

export class HostBridges extends AppBridges {
    public readonly persistence: HostPersistenceBridge;
    private readonly activation = new HostActivationBridge();
    public readonly rooms: HostRoomBridge;
    public readonly messages = new HostMessageBridge();
    private readonly api: HostApiBridge;
    private readonly serverSettings: HostServerSettingBridge;
    private readonly users: HostUserBridge;
    private readonly scheduler: HostSchedulerBridge;
    private readonly environment = new HostEnvironmentBridge();
    private readonly detailChanges = new HostDetailChangesBridge();
    private readonly federation: HostFederationBridge;
    private readonly internal = new HostInternalBridge();
    private readonly livechat: HostLivechatBridge;

    constructor(workspace: Workspace, events: HostEvents, keys: SigningKeys) {
        super();
        this.federation = new HostFederationBridge(keys);
        this.persistence = new HostPersistenceBridge(workspace);
        this.rooms = new HostRoomBridge(workspace);
        this.api = new HostApiBridge(events);
        this.serverSettings = new HostServerSettingBridge(workspace);
        this.users = new HostUserBridge(workspace);
        this.scheduler = new HostSchedulerBridge(events);
        this.livechat = new HostLivechatBridge(workspace);
    }

    public getPersistenceBridge = () => this.persistence;
    public getApiBridge = () => this.api;
    public getAppActivationBridge = () => this.activation;
    public getServerSettingBridge = () => this.serverSettings;
    public getRoomBridge = () => this.rooms;
    public getUserBridge = () => this.users;
    public getSchedulerBridge = () => this.scheduler;
    public getEnvironmentalVariableBridge = () => this.environment;
    public getAppDetailChangesBridge = () => this.detailChanges;
    public getInternalFederationBridge = () => this.federation;
    public getInternalBridge = () => this.internal;
    public getMessageBridge = () => this.messages;

    public getCommandBridge = () => absentBridge<ReturnType<AppBridges['getCommandBridge']>>();
    public getContactBridge = () => absentBridge<ReturnType<AppBridges['getContactBridge']>>();
    public getHttpBridge = () => absentBridge<ReturnType<AppBridges['getHttpBridge']>>();
    public getListenerBridge = () => absentBridge<ReturnType<AppBridges['getListenerBridge']>>();
    public getLivechatBridge = () => this.livechat as unknown as LivechatBridge;
    public getUploadBridge = () => absentBridge<ReturnType<AppBridges['getUploadBridge']>>();
    public getEmailBridge = () => absentBridge<ReturnType<AppBridges['getEmailBridge']>>();
    public getUiInteractionBridge = () => absentBridge<ReturnType<AppBridges['getUiInteractionBridge']>>();
    public getCloudWorkspaceBridge = () => absentBridge<ReturnType<AppBridges['getCloudWorkspaceBridge']>>();
    public getVideoConferenceBridge = () => absentBridge<ReturnType<AppBridges['getVideoConferenceBridge']>>();
    public getOAuthAppsBridge = () => absentBridge<ReturnType<AppBridges['getOAuthAppsBridge']>>();
    public getModerationBridge = () => absentBridge<ReturnType<AppBridges['getModerationBridge']>>();
    public getThreadBridge = () => absentBridge<ReturnType<AppBridges['getThreadBridge']>>();
    public getRoleBridge = () => absentBridge<ReturnType<AppBridges['getRoleBridge']>>();
    public getOutboundMessageBridge = () => absentBridge<ReturnType<AppBridges['getOutboundMessageBridge']>>();
    public getExperimentalBridge = () => absentBridge<ReturnType<AppBridges['getExperimentalBridge']>>();
}
