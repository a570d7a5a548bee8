import express from 'express';
import type { Server } from 'http';
import type { AddressInfo } from 'net';

import type { RequestMethod } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { AppApi } from '@rocket.chat/apps-engine/server/managers/AppApi';

/** What the HTTP front needs from the host behind it. */
export interface HttpBackend {
    route(appId: string, path: string): AppApi | undefined;
    /** The caller of `X-User-Id` / `X-Auth-Token`, converted as Rocket.Chat hands it to apps. */
    caller(userId: string | undefined, authToken: string | undefined): IUser | undefined;
    execute(appId: string, path: string, request: IApiRequest): Promise<IApiResponse>;
}

export interface HttpFront {
    baseUrl: string;
    /** How many requests are being served now. */
    inFlight(): number;
    /** Waits for every request being served to be answered. */
    drain(): Promise<void>;
    /** Stops taking requests, answers those being served, then closes every connection. */
    close(): Promise<void>;
}

/**
 * App endpoints over HTTP on 127.0.0.1, the way Rocket.Chat serves them: `/api/apps/public/<appId>/<path>`,
 * Express's header and query parsing (lower-case names, `qs`, a repeated key is an array), callers
 * from `X-User-Id` / `X-Auth-Token`, the 401 of `authRequired` routes, a 500 for an exception.
 */
export async function listen(port: number, backend: HttpBackend, pages?: express.Router): Promise<HttpFront> {
    const app = express();
    app.use(express.json());
    if (pages) {
        app.use(pages); // the workspace's own pages around the apps' routes: the login
    }
    // Requests being served: a host that stops the app first must answer them (or the engine times
    // them out 30 s later, and logs it long after whoever asked is gone).
    const inFlight = new Set<Promise<void>>();
    app.all('/api/apps/public/:appId/*', (req, res) => {
        const served = serve(backend, req, res);
        inFlight.add(served);
        void served.finally(() => inFlight.delete(served));
    });
    const server = await new Promise<Server>((resolve, reject) => {
        const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
        listening.once('error', reject); // EADDRINUSE: the port is taken
    });
    const address = server.address() as AddressInfo;
    const drain = async (): Promise<void> => {
        while (inFlight.size > 0) {
            await Promise.allSettled([...inFlight]);
        }
    };
    return {
        baseUrl: `http://127.0.0.1:${address.port}`,
        inFlight: () => inFlight.size,
        drain,
        async close() {
            const closed = new Promise<void>((resolve) => server.close(() => resolve()));
            await drain();
            server.closeAllConnections(); // a browser's idle keep-alive connections would hold `close` open
            await closed;
        },
    };
}

async function serve(backend: HttpBackend, req: express.Request, res: express.Response): Promise<void> {
    const appId = req.params.appId;
    const endpointPath = (req.params as Record<string, string>)[0];
    const route = backend.route(appId, endpointPath);
    if (!route) {
        res.status(404).json({ success: false, error: 'Not found' });
        return;
    }
    const caller = backend.caller(req.header('x-user-id'), req.header('x-auth-token'));
    if (route.endpoint.authRequired && !caller) {
        res.status(401).json({ status: 'error', message: 'You must be logged in to do this.' });
        return;
    }
    const request: IApiRequest = {
        method: req.method.toLowerCase() as RequestMethod,
        headers: req.headers as Record<string, string>,
        query: req.query as Record<string, string>,
        params: {},
        content: req.body,
        ...(caller && { user: caller }),
    };
    try {
        const answer = await backend.execute(appId, endpointPath, request);
        res.set(answer.headers ?? {});
        res.status(answer.status);
        res.send(answer.content);
    } catch (error) {
        // Rocket.Chat answers an exception from an app endpoint with a 500.
        res.status(500).send(error instanceof Error ? error.message : String(error));
    }
}
