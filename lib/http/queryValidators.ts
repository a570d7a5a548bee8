import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

import { CHATS_PARAMETERS, EXPLAIN_PARAMETERS, querySchema, REPORT_PARAMETERS, SERIES_PARAMETERS } from './parameters';

/**
 * The core's validator options: 8.6 and later compile their query schemas with `coerceTypes: 'array'`
 * (`ajvQuery` in Rocket.Chat's packages/rest-typings/src/v1/Ajv.ts). `allowUnionTypes` only lets
 * departmentId's two types pass AJV's strict mode; the messages are unchanged.
 */
export const AJV_OPTIONS = { coerceTypes: 'array', allowUnionTypes: true } as const;

/** Every query schema the app checks, by name (`parameters.ts` writes them). */
export const QUERY_SCHEMAS = {
    report: querySchema(REPORT_PARAMETERS),
    series: querySchema(SERIES_PARAMETERS),
    chats: querySchema(CHATS_PARAMETERS),
    explain: querySchema(EXPLAIN_PARAMETERS),
};
export type QueryName = keyof typeof QUERY_SCHEMAS;

/**
 * A query's validator, compiled by AJV when asked (the tests and tools run this). In the zip, this
 * module is replaced by the same validators compiled at package time (AJV's standalone code,
 * `dev/package.ts`), so the app carries the validators and not the compiler.
 */
export function queryValidator(name: QueryName): ValidateFunction {
    return new Ajv(AJV_OPTIONS).compile(QUERY_SCHEMAS[name]);
}
