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
async function workspaceStandIn() {
    const installed = new Map<string, Buffer>();
    const uploads: Array<{ path: string; body: Buffer; contentType: string }> = [];
    const app = express();
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
