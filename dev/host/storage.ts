import type { AppStatus } from '@rocket.chat/apps-engine/definition/AppStatus';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { ILoggerStorageEntry } from '@rocket.chat/apps-engine/server/logging';
import type { IMarketplaceInfo } from '@rocket.chat/apps-engine/server/marketplace';
import { AppLogStorage, AppMetadataStorage } from '@rocket.chat/apps-engine/server/storage';
import type { IAppStorageItem } from '@rocket.chat/apps-engine/server/storage';
import { AppSourceStorage } from '@rocket.chat/apps-engine/server/storage/AppSourceStorage';

/**
 * The apps collection: what the engine knows of each installed app, kept across engine restarts.
 * Reads hand out copies, as a database does: engines before 1.57 change the item they read and
 * compare it with one read before (an update reads the app's status, then disables it).
 */
export class MemoryMetadataStorage extends AppMetadataStorage {
    private readonly items = new Map<string, IAppStorageItem>();

    constructor() {
        super('memory');
    }

    public async create(item: IAppStorageItem): Promise<IAppStorageItem> {
        const stored = { ...item, _id: item.id, createdAt: new Date(), updatedAt: new Date() };
        this.items.set(item.id, stored);
        return stored;
    }

    public async retrieveOne(id: string): Promise<IAppStorageItem | null> {
        const item = this.items.get(id);
        return item ? structuredClone(item) : null;
    }

    public async retrieveAll(): Promise<Map<string, IAppStorageItem>> {
        return new Map([...this.items].map(([id, item]) => [id, structuredClone(item)]));
    }

    public async retrieveAllPrivate(): Promise<Map<string, IAppStorageItem>> {
        return this.retrieveAll();
    }

    public async remove(id: string): Promise<{ success: boolean }> {
        return { success: this.items.delete(id) };
    }

    public async updatePartialAndReturnDocument(item: Partial<IAppStorageItem>): Promise<IAppStorageItem> {
        const id = (item._id ?? item.id) as string;
        const updated = { ...(this.items.get(id) as IAppStorageItem), ...item, updatedAt: new Date() };
        this.items.set(id, updated);
        return updated;
    }

    /** How engines before 1.57 save an item: whole (the finer methods above replaced it). */
    public async update(item: IAppStorageItem): Promise<IAppStorageItem> {
        const updated = { ...item, updatedAt: new Date() };
        this.items.set(item.id, updated);
        return updated;
    }

    public async updateStatus(id: string, status: AppStatus): Promise<boolean> {
        return this.patch(id, { status });
    }

    public async updateSetting(id: string, setting: ISetting): Promise<boolean> {
        const item = this.items.get(id);
        return item ? this.patch(id, { settings: { ...item.settings, [setting.id]: setting } }) : false;
    }

    public async updateAppInfo(id: string, info: IAppInfo): Promise<boolean> {
        return this.patch(id, { info });
    }

    public async updateMarketplaceInfo(id: string, marketplaceInfo: IMarketplaceInfo[]): Promise<boolean> {
        return this.patch(id, { marketplaceInfo });
    }

    private patch(id: string, fields: Partial<IAppStorageItem>): boolean {
        const item = this.items.get(id);
        if (!item) {
            return false;
        }
        this.items.set(id, { ...item, ...fields, updatedAt: new Date() });
        return true;
    }
}

/** The apps' log entries; `print` echoes them for a person watching the playground. */
export class MemoryLogStorage extends AppLogStorage {
    public readonly entries: ILoggerStorageEntry[] = [];

    constructor(private readonly print = false) {
        super('memory');
    }

    public async find(): Promise<ILoggerStorageEntry[]> {
        return this.entries;
    }

    public async findPaginated(): Promise<{ logs: ILoggerStorageEntry[]; total: number }> {
        return { logs: this.entries, total: this.entries.length };
    }

    public async storeEntries(entry: ILoggerStorageEntry): Promise<ILoggerStorageEntry> {
        this.entries.push(entry);
        if (this.entries.length > 5000) {
            this.entries.splice(0, this.entries.length - 5000);
        }
        if (this.print) {
            for (const line of entry.entries) {
                console.log(
                    `[app ${line.severity}] ${line.args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`,
                );
            }
        }
        return entry;
    }

    public async getEntriesFor(appId: string): Promise<ILoggerStorageEntry[]> {
        return this.entries.filter((entry) => entry.appId === appId);
    }

    public async removeEntriesFor(appId: string): Promise<void> {
        this.entries.splice(0, this.entries.length, ...this.entries.filter((entry) => entry.appId !== appId));
    }
}

/** Where the installed zips are kept, so that an engine restart can load them again. */
export class MemorySourceStorage extends AppSourceStorage {
    private readonly zips = new Map<string, Buffer>();

    public async store(item: IAppStorageItem, zip: Buffer): Promise<string> {
        this.zips.set(item.id, zip);
        return item.id;
    }

    public async fetch(item: IAppStorageItem): Promise<Buffer> {
        const zip = this.zips.get(item.id);
        if (!zip) {
            throw new Error(`No source stored for app ${item.id}`);
        }
        return zip;
    }

    public async update(item: IAppStorageItem, zip: Buffer): Promise<string> {
        return this.store(item, zip);
    }

    public async remove(item: IAppStorageItem): Promise<void> {
        this.zips.delete(item.id);
    }
}
