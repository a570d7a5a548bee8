import { DEFAULT_PAGINATION_SETTINGS, paginate, resolvePage } from '../../../lib/reports/pagination';

const settings = DEFAULT_PAGINATION_SETTINGS;

describe("Rocket.Chat's getPaginationItems", () => {
    it('defaults to offset 0 and the workspace default count', () => {
        expect(resolvePage({}, settings)).toEqual({ offset: 0, count: 50 });
        expect(resolvePage({}, { ...settings, defaultCount: 25 })).toEqual({ offset: 0, count: 25 });
    });

    it('caps a count above the upper limit at the limit', () => {
        expect(resolvePage({ count: 101 }, settings)).toEqual({ offset: 0, count: 100 });
        expect(resolvePage({ count: 5000 }, { ...settings, upperCountLimit: 250 })).toEqual({ offset: 0, count: 250 });
    });

    it('reads count 0 as every item when infinite counts are allowed', () => {
        expect(resolvePage({ count: 0 }, settings)).toEqual({ offset: 0, count: 0 });
    });

    it('reads count 0 as the default count when infinite counts are not allowed', () => {
        expect(resolvePage({ count: 0 }, { ...settings, allowInfiniteCount: false })).toEqual({ offset: 0, count: 50 });
    });

    it('truncates fractional counts and offsets as parseInt does', () => {
        expect(resolvePage({ count: 2.9, offset: 1.5 }, settings)).toEqual({ offset: 1, count: 2 });
    });

    it('reads numbers parseInt sees in exponent form by their first digits, as the core does', () => {
        // AJV coerces "1e3" to 1000, which parseInt reads as 1000; 1e21 prints as "1e+21", read as 1.
        expect(resolvePage({ count: 1e3 }, settings)).toEqual({ offset: 0, count: 100 });
        expect(resolvePage({ offset: 1e21 }, settings)).toEqual({ offset: 1, count: 50 });
    });

    it('reads an infinite count or offset (AJV makes "1e400" Infinity) as the default', () => {
        expect(resolvePage({ count: Infinity, offset: Infinity }, settings)).toEqual({ offset: 0, count: 50 });
    });
});

describe('a page of the sorted items', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];

    it('skips offset items and takes count, echoing the offset and counting all before paging', () => {
        expect(paginate(items, { offset: 1, count: 2 })).toEqual({ items: ['b', 'c'], count: 2, offset: 1, total: 5 });
    });

    it('takes every item with count 0, and none past the end', () => {
        expect(paginate(items, { offset: 0, count: 0 })).toEqual({ items, count: 5, offset: 0, total: 5 });
        expect(paginate(items, { offset: 4, count: 0 })).toEqual({ items: ['e'], count: 1, offset: 4, total: 5 });
        expect(paginate(items, { offset: 9, count: 2 })).toEqual({ items: [], count: 0, offset: 9, total: 5 });
    });
});
