import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IDepartment } from '@rocket.chat/apps-engine/definition/livechat';
import type { IUIKitModalViewParam } from '@rocket.chat/apps-engine/definition/uikit/UIKitInteractionResponder';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import type { DashboardContextSources, DepartmentChoice } from '../dashboard/context';
import { dashboardDialog } from '../dashboard/openButton';
import { dashboardUrl } from '../dashboard/page';
import { DASHBOARD_STRINGS } from '../dashboard/strings';
import { pickLanguage } from '../i18n/language';
import { readReportingTimeZone, readReportRoles, readSiteUrl } from './workspaceSettings';

/** The dashboard's address in this workspace; undefined when `Site_Url` cannot be read. */
export async function readDashboardUrl(read: IRead, appId: string): Promise<string | undefined> {
    const siteUrl = await readSiteUrl(read);
    return siteUrl && dashboardUrl(siteUrl, appId);
}

/**
 * The user menu's dialog, in the user's language, linking the dashboard: at `Site_Url` when it can
 * be read, else at the path under the workspace the browser is on.
 */
export async function openDashboardDialog(read: IRead, appId: string, user: Pick<IUser, 'settings'>): Promise<IUIKitModalViewParam> {
    const strings = DASHBOARD_STRINGS[pickLanguage([user.settings?.preferences?.language])];
    return dashboardDialog(strings, dashboardUrl((await readSiteUrl(read)) ?? '', appId));
}

export function workspaceDashboardSources(read: IRead): DashboardContextSources {
    return {
        allowedRoles: () => readReportRoles(read),
        reportingTimeZone: (caller) => readReportingTimeZone(read, caller),
        departments: () => readDepartments(read),
    };
}

/**
 * The departments Rocket.Chat lists as enabled with agents. The engine answers this call only to an
 * app granted `livechat-department.multiple`, and nothing at all otherwise: a workspace that refuses
 * it leaves the picker with "all departments" only, and the reports still answer.
 */
export async function readDepartments(read: IRead): Promise<DepartmentChoice[]> {
    try {
        const departments: unknown = await read.getLivechatReader().getDepartmentsEnabledWithAgents();
        return Array.isArray(departments)
            ? departments.map((department: IDepartment) => ({ _id: department.id, name: department.name || department.id }))
            : [];
    } catch {
        return [];
    }
}
