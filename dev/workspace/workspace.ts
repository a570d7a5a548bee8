import type { IDepartment, ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import type { IRoomRaw } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser, UserType } from '@rocket.chat/apps-engine/definition/users';
import { UserStatusConnection } from '@rocket.chat/apps-engine/definition/users';

import { PersistenceCollection } from './persistenceCollection';

/** A user document as Rocket.Chat stores it (the fields this workspace needs). */
export interface UserDocument {
    _id: string;
    username: string;
    name: string;
    roles: string[];
    type: 'user' | 'app' | 'bot';
    active: boolean;
    createdAt: Date;
    /** The login token a REST caller sends as `X-Auth-Token`. */
    authToken?: string;
    /** The user's language preference (`settings.preferences.language`). */
    language?: string;
}

/** A livechat department as Rocket.Chat stores it (`rocketchat_livechat_department`), the fields apps see. */
export interface DepartmentDocument {
    _id: string;
    name: string;
    enabled: boolean;
    numAgents: number;
}

/** A livechat room document as Rocket.Chat stores it in `rocketchat_room`. */
export interface LivechatRoomDocument {
    _id: string;
    t: 'l';
    fname: string;
    ts: Date;
    _updatedAt: Date;
    open?: true;
    departmentId?: string;
    v: { _id: string; username: string; token: string };
    servedBy?: { _id: string; username: string; ts: Date };
    closedAt?: Date;
    closer?: 'user' | 'visitor';
    closedBy?: { _id: string; username: string };
    metrics?: { chatDuration?: number; serviceTimeDuration?: number; response?: { ft: number; fd: Date } };
    msgs: number;
    onHold?: true;
    /** The visitor's survey as `livechat/room.survey` stores it: '1' to '5' per question, free text under `additionalFeedback`. */
    surveyFeedback?: Record<string, string>;
}

export const DEFAULT_SERVER_SETTINGS: ReadonlyArray<[string, unknown]> = [
    ['API_Default_Count', 50],
    ['API_Upper_Count_Limit', 100],
    ['API_Allow_Infinite_Count', true],
];

/**
 * The slice of a Rocket.Chat workspace that apps see through the engine's bridges: users, livechat
 * rooms, server settings and app persistence, in memory, with Rocket.Chat's rules for closing a
 * room and its converters for handing rooms and users to apps.
 */
export class Workspace {
    public readonly users = new Map<string, UserDocument>();
    public readonly rooms = new Map<string, LivechatRoomDocument>();
    public readonly departments = new Map<string, DepartmentDocument>();
    public readonly serverSettings = new Map<string, unknown>(DEFAULT_SERVER_SETTINGS);
    public readonly persistence = new PersistenceCollection();

    public addUser(user: Omit<UserDocument, 'createdAt' | 'active' | 'type'> & Partial<UserDocument>): UserDocument {
        const document: UserDocument = { type: 'user', active: true, createdAt: new Date(), ...user };
        this.users.set(document._id, document);
        return document;
    }

    public addDepartment(department: Pick<DepartmentDocument, '_id' | 'name'> & Partial<DepartmentDocument>): DepartmentDocument {
        const document: DepartmentDocument = { enabled: true, numAgents: 1, ...department };
        this.departments.set(document._id, document);
        return document;
    }

    public userByLogin(userId: string | undefined, authToken: string | undefined): UserDocument | undefined {
        const user = userId ? this.users.get(userId) : undefined;
        return user && user.active && user.authToken !== undefined && user.authToken === authToken ? user : undefined;
    }

    public openRoom(room: { _id: string; ts: Date; departmentId?: string }): LivechatRoomDocument {
        const document: LivechatRoomDocument = {
            _id: room._id,
            t: 'l',
            fname: `Visitor of ${room._id}`,
            ts: room.ts,
            _updatedAt: room.ts,
            open: true,
            v: { _id: `visitor-${room._id}`, username: `guest-${room._id}`, token: `token-${room._id}` },
            msgs: 0,
            ...(room.departmentId && { departmentId: room.departmentId }),
        };
        this.rooms.set(document._id, document);
        return document;
    }

