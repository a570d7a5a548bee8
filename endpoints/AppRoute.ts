import { ApiEndpoint } from '@rocket.chat/apps-engine/definition/api';
import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import type { ApiAnswer } from '../lib/http/answers';
import { methodNotAllowed, toApiResponse } from '../lib/http/answers';

/** What a route's handler gets of the request's accessors. */
export interface RouteAccessors {
    read: IRead;
    modify: IModify;
    persis: IPersistence;
}

/** A handler answers in the contract's shapes (`lib/http/answers.ts`), or with headers of its own (the dashboard's files). */
export type RouteHandler = (request: IApiRequest, accessors: RouteAccessors) => Promise<ApiAnswer>;

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];

/**
 * Every method Node's HTTP parser accepts (`http.METHODS`, lower-case; a test compares): Rocket.Chat
 * routes an app's path with `router.all` and hands the engine `req.method.toLowerCase()`
 * (apps/meteor/app/apps/server/bridges/api.ts), so HEAD, OPTIONS, TRACE or PROPFIND reach the app
 * too, and a method the endpoint lacks answers 500. Each is defined: HEAD is served as GET (the HTTP
 * layer drops the body), every other one the route does not serve answers 405.
 */
// prettier-ignore
export const HTTP_METHODS = [
    'acl', 'bind', 'checkout', 'connect', 'copy', 'delete', 'get', 'head', 'link', 'lock', 'm-search', 'merge',
    'mkactivity', 'mkcalendar', 'mkcol', 'move', 'notify', 'options', 'patch', 'post', 'propfind', 'proppatch',
    'purge', 'put', 'query', 'rebind', 'report', 'search', 'source', 'subscribe', 'trace', 'unbind', 'unlink',
    'unlock', 'unsubscribe',
] as const;

/** How the engine calls a route's method, with the request's accessors. */
type EngineMethod = (
    request: IApiRequest,
    endpoint: IApiEndpointInfo,
    read: IRead,
    modify: IModify,
    http: IHttp,
    persis: IPersistence,
) => Promise<IApiResponse>;

export interface RouteOptions {
    path: string;
    /** Rocket.Chat answers 401 before the app runs when no valid caller is given (the dashboard's page and files, and openapi.json, need none). */
    authRequired: boolean;
    handlers: Partial<Record<Method, RouteHandler>>;
}

/**
 * Every endpoint of the app, one class: a path, whether it needs a login, and a handler per method it
 * serves. A method it does not serve answers 405 with an `Allow` header and a JSON body.
 */
export class AppRoute extends ApiEndpoint {
    public readonly path: string;
    public readonly authRequired: boolean;
    private readonly handlers: RouteOptions['handlers'];
    declare public readonly get: EngineMethod;
    declare public readonly post: EngineMethod;
    declare public readonly put: EngineMethod;
    declare public readonly delete: EngineMethod;
    declare public readonly patch: EngineMethod;

    constructor(app: IApp, options: RouteOptions) {
        super(app);
        this.path = options.path;
        this.authRequired = options.authRequired;
        this.handlers = options.handlers;
        // Every method, served or not: the engine offers a route only the methods its endpoint has
        // (`typeof endpoint[method] === 'function'`, deno-runtime/lib/accessors/mod.ts), and fails a
        // call of an absent one, which Rocket.Chat answers 500. Those without a handler answer 405.
        for (const method of HTTP_METHODS) {
            const handle: EngineMethod = (request, _endpoint, read, modify, _http, persis) =>
                this.serve(method, request, { read, modify, persis });
            Object.defineProperty(this, method, { value: handle });
        }
    }

    private async serve(method: string, request: IApiRequest, accessors: RouteAccessors): Promise<IApiResponse> {
        const served = method === 'head' ? 'get' : method;
        const handler = isServable(served) ? this.handlers[served] : undefined;
        if (!handler) {
            const served = METHODS.filter((name) => this.handlers[name]).map((name) => name.toUpperCase());
            return toApiResponse(methodNotAllowed(String(request.method).toUpperCase(), served));
        }
        return toApiResponse(await handler(request, accessors));
    }
}

function isServable(method: string): method is Method {
    return (METHODS as readonly string[]).includes(method);
}
