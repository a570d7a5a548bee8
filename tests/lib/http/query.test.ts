import { checkReportQuery, parseDepartmentFilter, parseReportRange } from '../../../lib/http/query';

const messageFor = (query: unknown) => {
    const checked = checkReportQuery(query);
    return checked.ok ? 'ok' : checked.message;
};

describe('the query schema (the core’s, checked with AJV)', () => {
    it('requires start, then end', () => {
        expect(messageFor({})).toBe("must have required property 'start'");
        expect(messageFor({ end: '2024-01-01' })).toBe("must have required property 'start'");
        expect(messageFor({ start: '2024-01-01' })).toBe("must have required property 'end'");
    });

    it('rejects any other parameter', () => {
        expect(messageFor({ start: 'a', end: 'b', agentId: 'x' })).toBe('must NOT have additional properties');
    });

    it('checks required properties before additional ones', () => {
        expect(messageFor({ foo: '1' })).toBe("must have required property 'start'");
    });

    it('accepts sort and ignores it', () => {
        expect(checkReportQuery({ start: 'a', end: 'b', sort: '{"username":-1}' })).toEqual({
            ok: true,
            value: { start: 'a', end: 'b', sort: '{"username":-1}' },
        });
    });

    it('coerces count and offset from strings of digits', () => {
        expect(checkReportQuery({ start: 'a', end: 'b', count: '10', offset: '20' })).toEqual({
            ok: true,
            value: { start: 'a', end: 'b', count: 10, offset: 20 },
        });
    });

    it('rejects a count or offset that is not a number', () => {
        expect(messageFor({ start: 'a', end: 'b', count: 'ten' })).toBe('must be number');
        expect(messageFor({ start: 'a', end: 'b', offset: '' })).toBe('must be number');
        expect(messageFor({ start: 'a', end: 'b', count: ['1', '2'] })).toBe('must be number');
    });

    it('rejects a negative count or offset (a deliberate difference from the core)', () => {
        expect(messageFor({ start: 'a', end: 'b', count: '-1' })).toBe('must be >= 0');
        expect(messageFor({ start: 'a', end: 'b', offset: '-5' })).toBe('must be >= 0');
    });

    it('accepts a one-element array as its one value, as Rocket.Chat 8.6 and later do (`?count[]=2`)', () => {
        expect(checkReportQuery({ start: ['2024-01-01'], end: 'b', count: ['2'], offset: ['4'] })).toEqual({
            ok: true,
            value: { start: '2024-01-01', end: 'b', count: 2, offset: 4 },
        });
    });

    it('rejects a repeated start (Express makes it an array)', () => {
        expect(messageFor({ start: ['2024-01-01', '2024-02-01'], end: 'b' })).toBe('must be string');
    });

    it('leaves the request’s own query untouched', () => {
        const query = { start: 'a', end: 'b', count: '10' };
        checkReportQuery(query);
        expect(query.count).toBe('10');
    });
});

describe('the app’s own parameters', () => {
    it('accepts departmentId as one value or repeated, and format json or csv', () => {
        expect(messageFor({ start: 'a', end: 'b', departmentId: 'x' })).toBe('ok');
        expect(messageFor({ start: 'a', end: 'b', departmentId: ['x', 'y'] })).toBe('ok');
        expect(messageFor({ start: 'a', end: 'b', format: 'csv' })).toBe('ok');
        expect(messageFor({ start: 'a', end: 'b', format: 'pdf' })).toBe('must be equal to one of the allowed values');
    });

    it('accepts attribution last or legs and hours all or business, and answers anything else 400', () => {
        for (const ok of [{ attribution: 'last' }, { attribution: 'legs' }, { hours: 'all' }, { hours: 'business' }]) {
            expect(messageFor({ start: 'a', end: 'b', ...ok })).toBe('ok');
        }
        expect(messageFor({ start: 'a', end: 'b', attribution: 'first' })).toBe('must be equal to one of the allowed values');
        expect(messageFor({ start: 'a', end: 'b', hours: 'night' })).toBe('must be equal to one of the allowed values');
    });

    it('reads the department filter from commas and repeats, ignoring blanks', () => {
        expect(parseDepartmentFilter('a, b,,a')).toEqual(['a', 'b']);
        expect(parseDepartmentFilter(['a', 'c,d'])).toEqual(['a', 'c', 'd']);
        expect(parseDepartmentFilter(' ')).toBeUndefined();
        expect(parseDepartmentFilter(undefined)).toBeUndefined();
    });
});

describe('reading the dates', () => {
    it('reads a date-only value as UTC midnight', () => {
        expect(parseReportRange({ start: '2024-01-01', end: '2024-01-02T00:00:00.000Z' })).toEqual({
            ok: true,
            value: { start: Date.parse('2024-01-01T00:00:00.000Z'), end: Date.parse('2024-01-02T00:00:00.000Z') },
        });
    });

    it('reads a value without offset as local time, as new Date does', () => {
        const parsed = parseReportRange({ start: '2024-01-01T10:00:00', end: '2024-01-01T10:00:00' });
        expect(parsed).toEqual({ ok: true, value: { start: new Date(2024, 0, 1, 10).getTime(), end: new Date(2024, 0, 1, 10).getTime() } });
    });

    it('names start first when both are invalid, then end', () => {
        expect(parseReportRange({ start: 'yesterday', end: 'nope' })).toEqual({ ok: false, invalid: 'start' });
        expect(parseReportRange({ start: '2024-01-01', end: 'nope' })).toEqual({ ok: false, invalid: 'end' });
    });

    it('accepts an end before the start', () => {
        expect(parseReportRange({ start: '2024-02-01', end: '2024-01-01' }).ok).toBe(true);
    });
});
