import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import type { PersistenceCollection } from './persistenceCollection';
import { toStoredAssociations } from './persistenceCollection';

/** The persistence accessors the engine hands an app, over the in-memory collection with Rocket.Chat's semantics. */
export function appPersistence(collection: PersistenceCollection, appId: string): { reader: IPersistenceRead; writer: IPersistence } {
    const reader: IPersistenceRead = {
        read: async (id: string) => (await collection.readById(appId, id)) as object,
        readByAssociation: (association: RocketChatAssociationRecord) =>
            collection.readByAssociations(appId, toStoredAssociations([association])),
        readByAssociations: (associations: RocketChatAssociationRecord[]) =>
            collection.readByAssociations(appId, toStoredAssociations(associations)),
    };
    const writer: IPersistence = {
        create: (data: object) => collection.create(appId, data),
        createWithAssociation: (data: object, association: RocketChatAssociationRecord) =>
            collection.create(appId, data, toStoredAssociations([association])),
        createWithAssociations: (data: object, associations: RocketChatAssociationRecord[]) =>
            collection.create(appId, data, toStoredAssociations(associations)),
        update: () => collection.update(),
        updateByAssociation: async (association: RocketChatAssociationRecord, data: object, upsert?: boolean) =>
            (await collection.updateByAssociations(appId, toStoredAssociations([association]), data, upsert ?? false)) as string,
        updateByAssociations: async (associations: RocketChatAssociationRecord[], data: object, upsert?: boolean) =>
            (await collection.updateByAssociations(appId, toStoredAssociations(associations), data, upsert ?? false)) as string,
        remove: async (id: string) => (await collection.remove(appId, id)) as object,
        removeByAssociation: async (association: RocketChatAssociationRecord) =>
            (await collection.removeByAssociations(appId, toStoredAssociations([association]))) ?? [],
        removeByAssociations: async (associations: RocketChatAssociationRecord[]) =>
            (await collection.removeByAssociations(appId, toStoredAssociations(associations))) ?? [],
    };
    return { reader, writer };
}
