import AdmZip from 'adm-zip';

import { averageItems, fullScan } from '../helpers/fullScan';
import type { EngineFixture } from './engineFixture';
import { ADMIN, AGENT, MANAGER, REPORT_PATH, startEngineWithApp } from './engineFixture';
import { storedTag } from '../../lib/storage/layout';
import { DIRTY_TAG } from '../../lib/storage/versions';
import { testZipPath } from './testZip';

let engine: EngineFixture;

const AGENTS = [
    { _id: 'ag-ann', username: 'ann' },
    { _id: 'ag-Bea', username: 'Bea' },
    { _id: 'ag-carl', username: 'carl' },
    { _id: 'ag-dee', username: 'dee' },
];

beforeAll(async () => {
    engine = await startEngineWithApp();
    for (const agent of AGENTS) {
        engine.host.workspace.addUser({ ...agent, name: agent.username, roles: ['livechat-agent'] });
    }
    // 60 rooms over January and February 2024, one at 00:00:00.000 and one at 23:59:59.999 of some days.
    for (let i = 0; i < 60; i++) {
        const day = new Date(Date.UTC(2024, 0, 1 + i, i % 2 ? 23 : 0, i % 2 ? 59 : 0, i % 2 ? 59 : 0, i % 2 ? 999 : 0));
        const agent = i % 7 === 0 ? null : AGENTS[i % AGENTS.length]._id;
        await engine.closeRoom(`room-${i}`, day, agent, i % 11 === 0 ? 0 : 1_000 + i * 7_777);
    }
});

afterAll(async () => {
    await engine?.host.stop();
});

const expectedReport = (start: string, end: string) =>
    averageItems(fullScan(engine.host.workspace.rooms.values(), new Date(start), new Date(end)));

describe('the packaged app in the real engine', () => {
    it('installs and is enabled', async () => {
        expect(await engine.host.isEnabled(engine.appId)).toBe(true);
    });

    it('ships only what runs, and declares IPostLivechatRoomClosed', () => {
        const zip = new AdmZip(testZipPath());
        expect(
            zip
                .getEntries()
                .map((entry) => entry.entryName)
                .sort(),
        ).toEqual(['AgentServiceTimeApp.js', 'app.json', 'i18n/en.json', 'i18n/es.json', 'i18n/pt-BR.json', 'icon.png']);
        expect(JSON.parse(zip.readAsText('app.json')).implements).toContain('IPostLivechatRoomClosed');
    });
});

const RANGES: Array<[string, string, string]> = [
    ['all of January and February', '2024-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z'],
    ['one month', '2024-01-01', '2024-01-31T23:59:59.999Z'],
    ['a range starting and ending inside days', '2024-01-10T12:00:00.000Z', '2024-02-03T12:00:00.000Z'],
    ['a range ending on a room created at 23:59:59.999', '2024-01-01', '2024-01-02T23:59:59.999Z'],
    ['a range ending one ms before that room', '2024-01-01', '2024-01-02T23:59:59.998Z'],
    ['a range with no rooms', '2023-01-01', '2023-12-31'],
];

describe('the report over HTTP', () => {
    it.each(RANGES)('answers %s as the full scan of the rooms does', async (_name, start, end) => {
        const { status, body, contentType } = await engine.get(REPORT_PATH, { start, end, count: '0' });
        const agents = expectedReport(start, end);
        expect(status).toBe(200);
        expect(contentType).toMatch(/^application\/json/);
        expect(body).toEqual({ agents, count: agents.length, offset: 0, total: agents.length, success: true });
    });

    it('answers every range the same once the bucket builder has run, from buckets', async () => {
        const persistence = engine.host.workspace.persistence;
        const dirty = () => persistence.readByAssociations(engine.appId, [storedTag(DIRTY_TAG)]);
        await engine.host.runRecurringJobsNow(engine.appId);
        expect(await dirty()).toEqual([]);
        for (const [, start, end] of RANGES) {
            const agents = expectedReport(start, end);
            expect((await engine.get(REPORT_PATH, { start, end, count: '0' })).body).toEqual({
                agents,
                count: agents.length,
                offset: 0,
                total: agents.length,
                success: true,
            });
        }
    });

    it('pages like the core: offset, count, total', async () => {
        const all = expectedReport('2024-01-01', '2024-03-01');
        expect(all.length).toBe(4);
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-03-01', count: '2', offset: '1' })).body).toEqual({
            agents: all.slice(1, 3),
            count: 2,
            offset: 1,
            total: 4,
            success: true,
        });
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-03-01', offset: '10' })).body).toEqual({
            agents: [],
            count: 0,
            offset: 10,
            total: 4,
            success: true,
        });
    });

    it('sorts Bea before ann (code point order)', async () => {
        const { body } = await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-03-01' });
        expect((body as { agents: Array<{ username: string }> }).agents.map((agent) => agent.username)).toEqual([
            'Bea',
            'ann',
            'carl',
            'dee',
        ]);
    });

    it('answers an empty report when end is before start', async () => {
        expect((await engine.get(REPORT_PATH, { start: '2024-03-01', end: '2024-01-01' })).body).toEqual({
            agents: [],
            count: 0,
            offset: 0,
            total: 0,
            success: true,
        });
    });
});

