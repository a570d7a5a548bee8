import type { IUser } from '@rocket.chat/apps-engine/definition/users';

/**
 * The role setting as a list: comma-separated names, each trimmed, empty entries dropped.
 * An empty setting is an empty list, which lets no one in.
 */
export function parseRoleList(setting: unknown): string[] {
    if (typeof setting !== 'string') {
        return [];
    }
    return setting
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role.length > 0);
}

/**
 * Rocket.Chat gives apps no way to ask for a permission, so the app stands in for
 * `view-livechat-manager` with its holders' role names. Names match exactly, case included,
 * as Rocket.Chat's role ids do.
 */
export function hasAllowedRole(user: Pick<IUser, 'roles'>, allowedRoles: readonly string[]): boolean {
    const roles = Array.isArray(user.roles) ? user.roles : [];
    return roles.some((role) => allowedRoles.includes(role));
}
