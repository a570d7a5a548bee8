import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { hasAllowedRole } from '../access/roles';
import type { ApiAnswer } from './answers';
import { notAllowed, notLoggedIn } from './answers';

/** The caller as the engine hands it: Rocket.Chat's user converted to an `IUser`, if logged in (its offset read by the series). */
export type Caller = Pick<IUser, 'roles'> & Partial<Pick<IUser, 'utcOffset'>>;

/** A request as the app's request handlers read it, whatever the route. */
export interface AppRequest {
    user?: Caller;
    query: unknown;
    /** Lower-case names, as Express hands them. */
    headers?: Record<string, string | undefined>;
}

/** A request check's outcome: the checked value, or the answer that refuses the request. */
export type Checked<T> = { ok: true; value: T } | { ok: false; answer: ApiAnswer };

const NOTHING_TO_CHECK = (): Checked<undefined> => ({ ok: true, value: undefined });

/**
 * The checks every authenticated route makes, in Rocket.Chat's order (its REST router validates
 * parameters before permissions): 401 without a caller (Rocket.Chat answers `authRequired` routes
 * so before the app runs; the app answers the same if it ever gets none), then the route's own
 * request check, then 403 unless the caller holds a report role (`access/roles.ts`). Roles are read
 * only once the checks before them have passed.
 */
export async function guard<T>(
    request: AppRequest,
    allowedRoles: () => Promise<string[]>,
    checkRequest: () => Checked<T>,
): Promise<Checked<T>>;
export async function guard(request: AppRequest, allowedRoles: () => Promise<string[]>): Promise<Checked<undefined>>;
export async function guard<T>(
    request: AppRequest,
    allowedRoles: () => Promise<string[]>,
    checkRequest?: () => Checked<T>,
): Promise<Checked<T | undefined>> {
    if (!request.user) {
        return { ok: false, answer: notLoggedIn() };
    }
    const checked = (checkRequest ?? NOTHING_TO_CHECK)();
    if (!checked.ok) {
        return checked;
    }
    return hasAllowedRole(request.user, await allowedRoles()) ? checked : { ok: false, answer: notAllowed() };
}
