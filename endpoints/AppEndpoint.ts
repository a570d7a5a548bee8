import { ApiEndpoint } from '@rocket.chat/apps-engine/definition/api';
import type { IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { methodNotAllowed, toApiResponse } from '../lib/http/answers';

type Handler = (request: IApiRequest, ...accessors: unknown[]) => Promise<IApiResponse>;

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/**
 * The base of every endpoint of the app: a method the endpoint does not serve answers 405 with an
 * `Allow` header and a JSON body. Without it the engine fails the call and Rocket.Chat answers 500.
 */
export abstract class AppEndpoint extends ApiEndpoint {
    public get(request: IApiRequest, ..._accessors: unknown[]): Promise<IApiResponse> {
        return this.notServed(request);
    }

    public post(request: IApiRequest, ..._accessors: unknown[]): Promise<IApiResponse> {
        return this.notServed(request);
    }

    public put(request: IApiRequest, ..._accessors: unknown[]): Promise<IApiResponse> {
        return this.notServed(request);
    }

    public delete(request: IApiRequest, ..._accessors: unknown[]): Promise<IApiResponse> {
        return this.notServed(request);
    }

    public patch(request: IApiRequest, ..._accessors: unknown[]): Promise<IApiResponse> {
        return this.notServed(request);
    }

    /** The methods the subclass serves: those it overrides. */
    private servedMethods(): string[] {
        const base = AppEndpoint.prototype as unknown as Record<string, Handler>;
        const self = this as unknown as Record<string, Handler>;
        return METHODS.filter((method) => self[method] !== base[method]).map((method) => method.toUpperCase());
    }

    private async notServed(request: IApiRequest): Promise<IApiResponse> {
        return toApiResponse(methodNotAllowed(String(request.method).toUpperCase(), this.servedMethods()));
    }
}
