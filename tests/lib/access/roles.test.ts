import { hasAllowedRole, parseRoleList } from '../../../lib/access/roles';
import { DEFAULT_REPORT_ROLES } from '../../../lib/settings/appSettings';

describe('the role setting', () => {
    it('defaults to the holders of view-livechat-manager', () => {
        expect(parseRoleList(DEFAULT_REPORT_ROLES)).toEqual(['admin', 'livechat-manager', 'livechat-monitor']);
    });

    it('trims names and drops empty entries', () => {
        expect(parseRoleList(' admin ,, livechat-manager ,')).toEqual(['admin', 'livechat-manager']);
    });

    it('is an empty list when empty or not text', () => {
        expect(parseRoleList('')).toEqual([]);
        expect(parseRoleList(' , ')).toEqual([]);
        expect(parseRoleList(undefined)).toEqual([]);
    });
});

describe('who may read the reports', () => {
    const allowed = parseRoleList(DEFAULT_REPORT_ROLES);

    it('lets in a caller holding any allowed role', () => {
        expect(hasAllowedRole({ roles: ['user', 'livechat-monitor'] }, allowed)).toBe(true);
    });

    it('matches names exactly: no prefix, suffix or case variant', () => {
        for (const role of ['admins', 'livechat-manager2', 'Admin', 'LIVECHAT-MANAGER', 'livechat', ' admin']) {
            expect(hasAllowedRole({ roles: [role] }, allowed)).toBe(false);
        }
    });

    it('lets no one in when the caller has no roles or the setting is empty', () => {
        expect(hasAllowedRole({ roles: [] }, allowed)).toBe(false);
        expect(hasAllowedRole({ roles: undefined as unknown as string[] }, allowed)).toBe(false);
        expect(hasAllowedRole({ roles: ['admin'] }, [])).toBe(false);
    });
});
