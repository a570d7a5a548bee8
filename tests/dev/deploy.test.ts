import express from 'express';
import * as fs from 'fs';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

import AdmZip from 'adm-zip';

import { deployApp, DeployError, readDeployOptions } from '../../dev/deploy';

const APP = { id: 'cb253829-132e-46b7-8e80-ee4f5784019b', version: '1.0.0', permissions: [{ name: 'api' }] };
const ADMIN = { username: 'admin', password: 's3cret', userId: 'admin-id', authToken: 'admin-token' };

/**
 * A stand-in for the parts of Rocket.Chat's REST API that an upload uses (`/api/v1/login`,
 * `/api/v1/me`, `GET`/`POST /api/apps[/:id]`), answering as Rocket.Chat does and keeping what it got.
 */
async function workspaceStandIn(redirects: Record<string, { status: number; to: string }> = {}) {
    const installed = new Map<string, Buffer>();
    const uploads: Array<{ path: string; body: Buffer; contentType: string }> = [];
    const app = express();
    app.use((req, res, next) => {
        const redirect = redirects[`${req.method} ${req.path}`];
        return redirect ? res.redirect(redirect.status, `${redirect.to}${req.path}`) : next();
    });
    const authorised = (req: express.Request) => req.header('x-user-id') === ADMIN.userId && req.header('x-auth-token') === ADMIN.authToken;
    app.post('/api/v1/login', express.json(), (req, res) => {
        const ok = req.body.user === ADMIN.username && req.body.password === ADMIN.password;
        if (ok) {
            res.json({ status: 'success', data: { userId: ADMIN.userId, authToken: ADMIN.authToken } });
        } else {
            res.status(401).json({ status: 'error', error: 'Unauthorized', message: 'Unauthorized' });
        }
    });
    app.get('/api/v1/me', (req, res) =>
        authorised(req) ? res.json({ _id: ADMIN.userId, success: true }) : res.status(401).json({ status: 'error' }),
    );
    app.get('/api/apps/:id', (req, res) => {
        if (!authorised(req)) {
            return res.status(401).json({ status: 'error' });
        }
        return installed.has(req.params.id)
            ? res.json({ app: { id: req.params.id }, success: true })
            : res.status(404).json({ success: false, error: 'No App found' });
    });
    app.post(['/api/apps', '/api/apps/:id'], express.raw({ type: 'multipart/form-data', limit: '10mb' }), (req, res) => {
        if (!authorised(req)) {
            return res.status(401).json({ status: 'error' });
        }
        uploads.push({ path: req.path, body: req.body as Buffer, contentType: req.header('content-type') ?? '' });
        installed.set(APP.id, req.body as Buffer);
        return res.json({ app: { id: APP.id, status: 'auto_enabled' }, success: true });
    });
    const server = await new Promise<Server>((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, uploads, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let zipDir: string;
let zip: string;

beforeAll(() => {
    zipDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-deploy-'));
    zip = path.join(zipDir, 'agent-service-time_1.0.0.zip');
    const archive = new AdmZip();
    archive.addFile('app.json', Buffer.from(JSON.stringify(APP)));
    archive.addFile('AgentServiceTimeApp.js', Buffer.from('module.exports = {};'));
    archive.writeZip(zip);
});

afterAll(() => fs.rmSync(zipDir, { recursive: true, force: true }));

describe('npm run deploy', () => {
    it('logs in with a password, installs the zip, then updates it on the next deploy', async () => {
        const workspace = await workspaceStandIn();
        try {
            const options = { url: `${workspace.url}/`, zip, username: ADMIN.username, password: ADMIN.password };
            expect(await deployApp(options)).toEqual({ action: 'installed', appId: APP.id, version: '1.0.0' });
            expect(await deployApp(options)).toEqual({ action: 'updated', appId: APP.id, version: '1.0.0' });
            expect(workspace.uploads.map((upload) => upload.path)).toEqual(['/api/apps', `/api/apps/${APP.id}`]);
            const [first] = workspace.uploads;
            expect(first.contentType).toMatch(/^multipart\/form-data; boundary=/);
            expect(first.body.includes(fs.readFileSync(zip))).toBe(true);
            expect(first.body.toString('latin1')).toContain('name="app"; filename="agent-service-time_1.0.0.zip"');
            expect(first.body.toString('latin1')).toContain(`name="permissions"\r\n\r\n${JSON.stringify(APP.permissions)}`);
        } finally {
            await workspace.close();
        }
    });

    it('uploads with a personal access token', async () => {
        const workspace = await workspaceStandIn();
        try {
            await expect(deployApp({ url: workspace.url, zip, userId: ADMIN.userId, token: ADMIN.authToken })).resolves.toMatchObject({
                action: 'installed',
            });
        } finally {
            await workspace.close();
        }
    });

    it('says what is wrong: a refused login, a refused token, an unreachable workspace, a missing zip', async () => {
        const workspace = await workspaceStandIn();
        try {
            await expect(deployApp({ url: workspace.url, zip, username: 'admin', password: 'wrong' })).rejects.toThrow(
                'Login refused (HTTP 401): check --username and --password',
            );
            await expect(deployApp({ url: workspace.url, zip, userId: ADMIN.userId, token: 'stale' })).rejects.toThrow(
                'The personal access token was refused (HTTP 401)',
            );
            await expect(deployApp({ url: workspace.url, zip: path.join(zipDir, 'none.zip'), userId: 'x', token: 'y' })).rejects.toThrow(
                'No zip at',
            );
            expect(workspace.uploads).toEqual([]);
        } finally {
            await workspace.close();
        }
        await expect(deployApp({ url: workspace.url, zip, userId: 'x', token: 'y' })).rejects.toThrow(DeployError);
    });

    it.each([
        ['the login', 'POST /api/v1/login', 307, { username: ADMIN.username, password: ADMIN.password }],
        ['the login', 'POST /api/v1/login', 308, { username: ADMIN.username, password: ADMIN.password }],
        ['the token check', 'GET /api/v1/me', 302, { userId: ADMIN.userId, token: ADMIN.authToken }],
        ['the upload', 'POST /api/apps', 307, { userId: ADMIN.userId, token: ADMIN.authToken }],
        ['the upload', 'POST /api/apps', 301, { userId: ADMIN.userId, token: ADMIN.authToken }],
        ['the upload', 'POST /api/apps', 302, { userId: ADMIN.userId, token: ADMIN.authToken }],
    ])('stops at a redirect of %s (%s, HTTP %i), says where it pointed, and sends nothing there', async (_, route, status, login) => {
        const seenElsewhere: Array<{ path: string; headers: string[]; body: string }> = [];
        const elsewhere = express();
        elsewhere.use(express.text({ type: '*/*', limit: '10mb' }), (req, res) => {
            seenElsewhere.push({ path: req.path, headers: Object.keys(req.headers), body: String(req.body ?? '') });
            res.json({ success: true, status: 'success', data: { userId: 'x', authToken: 'y' } });
        });
        const other = await new Promise<Server>((resolve) => {
            const listening = elsewhere.listen(0, '127.0.0.1', () => resolve(listening));
        });
        // Another port is another origin, as another host would be.
        const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
        const workspace = await workspaceStandIn({ [route]: { status, to: otherUrl } });
        try {
            const [, path] = route.split(' ');
            await expect(deployApp({ url: workspace.url, zip, ...login })).rejects.toThrow(
                `answered HTTP ${status}, pointing to ${otherUrl}${path}. The deploy follows no redirect`,
            );
            expect(seenElsewhere).toEqual([]);
            expect(workspace.uploads).toEqual([]);
        } finally {
            await workspace.close();
            await new Promise<void>((resolve) => other.close(() => resolve()));
        }
    });

    it('refuses plain http except to this machine, unless --insecure; and URLs with credentials or another scheme', () => {
        expect(() => readDeployOptions(['--url', 'http://chat.example.com', '--user-id', 'u', '--token', 't'], {})).toThrow(
            'http://chat.example.com is plain http: the password or token would cross the network unencrypted',
        );
        expect(readDeployOptions(['--url', 'http://chat.example.com', '--user-id', 'u', '--token', 't', '--insecure'], {})).toMatchObject({
            insecure: true,
        });
        for (const loopback of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
            expect(readDeployOptions(['--url', loopback, '--user-id', 'u', '--token', 't'], {})).toMatchObject({ url: loopback });
        }
        expect(() => readDeployOptions(['--url', 'http://localhost.evil.example', '--user-id', 'u', '--token', 't'], {})).toThrow(
            'plain http',
        );
        expect(() => readDeployOptions(['--url', 'https://admin:pw@chat.example.com', '--user-id', 'u', '--token', 't'], {})).toThrow(
            'must not hold a user name or password',
        );
        expect(() => readDeployOptions(['--url', 'ftp://chat.example.com', '--user-id', 'u', '--token', 't'], {})).toThrow(
            'must start with https://',
        );
        expect(() => readDeployOptions(['--url', 'chat.example.com', '--user-id', 'u', '--token', 't'], {})).toThrow('is not a URL');
    });

    it('refuses a plain http workspace before sending anything, when called without the flags', async () => {
        await expect(deployApp({ url: 'http://chat.example.com', zip, userId: 'u', token: 't' })).rejects.toThrow('plain http');
    });

    it('reads flags, then the environment, and refuses half a login', () => {
        expect(readDeployOptions(['--url', 'https://chat.example.com', '--user-id', 'u', '--token', 't'], {})).toMatchObject({
            url: 'https://chat.example.com',
            userId: 'u',
            token: 't',
        });
        expect(readDeployOptions([], { RC_URL: 'https://chat.example.com', RC_USER: 'admin', RC_PASSWORD: 'p' })).toMatchObject({
            username: 'admin',
            password: 'p',
        });
        expect(() => readDeployOptions(['--username', 'admin'], { RC_URL: 'https://x' })).toThrow('--username and --password go together');
        expect(() => readDeployOptions(['--url', 'https://x'], {})).toThrow(
            'Give either --username and --password, or --user-id and --token',
        );
        expect(() => readDeployOptions(['--url', 'https://x', '--username', 'a', '--password', 'b', '--token', 't'], {})).toThrow(
            'Give either',
        );
        expect(() => readDeployOptions(['--token', 't', '--user-id', 'u'], {})).toThrow('No workspace URL');
    });
});
