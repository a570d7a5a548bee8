import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { hasAllowedRole } from '../access/roles';
import type { ApiAnswer } from '../http/answers';
import { notLoggedIn, succeeded } from '../http/answers';
import type { AppRequest, Caller } from '../http/guard';

/** A department the dashboard's picker offers. */
export interface DepartmentChoice {
    _id: string;
    name: string;
}

export interface DashboardContextSources {
    allowedRoles(): Promise<string[]>;
    reportingTimeZone(caller: Caller): Promise<string>;
    /** The workspace's enabled departments that have agents; empty when they cannot be read. */
    departments(): Promise<DepartmentChoice[]>;
}

/** The caller as the dashboard greets them. */
export type DashboardCaller = Caller & Partial<Pick<IUser, 'username' | 'settings'>>;

/**
 * `GET dashboard/context`: what the page needs before its first report, for any logged-in user:
 * who they are, their language, whether their roles may read the reports (a page for someone who
 * may not says so instead of failing each call), and, for those who may, the reporting timezone
 * and the departments to pick from.
 */
export async function answerDashboardContext(
    request: AppRequest & { user?: DashboardCaller },
    sources: DashboardContextSources,
): Promise<ApiAnswer> {
    const caller = request.user;
    if (!caller) {
        return notLoggedIn();
    }
    const identity = {
        username: caller.username ?? '',
        language: caller.settings?.preferences?.language ?? null,
    };
    if (!hasAllowedRole(caller, await sources.allowedRoles())) {
        return succeeded({ ...identity, canRead: false });
    }
    const [timeZone, departments] = await Promise.all([sources.reportingTimeZone(caller), sources.departments()]);
    const byName = [...departments].sort((a, b) => a.name.localeCompare(b.name) || a._id.localeCompare(b._id));
    return succeeded({ ...identity, canRead: true, timeZone, departments: byName });
}
