import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { RatingWatch, RatingWatchStore } from '../chats/ratingPickup';
import { requireWriter } from './documents';
import { ratingWatchAssociations, slotRatingWatchesQuery, tag } from './layout';
import { RATING_PICKUP_TAG } from './versions';

/**
 * The rating watches in the app's persistence: one document per close of a room that had no rating
 * yet, filed under the slot it is due in, and one document saying how far
 * the pickup got. None of them counts for a report: a lost watch only means a late rating is not
 * counted.
 */
export class RatingWatches implements RatingWatchStore {
    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {}

    /** One write per close; a room closed again (reopened) gets a watch of its own under its new slot. */
    public async watch(watch: RatingWatch): Promise<void> {
        await requireWriter(this.writer).updateByAssociations(ratingWatchAssociations(watch.roomId, watch.dueAt), { ...watch }, true);
    }

    public async dueIn(slot: string): Promise<RatingWatch[]> {
        const stored = (await this.reader.readByAssociations(slotRatingWatchesQuery(slot))) as Array<Partial<RatingWatch>>;
        return stored.filter((watch): watch is RatingWatch => typeof watch.roomId === 'string' && typeof watch.dueAt === 'number');
    }

    /** Removes this watch only: another close of the room keeps its own. */
    public async unwatch(watch: RatingWatch): Promise<void> {
        await requireWriter(this.writer).removeByAssociations(ratingWatchAssociations(watch.roomId, watch.dueAt));
    }

    public async handledThrough(): Promise<string | undefined> {
        const [stored] = (await this.reader.readByAssociation(tag(RATING_PICKUP_TAG))) as Array<{ through?: unknown }>;
        return typeof stored?.through === 'string' ? stored.through : undefined;
    }

    public async setHandledThrough(slot: string): Promise<void> {
        await requireWriter(this.writer).updateByAssociation(tag(RATING_PICKUP_TAG), { through: slot }, true);
    }
}
