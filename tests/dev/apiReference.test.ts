import * as fs from 'fs';

import { API_REFERENCE_PATH, apiReference, typeOf } from '../../dev/apiReference';

describe('docs/api.md', () => {
    it('is what `npm run docs:api` writes from the OpenAPI document the app serves (run it after changing lib/http/openapi.ts)', () => {
        expect(fs.readFileSync(API_REFERENCE_PATH, 'utf8')).toBe(apiReference());
    });

    it('lists every route of the document, each method once', () => {
        const headings = apiReference()
            .split('\n')
            .filter((line) => line.startsWith('## '));
        expect(headings).toContain('## `GET /livechat/analytics/agents/average-service-time`');
        expect(headings).toContain('## `POST /livechat/analytics/history-import`');
        expect(new Set(headings).size).toBe(headings.length);
    });
});

describe('a parameter type in words', () => {
    it('names lists, choices, constants and lower bounds', () => {
        expect(typeOf({ type: 'array', items: { type: 'string' } })).toBe('list of string');
        expect(typeOf({ type: 'string', enum: ['last', 'legs'] })).toBe('one of last, legs');
        expect(typeOf({ type: 'integer', minimum: 0 })).toBe('integer >= 0');
        expect(typeOf({ type: ['integer', 'null'] })).toBe('integer or null');
        expect(typeOf({ const: false })).toBe('false');
    });
});
