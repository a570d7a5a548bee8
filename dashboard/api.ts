/**
 * The dashboard's calls to the app's endpoints, as the logged-in Rocket.Chat user. The web client
 * keeps the login in two cookies at path `/` (`rc_uid`, `rc_token`, written with `encodeURI` by
 * `useStoreCookiesOnLogin`, apps/meteor/client/views/root/hooks/loggedIn/useStoreCookiesOnLogin.ts);
 * a page on the same origin reads them and sends them as the REST API's `X-User-Id` and
 * `X-Auth-Token` headers. Credentials go in headers only, never in an address.
 */
export interface Login {
    userId: string;
    authToken: string;
}

export function readLogin(cookies: string): Login | undefined {
    const jar = new Map<string, string>();
    for (const pair of cookies.split(';')) {
        const at = pair.indexOf('=');
        if (at > 0) {
            jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
        }
    }
    const decode = (value: string | undefined) => {
        try {
            return value ? decodeURIComponent(value) : '';
        } catch {
            return '';
        }
    };
    const userId = decode(jar.get('rc_uid'));
    const authToken = decode(jar.get('rc_token'));
    // A logged-out client leaves the cookies behind empty (or as "null").
    return userId && authToken && authToken !== 'null' ? { userId, authToken } : undefined;
}

/** A failed call: its HTTP status and the message of its JSON body (the contract's `error` or `message`). */
export class ApiError extends Error {
    constructor(
        public readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

export type Query = Record<string, string | undefined>;

/** The app's endpoints, relative to the page: they share the app's public base. */
export class ApiClient {
    constructor(
        private readonly login: Login,
        private readonly base: string,
    ) {}

    public async json<T>(path: string, query: Query = {}): Promise<T> {
        const response = await this.send(path, query, 'application/json');
        return (await response.json()) as T;
    }

    public async text(path: string, query: Query, accept: string): Promise<string> {
        return (await this.send(path, query, accept)).text();
    }

    /** Every page of a paginated agents report: the reports cap a page (API_Upper_Count_Limit), the dashboard shows all agents. */
    public async allAgents<T>(path: string, query: Query): Promise<T[]> {
        const agents: T[] = [];
        for (;;) {
            const page = await this.json<{ agents: T[]; total: number }>(path, {
                ...query,
                count: String(PAGE_SIZE),
                offset: String(agents.length),
            });
            agents.push(...page.agents);
            if (page.agents.length === 0 || agents.length >= page.total) {
                return agents;
            }
        }
    }

    private async send(path: string, query: Query, accept: string): Promise<Response> {
        const url = new URL(path, this.base);
        for (const [name, value] of Object.entries(query)) {
            if (value !== undefined && value !== '') {
                url.searchParams.set(name, value);
            }
        }
        const response = await fetch(url, {
            headers: { 'X-User-Id': this.login.userId, 'X-Auth-Token': this.login.authToken, Accept: accept },
            credentials: 'same-origin',
        });
        if (!response.ok) {
            throw new ApiError(response.status, await errorMessage(response));
        }
        return response;
    }
}

/** The largest page Rocket.Chat serves by default (API_Upper_Count_Limit). */
export const PAGE_SIZE = 100;

async function errorMessage(response: Response): Promise<string> {
    const body = await response.text();
    try {
        const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
        const message = parsed.error ?? parsed.message;
        if (typeof message === 'string' && message) {
            return message;
        }
    } catch {
        // not JSON: the status says it
    }
    return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}
