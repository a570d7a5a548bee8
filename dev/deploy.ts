/**
 * `npm run deploy -- --url https://chat.example.com (--username U --password P [--code 123456] | --user-id ID --token T) [--zip path]`
 *
 * Uploads the app's zip to a workspace through Rocket.Chat's app upload API, as the Apps CLI does
 * (@rocket.chat/apps-cli, lib/misc/deployHelpers.js): log in (`POST /api/v1/login`) or check a
 * personal access token (`GET /api/v1/me`), then `POST /api/apps` with the zip as the multipart
 * field `app` and the app's permissions, or `POST /api/apps/<id>` when the app is installed already
 * (an update). Without `--zip` it builds the zip first (`npm run package`). `RC_URL`, `RC_USER`,
 * `RC_PASSWORD`, `RC_USER_ID` and `RC_TOKEN` stand for the flags, so that no secret lands in the
 * shell's history.
 *
 * Credentials go to the origin given and nowhere else: the deploy follows no redirect (it stops and
 * says where the workspace pointed), and it refuses a plain `http://` URL unless it names this
 * machine (loopback) or `--insecure` is given.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';

import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';

import { packageApp, readZipAppInfo } from './package';

export interface DeployOptions {
    url: string;
    zip: string;
    username?: string;
    password?: string;
    /** A two-factor code, when the account has 2FA on. */
    code?: string;
    userId?: string;
    token?: string;
    /** Allows a plain `http://` URL to another machine: the password or token would cross the network unencrypted. */
    insecure?: boolean;
}

export interface DeployResult {
    action: 'installed' | 'updated';
    appId: string;
    version: string;
}

interface Credentials {
    userId: string;
    authToken: string;
}

export class DeployError extends Error {}

export const USAGE =
    'Usage: npm run deploy -- --url https://chat.example.com (--username U --password P [--code 123456] | --user-id ID --token T) [--zip dist/app.zip] [--insecure]';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** The workspace's base URL, checked: http(s) only, no credentials in it, plain http only to loopback unless `insecure`. */
export function checkWorkspaceUrl(url: string, insecure = false): URL {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new DeployError(`--url is not a URL: ${url}\n${USAGE}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new DeployError(`--url must start with https:// (it starts with ${parsed.protocol}//).`);
    }
    if (parsed.username || parsed.password) {
        throw new DeployError('--url must not hold a user name or password: give them with --username and --password.');
    }
    const loopback = LOOPBACK_HOSTS.has(parsed.hostname) || /^127\.\d+\.\d+\.\d+$/.test(parsed.hostname);
    if (parsed.protocol === 'http:' && !loopback && !insecure) {
        throw new DeployError(
            `${parsed.origin} is plain http: the password or token would cross the network unencrypted. Use https://, or give --insecure if you accept that.`,
        );
    }
    return parsed;
}

/** The options from flags, then the environment; a clear error for what is missing. */
export function readDeployOptions(args: string[], env: NodeJS.ProcessEnv): Omit<DeployOptions, 'zip'> & { zip?: string } {
    const { values } = parseArgs({
        args,
        options: {
            url: { type: 'string' },
            username: { type: 'string' },
            password: { type: 'string' },
            code: { type: 'string' },
            'user-id': { type: 'string' },
            token: { type: 'string' },
            zip: { type: 'string' },
            insecure: { type: 'boolean' },
        },
    });
    const options = {
        url: values.url ?? env.RC_URL,
        username: values.username ?? env.RC_USER,
        password: values.password ?? env.RC_PASSWORD,
        code: values.code,
        userId: values['user-id'] ?? env.RC_USER_ID,
        token: values.token ?? env.RC_TOKEN,
        zip: values.zip,
        insecure: values.insecure === true,
    };
    if (!options.url) {
        throw new DeployError(`No workspace URL: give --url (or RC_URL).\n${USAGE}`);
    }
    checkWorkspaceUrl(options.url, options.insecure);
    const withPassword = options.username !== undefined || options.password !== undefined;
    const withToken = options.userId !== undefined || options.token !== undefined;
    if (withPassword === withToken) {
        throw new DeployError(`Give either --username and --password, or --user-id and --token (a personal access token).\n${USAGE}`);
    }
    if (withPassword && (!options.username || !options.password)) {
        throw new DeployError(`--username and --password go together.\n${USAGE}`);
    }
    if (withToken && (!options.userId || !options.token)) {
        throw new DeployError(`--user-id and --token go together.\n${USAGE}`);
    }
    return { ...options, url: options.url };
}