    /**
     * The visitor rates the chat, open or closed: `LivechatRooms.updateSurveyFeedbackById` sets the
     * whole `surveyFeedback` (packages/models/src/models/LivechatRooms.ts) and the model's `_updatedAt`.
     */
    public rateRoom(roomId: string, feedback: Record<string, string>, at: Date): void {
        const room = this.room(roomId);
        room.surveyFeedback = { ...feedback };
        room._updatedAt = at;
    }

    /** An agent takes (or is transferred) the room: `servedBy.ts` restarts, as in Rocket.Chat. */
    public serveRoom(roomId: string, agentId: string, at: Date): void {
        const room = this.room(roomId);
        const agent = this.user(agentId);
        room.servedBy = { _id: agent._id, username: agent.username, ts: at };
        room._updatedAt = at;
    }

    /** `LivechatRooms.removeAgentByRoomId`: the chat waits in the queue again. */
    public unserveRoom(roomId: string, at: Date): void {
        const room = this.room(roomId);
        delete room.servedBy;
        room._updatedAt = at;
    }

    /** `LivechatRooms.changeDepartmentIdByRoomId`. */
    public changeDepartment(roomId: string, departmentId: string, at: Date): void {
        const room = this.room(roomId);
        room.departmentId = departmentId;
        room._updatedAt = at;
    }

    /** `setOnHoldByRoomId` / `unsetOnHoldByRoomId`. */
    public setOnHold(roomId: string, onHold: boolean, at: Date): void {
        const room = this.room(roomId);
        if (onHold) {
            room.onHold = true;
        } else {
            delete room.onHold;
        }
        room._updatedAt = at;
    }

    /**
     * An agent's message: the first one sets `metrics.response.ft`, the seconds since the visitor's
     * last message before it (the room's creation when the visitor has written nothing since), as
     * `getAnalyticsUpdateQueryBySentByAgent` does (packages/models/src/models/LivechatRooms.ts).
     */
    public replyAsAgent(roomId: string, at: Date): void {
        const room = this.room(roomId);
        if (!room.metrics?.response) {
            room.metrics = { ...room.metrics, response: { ft: (at.getTime() - room.ts.getTime()) / 1000, fd: at } };
        }
        room.msgs += 1;
        room._updatedAt = at;
    }

    /**
     * Rocket.Chat's `closeRoom`: durations from the timestamps, `serviceTimeDuration` only when truthy.
     * The serving agent closes it, or the visitor (always the visitor when no agent serves).
     */
    public closeRoom(roomId: string, at: Date, closer: 'user' | 'visitor' = 'user'): LivechatRoomDocument {
        const room = this.room(roomId);
        const serviceTimeDuration = room.servedBy && (at.getTime() - room.servedBy.ts.getTime()) / 1000;
        room.closedAt = at;
        room.closer = room.servedBy ? closer : 'visitor';
        room.closedBy =
            room.servedBy && closer === 'user'
                ? { _id: room.servedBy._id, username: room.servedBy.username }
                : { _id: room.v._id, username: room.v.username };
        room.metrics = {
            ...room.metrics,
            chatDuration: (at.getTime() - room.ts.getTime()) / 1000,
            ...(serviceTimeDuration ? { serviceTimeDuration } : {}),
        };
        delete room.open;
        room._updatedAt = at;
        return room;
    }

    public renameUser(userId: string, username: string): void {
        this.user(userId).username = username;
    }

