import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import { bucketsOfMonthQuery, tag, yearTag } from '../layout';
import { SUPERSEDED_TAGS } from '../versions';

/**
 * Layout 2 (app 1.1) to layout 3: the same associations, bucket parts with stats (`v: 3`) and day
 * timelines. A full rebuild replaces every month's buckets (it removes a month's before it writes
 * it); the year buckets of layout 2 would be taken for this one's parts, so they go before the
 * years are written (`removeOldYearBuckets`), and layout 2's readiness and progress go once layout
 * 3's buckets are ready (`removeSupersededTags`). Until then reports read records.
 */
export async function removeOldYearBuckets(writer: IPersistence, years: readonly number[]): Promise<void> {
    for (const year of years) {
        await writer.removeByAssociations(bucketsOfMonthQuery(yearTag(year)));
    }
}

export async function removeSupersededTags(writer: IPersistence): Promise<void> {
    for (const superseded of SUPERSEDED_TAGS) {
        await writer.removeByAssociation(tag(superseded));
    }
}