/** Uploads the zip: installs the app, or updates it where the workspace has it already. */
export async function deployApp(options: DeployOptions): Promise<DeployResult> {
    checkWorkspaceUrl(options.url, options.insecure);
    const info = readZipInfo(options.zip);
    const credentials = await logIn(options);
    const auth = { 'X-User-Id': credentials.userId, 'X-Auth-Token': credentials.authToken };
    const existing = await call(options.url, `/api/apps/${info.id}`, { headers: auth });
    const update = existing.ok && ((await existing.json().catch(() => ({}))) as { success?: boolean }).success === true;
    const form = new FormData();
    form.append('app', new Blob([fs.readFileSync(options.zip)], { type: 'application/zip' }), path.basename(options.zip));
    form.append('permissions', JSON.stringify(info.permissions ?? []));
    const answer = await call(options.url, update ? `/api/apps/${info.id}` : '/api/apps', { method: 'POST', headers: auth, body: form });
    const body = (await answer.json().catch(() => ({}))) as { success?: boolean; error?: string; status?: string; messages?: unknown };
    if (!answer.ok || body.success !== true) {
        const why = body.error ?? (body.messages ? JSON.stringify(body.messages) : `HTTP ${answer.status}`);
        throw new DeployError(`The workspace refused the app: ${why}`);
    }
    return { action: update ? 'updated' : 'installed', appId: info.id, version: info.version };
}

async function logIn(options: DeployOptions): Promise<Credentials> {
    if (options.token && options.userId) {
        const me = await call(options.url, '/api/v1/me', { headers: { 'X-User-Id': options.userId, 'X-Auth-Token': options.token } });
        if (!me.ok) {
            throw new DeployError(`The personal access token was refused (HTTP ${me.status}): check --user-id and --token.`);
        }
        return { userId: options.userId, authToken: options.token };
    }
    const login = await call(options.url, '/api/v1/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: options.username, password: options.password, ...(options.code && { code: options.code }) }),
    });
    const body = (await login.json().catch(() => ({}))) as { status?: string; data?: Partial<Credentials> };
    if (!login.ok || body.status !== 'success' || !body.data?.userId || !body.data.authToken) {
        throw new DeployError(
            `Login refused (HTTP ${login.status}): check --username and --password, and give --code if the account uses 2FA.`,
        );
    }
    return { userId: body.data.userId, authToken: body.data.authToken };
}

/**
 * One request to the workspace, redirects not followed: fetch would send the headers and the body
 * (credentials, the zip) to wherever a 307 or 308 points, and turn the upload into a GET on a 301 or 302.
 */
async function call(url: string, endpoint: string, init: RequestInit): Promise<Response> {
    const target = `${url.replace(/\/+$/, '')}${endpoint}`;
    let answer: Response;
    try {
        answer = await fetch(target, { ...init, redirect: 'manual' });
    } catch (error) {
        throw new DeployError(`Could not reach ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (answer.status >= 300 && answer.status < 400) {
        const location = answer.headers.get('location');
        const where = location ? new URL(location, target).href : 'nowhere (no Location header)';
        throw new DeployError(
            `${target} answered HTTP ${answer.status}, pointing to ${where}. The deploy follows no redirect, so that your credentials go only to ${new URL(target).origin}: give --url as the workspace's own address.`,
        );
    }
    return answer;
}

function readZipInfo(zip: string): IAppInfo {
    if (!fs.existsSync(zip)) {
        throw new DeployError(`No zip at ${zip}: build it with npm run package, or leave out --zip.`);
    }
    try {
        return readZipAppInfo(fs.readFileSync(zip));
    } catch (error) {
        throw new DeployError(`${zip}: ${error instanceof Error ? error.message : String(error)}`);
    }
}

if (require.main === module) {
    (async () => {
        const options = readDeployOptions(process.argv.slice(2), process.env);
        const zip = options.zip ?? (await packageApp());
        const result = await deployApp({ ...options, zip });
        console.log(`Agent Service Time ${result.version} ${result.action} on ${options.url} (app id ${result.appId}).`);
    })().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    });
}
