/**
 * `npm run docs:api`: writes docs/api.md from the OpenAPI document the app serves (`lib/http/openapi.ts`),
 * so that the reference is never a second copy by hand; `tests/dev/apiReference.test.ts` fails when
 * the file and the document disagree.
 */
import * as fs from 'fs';
import * as path from 'path';

import { openApiDocument } from '../lib/http/openapi';
import { readAppJson } from './package';

interface Parameter {
    name: string;
    required?: boolean;
    schema: Schema;
    description?: string;
    example?: unknown;
}

interface Schema {
    type?: string | string[];
    enum?: readonly unknown[];
    const?: unknown;
    items?: Schema;
    default?: unknown;
    minimum?: number;
    oneOf?: Schema[];
    properties?: Record<string, Schema>;
    required?: string[];
    description?: string;
    example?: unknown;
}

interface MediaType {
    schema?: Schema;
    example?: unknown;
    examples?: Record<string, { summary: string; value: unknown }>;
}

interface Response {
    description: string;
    content?: Record<string, MediaType>;
}

interface Operation {
    summary: string;
    description?: string;
    security?: unknown[];
    parameters?: Parameter[];
    responses: Record<string, Response>;
}

export const API_REFERENCE_PATH = path.join(__dirname, '..', 'docs', 'api.md');

/** The whole reference, as Markdown. */
export function apiReference(document = openApiDocument(readAppJson().id, readAppJson().version)): string {
    const doc = document as { info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };
    const lines = [
        '# API reference',
        '',
        `<!-- Written by \`npm run docs:api\` from the OpenAPI document (lib/http/openapi.ts); do not edit by hand. -->`,
        '',
        `${doc.info.title} ${doc.info.version}. Every path is under the app's public base,`,
        `\`/api/apps/public/${readAppJson().id}/\`, and the app serves this document itself at \`openapi.json\`.`,
        'Authenticated routes take the headers `X-User-Id` and `X-Auth-Token` of a Rocket.Chat login or personal',
        'access token. A method a route does not serve answers 405 with an `Allow` header. How the figures are',
        'counted, with examples: [reports.md](reports.md).',
        '',
    ];
    for (const [route, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
            lines.push(...operationSection(method, route, operation));
        }
    }
    return `${lines.join('\n').trimEnd()}\n`;
}

function operationSection(method: string, route: string, operation: Operation): string[] {
    const lines = [
        `## \`${method.toUpperCase()} ${route}\``,
        '',
        operation.summary.endsWith('.') ? operation.summary : `${operation.summary}.`,
        '',
    ];
    if (operation.description) {
        lines.push(operation.description, '');
    }
    lines.push(operation.security?.length ? 'Needs a login.' : 'No login needed.', '');
    if (operation.parameters?.length) {
        lines.push('| parameter | type | required | what it does |', '| --- | --- | --- | --- |');
        for (const parameter of operation.parameters) {
            lines.push(
                `| \`${parameter.name}\` | ${cell(typeOf(parameter.schema))} | ${parameter.required ? 'yes' : 'no'} | ${cell(parameterText(parameter))} |`,
            );
        }
        lines.push('');
    }
    lines.push('| status | when | body |', '| --- | --- | --- |');
    for (const [status, response] of Object.entries(operation.responses)) {
        lines.push(`| ${status} | ${cell(response.description)} | ${cell(bodyOf(response))} |`);
    }
    lines.push('');
    for (const [status, response] of Object.entries(operation.responses)) {
        lines.push(...casesOf(status, response));
    }
    return lines;
}

function parameterText(parameter: Parameter): string {
    const parts = [parameter.description ?? ''];
    if (parameter.schema.default !== undefined) {
        parts.push(`Default \`${String(parameter.schema.default)}\`.`);
    }
    if (parameter.example !== undefined) {
        parts.push(`Example: \`${String(parameter.example)}\`.`);
    }
    return parts.filter(Boolean).join(' ');
}

/** A schema in a few words: `string`, `integer >= 0`, `one of last, legs`, `list of string`. */
export function typeOf(schema: Schema): string {
    if (schema.enum) {
        return `one of ${schema.enum.map(String).join(', ')}`;
    }
    if (schema.const !== undefined) {
        return JSON.stringify(schema.const);
    }
    if (schema.type === 'array') {
        return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
    }
    const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
    return schema.minimum !== undefined ? `${type} >= ${schema.minimum}` : type;
}

/** What a response holds: its media types, and its body where the document fixes it or gives an example. */
function bodyOf(response: Response): string {
    return Object.entries(response.content ?? {})
        .map(([type, { schema, example, examples }]) => {
            if (examples) {
                return `${type}: the cases below`;
            }
            const shown = example ?? schema?.example ?? (schema && fixedBody(schema));
            return shown === undefined ? type : `${type}: \`${typeof shown === 'string' ? shown.trim() : JSON.stringify(shown)}\``;
        })
        .join('; ');
}

/** A body every property of which is a constant (the 401 and 403): the body itself. */
function fixedBody(schema: Schema): object | undefined {
    const properties = Object.entries(schema.properties ?? {});
    if (properties.length === 0 || properties.some(([, property]) => property.const === undefined)) {
        return undefined;
    }
    return Object.fromEntries(properties.map(([name, property]) => [name, property.const]));
}

/** The listed cases of a response (a report's 400s), one line each. */
function casesOf(status: string, response: Response): string[] {
    const cases = Object.values(response.content ?? {}).flatMap(({ examples }) => Object.values(examples ?? {}));
    if (cases.length === 0) {
        return [];
    }
    return [
        `${status}, in the order the checks run:`,
        '',
        ...cases.map((shown) => `- ${shown.summary}: \`${JSON.stringify(shown.value)}\``),
        '',
    ];
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
    return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

if (require.main === module) {
    fs.writeFileSync(API_REFERENCE_PATH, apiReference());
    console.log(`wrote ${path.relative(process.cwd(), API_REFERENCE_PATH)}`);
}