    /**
     * Rocket.Chat's `convertRoom`, as apps receive rooms from events and `getById`: `servedBy` is the
     * agent's current user record, `createdAt` is `ts`, and every field the map does not name lands
     * in `_unmappedProperties_` (`metrics` among them).
     */
    public convertRoom(room: LivechatRoomDocument): ILivechatRoom & { _unmappedProperties_: Record<string, unknown> } {
        const { _id, t, fname, ts, _updatedAt, open, departmentId, v, servedBy, closedAt, closer, closedBy, msgs, ...unmapped } = room;
        const servingAgent = servedBy && this.users.get(servedBy._id);
        const closingUser = closedBy && this.users.get(closedBy._id);
        return {
            id: _id,
            type: t as RoomType,
            displayName: fname,
            slugifiedName: fname,
            createdAt: ts,
            updatedAt: _updatedAt,
            ...(open !== undefined && { isOpen: open }),
            ...(departmentId && { department: { id: departmentId } as ILivechatRoom['department'] }),
            visitor: { id: v._id, username: v.username, token: v.token } as ILivechatRoom['visitor'],
            ...(servingAgent && { servedBy: this.convertUser(servingAgent) }),
            ...(closedAt && { closedAt }),
            ...(closer && { closer }),
            ...(closingUser && { closedBy: this.convertUser(closingUser) }),
            messageCount: msgs,
            isWaitingResponse: false,
            creator: undefined as unknown as IUser,
            usernames: [],
            _unmappedProperties_: structuredClone(unmapped),
        } as ILivechatRoom & { _unmappedProperties_: Record<string, unknown> };
    }

    /**
     * Rocket.Chat's `convertRoomRaw`, as `getAllRooms` hands rooms out: lookups instead of users,
     * `departmentId` kept. Whether Rocket.Chat's projection lets `metrics` through is not known, so
     * this workspace leaves it out: the app must not depend on it.
     */
    public convertRoomRaw(room: LivechatRoomDocument): IRoomRaw {
        return {
            id: room._id,
            type: RoomType.LIVE_CHAT,
            slugifiedName: room.fname,
            displayName: room.fname,
            createdAt: room.ts,
            updatedAt: room._updatedAt,
            ...(room.open !== undefined && { isOpen: room.open }),
            ...(room.closedAt && { closedAt: room.closedAt }),
            ...(room.servedBy && { servedBy: { _id: room.servedBy._id, username: room.servedBy.username } }),
            ...(room.closedBy && { closedBy: { _id: room.closedBy._id, username: room.closedBy.username } }),
            ...(room.departmentId && { departmentId: room.departmentId }),
            messageCount: room.msgs,
        } as IRoomRaw;
    }

    /** Rocket.Chat's department converter (apps/meteor/app/apps/server/converters/departments.ts), the fields it maps. */
    public convertDepartment(department: DepartmentDocument): IDepartment {
        return {
            id: department._id,
            name: department.name,
            enabled: department.enabled,
            numberOfAgents: department.numAgents,
            showOnOfflineForm: false,
            showOnRegistration: true,
            updatedAt: new Date(0),
        };
    }

    public convertUser(user: UserDocument): IUser {
        return {
            id: user._id,
            username: user.username,
            name: user.name,
            emails: [],
            type: user.type as UserType,
            isEnabled: user.active,
            roles: [...user.roles],
            status: 'online',
            statusConnection: UserStatusConnection.ONLINE,
            utcOffset: 0,
            createdAt: user.createdAt,
            updatedAt: user.createdAt,
            lastLoginAt: user.createdAt,
            // As Rocket.Chat's AppUsersConverter: the language preference only, when set.
            settings: { preferences: { ...(user.language && { language: user.language }) } },
        };
    }

    public room(roomId: string): LivechatRoomDocument {
        const room = this.rooms.get(roomId);
        if (!room) {
            throw new Error(`No room ${roomId}`);
        }
        return room;
    }

    public department(departmentId: string): DepartmentDocument {
        const department = this.departments.get(departmentId);
        if (!department) {
            throw new Error(`No department ${departmentId}`);
        }
        return department;
    }

    public user(userId: string): UserDocument {
        const user = this.users.get(userId);
        if (!user) {
            throw new Error(`No user ${userId}`);
        }
        return user;
    }
}
