import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { DEFAULT_BUSINESS_HOURS_SETTING } from '../../../lib/hours/businessHours';
import { answerAgentsReport } from '../../../lib/http/answerReport';
import { openApiDocument } from '../../../lib/http/openapi';
import { DEFAULT_PAGINATION_SETTINGS } from '../../../lib/reports/pagination';
import { AVERAGE_SERVICE_TIME } from '../../../lib/reports/shapes';

type Examples = Record<string, { summary: string; value: unknown }>;

/** The 400 cases the OpenAPI document (and so docs/api.md) lists for a report, in its order. */
function documentedCases(): Array<{ summary: string; value: unknown }> {
    const paths = openApiDocument('app', '1.0.0').paths as Record<string, { get: { responses: Record<string, unknown> } }>;
    const bad = paths['/livechat/analytics/agents/average-service-time'].get.responses['400'] as {
        content: { 'application/json': { examples: Examples } };
    };
    return Object.values(bad.content['application/json'].examples);
}

/** A query that the documented case describes, in the same order. */
const QUERIES: Array<Record<string, unknown>> = [
    { end: '2024-01-31' },
    { start: '2024-01-01', end: '2024-01-31', count: 'ten' },
    { start: '2024-01-01', end: '2024-01-31', offset: '-1' },
    { start: ['2024-01-01', '2024-01-02'], end: '2024-01-31' },
    { start: '2024-01-01', end: '2024-01-31', attribution: 'first' },
    { start: '2024-01-01', end: '2024-01-31', bogus: '1' },
    { start: 'yesterday', end: '2024-01-31' },
];

describe('the errors the OpenAPI document lists for a report', () => {
    it('are the answers the report gives, case by case', async () => {
        const cases = documentedCases();
        expect(cases).toHaveLength(QUERIES.length);
        const sources = {
            allowedRoles: async () => ['livechat-manager'],
            paginationSettings: async () => DEFAULT_PAGINATION_SETTINGS,
            businessHoursSetting: async () => DEFAULT_BUSINESS_HOURS_SETTING,
            agentTotals: async () => [],
        };
        for (const [index, query] of QUERIES.entries()) {
            const answer = await answerAgentsReport({ user: { roles: ['livechat-manager'] }, query }, sources, AVERAGE_SERVICE_TIME);
            expect({ case: cases[index].summary, status: answer.status, body: answer.content }).toEqual({
                case: cases[index].summary,
                status: 400,
                body: cases[index].value,
            });
        }
    });
});

describe('the example answers the OpenAPI document shows', () => {
    it('each match their own schema, so an example cannot lack a field an answer has', () => {
        const ajv = addFormats(new Ajv2020({ strict: false }));
        const paths = openApiDocument('app', '1.0.0').paths as Record<
            string,
            { get?: { responses: Record<string, { content?: Record<string, { schema: { example?: unknown }; example?: unknown }> }> } }
        >;
        let checked = 0;
        for (const [path, item] of Object.entries(paths)) {
            const json = item.get?.responses['200']?.content?.['application/json'];
            const example = json?.example ?? json?.schema.example;
            if (!json || example === undefined) {
                continue;
            }
            const validate = ajv.compile(json.schema);
            expect([path, validate(example) ? 'valid' : ajv.errorsText(validate.errors)]).toEqual([path, 'valid']);
            checked++;
        }
        expect(checked).toBeGreaterThanOrEqual(5);
    });
});
