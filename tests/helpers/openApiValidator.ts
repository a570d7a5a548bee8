import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { openApiDocument } from '../../lib/http/openapi';

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const ajv = addFormats(new Ajv2020({ strict: false }));
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks one HTTP answer of the app against its OpenAPI document: the path, method and status must
 * be documented, the content type must be one the document lists, and the body must match its schema.
 * Throws, naming what does not match.
 */
export function assertMatchesOpenApi(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
    const { pathname } = new URL(url);
    const match = /^\/api\/apps\/public\/([^/]+)(\/.*)$/.exec(pathname);
    if (!match) {
        throw new Error(`${url} is not an app endpoint`);
    }
    const [, appId, path] = match;
    const document = openApiDocument(appId, 'any') as unknown as Document;
    const response = document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
    if (!response) {
        throw new Error(`OpenAPI: ${method} ${path} does not document status ${status}`);
    }
    const mediaType = Object.keys(response.content ?? {}).find((type) => contentType?.startsWith(type));
    if (!mediaType) {
        throw new Error(`OpenAPI: ${method} ${path} ${status} does not document content type ${contentType}`);
    }
    const key = `${method} ${path} ${status} ${mediaType}`;
    const validate = compiled.get(key) ?? ajv.compile((response.content as Record<string, { schema: object }>)[mediaType].schema);
    compiled.set(key, validate);
    if (!validate(body)) {
        throw new Error(`OpenAPI: ${key} answer does not match: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
    }
}

/** fetch, with the answer parsed and checked against the OpenAPI document. */
export async function fetchChecked(
    url: string,
    init: RequestInit = {},
): Promise<{ status: number; body: unknown; contentType: string | null }> {
    const answer = await fetchParsed(url, init);
    assertMatchesOpenApi(init.method ?? 'GET', url, answer.status, answer.contentType, answer.body);
    return answer;
}

/** fetch, with the answer parsed: for an earlier version of the app, whose answers lack this version's fields. */
export async function fetchParsed(
    url: string,
    init: RequestInit = {},
): Promise<{ status: number; body: unknown; contentType: string | null }> {
    const response = await fetch(url, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const body: unknown = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
    return { status: response.status, body, contentType };
}
