import { randomUUID } from 'crypto';

/** An association as MongoDB stores it: a sub-document compared field by field, in order. */
export interface StoredAssociation {
    model: string;
    id: string;
}

export interface PersistenceDocument {
    _id: string;
    appId: string;
    associations?: StoredAssociation[];
    data: object;
}

export type PersistenceOperation = 'create' | 'updateByAssociations' | 'remove' | 'read';

/**
 * App persistence as Rocket.Chat keeps it (its `AppsPersistence` collection and persistence bridge):
 * one document `{appId, associations, data}` per record; reads match `associations: {$all: [...]}`;
 * `updateByAssociations` is `updateOne({appId, associations}, {$set: {data}}, {upsert})`, whose
 * filter is an exact array match, order included; `update(id)` is not implemented. Documents are
 * copied in and out, as a database would. An upsert that finds nothing inserts after a pause, as
 * two concurrent MongoDB upserts on a filter without a unique index may both insert.
 *
 * It also counts the index entries MongoDB would examine (`entriesExamined`). Rocket.Chat's index is
 * `{appId, associations}`, multikey on the array. For an exact array filter (the upsert) MongoDB's
 * manual ("Multikey Indexes", query on the entire array) says it looks up only the array's first
 * element in the index, then fetches and filters; its `$all` page said the same of `$all` ("must scan
 * all the documents that match the first element in the $all expression"; newer planners may pick
 * another element, SERVER-16042). So an operation examines the app's entries of its first association.
 */
export class PersistenceCollection {
    private readonly documents = new Map<string, PersistenceDocument>();
    /** Document ids by app and association, as MongoDB's index on `{appId, associations}` (multikey) would find them. */
    private readonly index = new Map<string, Set<string>>();
    public readonly calls: Record<PersistenceOperation, number> = { create: 0, updateByAssociations: 0, remove: 0, read: 0 };
    /** Documents handed out by reads, since the last resetCalls. */
    public documentsRead = 0;
    /** Index entries MongoDB would examine for the reads, upserts and removes since the last resetCalls (see above). */
    public entriesExamined = 0;
    /** Return true to make that write fail, as a database error would. */
    public failWrite?: (operation: PersistenceOperation, associations: StoredAssociation[] | undefined) => boolean;
    /** A read that answers true fails, as a read of an unavailable database would. */
    public failRead?: (associations: StoredAssociation[]) => boolean;
    /** While set, reads by associations wait for it, as they would on a database under strain. */
    public holdReads?: Promise<void>;

    public async create(appId: string, data: object, associations?: StoredAssociation[]): Promise<string> {
        this.calls.create++;
        this.checkWrite('create', associations);
        const _id = randomUUID();
        this.insert({ _id, appId, associations: associations && copy(associations), data: copy(data) });
        return _id;
    }

    public async readById(appId: string, id: string): Promise<object | undefined> {
        this.calls.read++;
        const document = this.documents.get(id);
        return document && document.appId === appId ? copy(document.data) : undefined;
    }

    public async readByAssociations(appId: string, associations: StoredAssociation[]): Promise<object[]> {
        this.calls.read++;
        await this.holdReads;
        if (this.failRead?.(associations)) {
            throw new Error('Simulated database failure on read');
        }
        const matches = this.matchAll(appId, associations);
        this.documentsRead += matches.length;
        return matches.map((document) => copy(document.data));
    }

    public async update(): Promise<string> {
        throw new Error('Not implemented.');
    }

    public async updateByAssociations(
        appId: string,
        associations: StoredAssociation[],
        data: object,
        upsert: boolean,
    ): Promise<string | undefined> {
        this.calls.updateByAssociations++;
        this.checkWrite('updateByAssociations', associations);
        const key = JSON.stringify(associations);
        const existing = this.matchAll(appId, associations).find((document) => JSON.stringify(document.associations) === key);
        if (existing) {
            existing.data = copy(data);
            return existing._id;
        }
        if (!upsert) {
            return undefined;
        }
        await new Promise((resolve) => setImmediate(resolve));
        const _id = randomUUID();
        this.insert({ _id, appId, associations: copy(associations), data: copy(data) });
        return _id;
    }

    public async remove(appId: string, id: string): Promise<object | undefined> {
        this.calls.remove++;
        this.checkWrite('remove', undefined);
        const document = this.documents.get(id);
        if (!document || document.appId !== appId) {
            return undefined;
        }
        this.delete(document);
        return document.data;
    }

    public async removeByAssociations(appId: string, associations: StoredAssociation[]): Promise<object[] | undefined> {
        this.calls.remove++;
        this.checkWrite('remove', associations);
        const matches = this.matchAll(appId, associations);
        matches.forEach((document) => this.delete(document));
        return matches.length ? matches.map((document) => document.data) : undefined;
    }

    public async purge(appId: string): Promise<void> {
        for (const document of [...this.documents.values()]) {
            if (document.appId === appId) {
                this.delete(document);
            }
        }
    }

    /** Every document an app stored, as they are: what a test that nothing is kept (a visitor's words) looks through. */
    public all(appId: string): PersistenceDocument[] {
        return [...this.documents.values()].filter((document) => document.appId === appId).map(copy);
    }

    public count(appId?: string): number {
        return [...this.documents.values()].filter((document) => appId === undefined || document.appId === appId).length;
    }

    public resetCalls(): void {
        for (const key of Object.keys(this.calls) as PersistenceOperation[]) {
            this.calls[key] = 0;
        }
        this.documentsRead = 0;
        this.entriesExamined = 0;
    }

    private matchAll(appId: string, associations: StoredAssociation[]): PersistenceDocument[] {
        if (associations.length === 0) {
            return [];
        }
        const candidates = associations.map((association) => this.index.get(indexKey(appId, association)) ?? new Set<string>());
        this.entriesExamined += candidates[0].size;
        // The simulation itself starts from the smallest set, so that a bench of a million documents stays fast.
        const [smallest, ...others] = [...candidates].sort((a, b) => a.size - b.size);
        const matches: PersistenceDocument[] = [];
        for (const id of smallest) {
            if (others.every((ids) => ids.has(id))) {
                matches.push(this.documents.get(id) as PersistenceDocument);
            }
        }
        return matches;
    }

    private insert(document: PersistenceDocument): void {
        this.documents.set(document._id, document);
        for (const association of document.associations ?? []) {
            const key = indexKey(document.appId, association);
            const ids = this.index.get(key) ?? new Set<string>();
            ids.add(document._id);
            this.index.set(key, ids);
        }
    }

    private delete(document: PersistenceDocument): void {
        this.documents.delete(document._id);
        for (const association of document.associations ?? []) {
            this.index.get(indexKey(document.appId, association))?.delete(document._id);
        }
    }

    private checkWrite(operation: PersistenceOperation, associations: StoredAssociation[] | undefined): void {
        if (this.failWrite?.(operation, associations)) {
            throw new Error(`Simulated database failure on ${operation}`);
        }
    }
}

/**
 * Association records arrive as class instances (in-process) or as their fields (from the Deno
 * runtime); the database keeps plain `{model, id}`.
 */
export function toStoredAssociations(associations: readonly unknown[]): StoredAssociation[] {
    return associations.map((association) => {
        const { model, id } = association as StoredAssociation;
        return { model, id };
    });
}

function indexKey(appId: string, association: StoredAssociation): string {
    return JSON.stringify([appId, association.model, association.id]);
}

function copy<T>(value: T): T {
    return structuredClone(value);
}
