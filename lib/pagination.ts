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
 * Rocket.Chat's `getPaginationItems`: `offset` and `count` go through `parseInt` (so `1.9` is 1 and
 * `1e3` is 1), a missing count is the default, a count above the limit is the limit, and `0` is
 * "all" only where infinite counts are allowed. Values arrive already checked as numbers >= 0.
 */
export function resolvePage(query: { offset?: number; count?: number }, settings: PaginationSettings): Page {
    const offset = query.offset ? parseInt(String(query.offset), 10) : 0;
    let count = query.count === undefined ? settings.defaultCount : parseInt(String(query.count), 10);
    if (count > settings.upperCountLimit) {
        count = settings.upperCountLimit;
    }
    if (count === 0 && !settings.allowInfiniteCount) {
        count = settings.defaultCount;
    }
    return { offset, count };
}
