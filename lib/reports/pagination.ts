/** The page a request asks for, after Rocket.Chat's `getPaginationItems`. `count: 0` means every item. */
export interface Page {
    offset: number;
    count: number;
}

/** The workspace settings that shape every paginated REST answer of Rocket.Chat. */
export interface PaginationSettings {
    defaultCount: number;
    upperCountLimit: number;
    allowInfiniteCount: boolean;
}

export const DEFAULT_PAGINATION_SETTINGS: PaginationSettings = Object.freeze({
    defaultCount: 50,
    upperCountLimit: 100,
    allowInfiniteCount: true,
});

/**
 * Rocket.Chat's `getPaginationItems` (apps/meteor/app/api/server/helpers/getPaginationItems.ts):
 * `offset` and `count` go through `parseInt`, so `1.9` is 1; they arrive already coerced to numbers by
 * the query check, so `"1e3"` is the number 1000 and stays 1000. A missing count is the default, a
 * count above the limit is the limit, and `0` is "all" only where infinite counts are allowed.
 * Values arrive already checked as numbers >= 0.
 */
export function resolvePage(query: { offset?: number; count?: number }, settings: PaginationSettings): Page {
    // AJV coerces "1e400" to Infinity, which parseInt reads as NaN: such a value is the default
    // (the core would hand NaN on to MongoDB and fail).
    const offset = orDefault(query.offset ? parseInt(String(query.offset), 10) : 0, 0);
    let count = query.count === undefined ? settings.defaultCount : orDefault(parseInt(String(query.count), 10), settings.defaultCount);
    if (count > settings.upperCountLimit) {
        count = settings.upperCountLimit;
    }
    if (count === 0 && !settings.allowInfiniteCount) {
        count = settings.defaultCount;
    }
    return { offset, count };
}

function orDefault(value: number, fallback: number): number {
    return Number.isNaN(value) ? fallback : value;
}

export interface PagedItems<T> {
    items: T[];
    count: number;
    offset: number;
    total: number;
}

/** `total` counts every group before the page is cut; `count` is what the page holds. */
export function paginate<T>(sortedItems: T[], page: Page): PagedItems<T> {
    const end = page.count === 0 ? undefined : page.offset + page.count;
    const items = sortedItems.slice(page.offset, end);
    return { items, count: items.length, offset: page.offset, total: sortedItems.length };
}