describe('every error answer over HTTP', () => {
    const range = { start: '2024-01-01', end: '2024-02-01' };
    const invalidParams = (message: string) => ({ success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });

    it('401 without credentials, and with a wrong token', async () => {
        const notLoggedIn = { status: 401, body: { status: 'error', message: 'You must be logged in to do this.' } };
        expect(await engine.get(REPORT_PATH, range, null)).toMatchObject(notLoggedIn);
        expect(await engine.get(REPORT_PATH, range, { _id: MANAGER._id, authToken: 'stolen' })).toMatchObject(notLoggedIn);
    });

    it.each([
        [{ end: '2024-02-01' }, "must have required property 'start'"],
        [{ start: '2024-01-01' }, "must have required property 'end'"],
        [{ ...range, count: 'ten' }, 'must be number'],
        [{ ...range, offset: 'x' }, 'must be number'],
        [{ ...range, count: '-1' }, 'must be >= 0'],
        [{ ...range, agentId: 'x' }, 'must NOT have additional properties'],
        [{ ...range, start: ['2024-01-01', '2024-01-02'] }, 'must be string'],
    ])('400 invalid-params for %j', async (query, message) => {
        expect(await engine.get(REPORT_PATH, query)).toMatchObject({ status: 400, body: invalidParams(message) });
    });

    it('accepts sort and ignores it: the same agents, in the same order, as without it', async () => {
        const sorted = await engine.get(REPORT_PATH, { ...range, sort: '{"username":-1}' });
        const plain = await engine.get(REPORT_PATH, range);
        expect(sorted.status).toBe(200);
        expect((plain.body as { agents: unknown[] }).agents.length).toBeGreaterThan(1);
        expect(sorted.body).toEqual(plain.body);
    });

    it('takes ?count[]=1 as count=1, as Rocket.Chat 8.6 and later do', async () => {
        expect(await engine.get(REPORT_PATH, { ...range, 'count[]': '1' })).toMatchObject({ status: 200, body: { count: 1, offset: 0 } });
    });

    it('403 for a caller without an allowed role', async () => {
        expect(await engine.get(REPORT_PATH, range, AGENT)).toMatchObject({
            status: 403,
            body: { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
        });
    });

    it('400 for an invalid start, then for an invalid end', async () => {
        expect(await engine.get(REPORT_PATH, { start: 'last tuesday', end: 'nope' })).toMatchObject({
            status: 400,
            body: { success: false, error: 'The "start" query parameter must be a valid date.' },
        });
        expect(await engine.get(REPORT_PATH, { start: '2024-01-01', end: 'nope' })).toMatchObject({
            status: 400,
            body: { success: false, error: 'The "end" query parameter must be a valid date.' },
        });
    });
});

describe('the role setting, changed through the engine', () => {
    afterEach(async () => {
        await engine.host.setAppSetting(engine.appId, 'report_roles', 'admin, livechat-manager, livechat-monitor');
    });

    it('lets in exactly the roles it names', async () => {
        await engine.host.setAppSetting(engine.appId, 'report_roles', 'livechat-agent');
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, AGENT)).status).toBe(200);
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, MANAGER)).status).toBe(403);
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, ADMIN)).status).toBe(403);
    });

    it('matches names exactly, ignoring spaces and empty entries in the setting', async () => {
        await engine.host.setAppSetting(engine.appId, 'report_roles', ' livechat-agent , , admin ,');
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, AGENT)).status).toBe(200);
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, ADMIN)).status).toBe(200);
        for (const [i, roles] of [['admins'], ['Admin'], ['livechat-manager2'], ['livechat'], []].entries()) {
            const lookalike = { _id: `lookalike-${i}`, username: `lookalike${i}`, authToken: `lookalike-token-${i}` };
            engine.host.workspace.addUser({ ...lookalike, name: lookalike.username, roles });
            expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, lookalike)).status).toBe(403);
        }
    });

    it('lets no one in when empty', async () => {
        await engine.host.setAppSetting(engine.appId, 'report_roles', '');
        expect((await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-02-01' }, ADMIN)).status).toBe(403);
    });
});

describe('disable and enable', () => {
    it('keep every record', async () => {
        const before = await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-03-01', count: '0' });
        await engine.host.disable(engine.appId);
        expect(await engine.host.isEnabled(engine.appId)).toBe(false);
        await engine.host.enable(engine.appId);
        expect(await engine.host.isEnabled(engine.appId)).toBe(true);
        const after = await engine.get(REPORT_PATH, { start: '2024-01-01', end: '2024-03-01', count: '0' });
        expect(after).toEqual(before);
        expect((after.body as { total: number }).total).toBe(4);
    });
});
