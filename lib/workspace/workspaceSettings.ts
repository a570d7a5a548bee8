import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { parseRoleList } from '../access/roles';
import type { Caller } from '../http/guard';
import { isTimeZone, offsetZone } from '../time/calendar';
import { retentionCutoff } from '../chats/retention';
import { ratingRecheckDelayMs } from '../chats/ratingPickup';
import { businessHoursText } from '../hours/businessHours';
import { AppSetting } from '../settings/appSettings';
import { DEFAULT_PAGINATION_SETTINGS } from '../reports/pagination';
import type { PaginationSettings } from '../reports/pagination';

/** The app's role setting, as a list. */
export async function readReportRoles(read: IRead): Promise<string[]> {
    const value: unknown = await read.getEnvironmentReader().getSettings().getValueById(AppSetting.ReportRoles);
    return parseRoleList(value);
}

/** The app setting "Business hours", as the admin wrote it (checked where it is used: `hours/businessHours.ts`). */
export async function readBusinessHoursSetting(read: IRead): Promise<string> {
    return businessHoursText(await read.getEnvironmentReader().getSettings().getValueById(AppSetting.BusinessHours));
}

/** The retention setting's cut-off now: rooms created before it are not kept (undefined: keep all). */
export async function readRetentionCutoff(read: IRead, now = new Date()): Promise<number | undefined> {
    const months: unknown = await read.getEnvironmentReader().getSettings().getValueById(AppSetting.RetentionMonths);
    return retentionCutoff(months, now);
}

/** How long after a close the app looks again for a rating (the setting "Look again for a rating after (minutes)"), in ms. */
export async function readRatingRecheckDelayMs(read: IRead): Promise<number> {
    return ratingRecheckDelayMs(await read.getEnvironmentReader().getSettings().getValueById(AppSetting.RatingRecheckMinutes));
}

/**
 * The timezone a workspace reports in, as Rocket.Chat picks it (`getTimezone` in
 * apps/meteor/app/livechat/server/lib/getTimezone.ts): the setting `Default_Timezone_For_Reporting`
 * is `custom` (then `Default_Custom_Timezone`), `user` (the caller's `utcOffset`, here as a fixed
 * offset where the core guesses a zone with that offset now) or `server` (the default: the server's
 * own zone, which the core guesses from its process, as the app's runtime on the same machine does).
 * UTC when none can be read.
 */
export async function readReportingTimeZone(read: IRead, caller: Caller): Promise<string> {
    const readSetting = serverSettingReader(read);
    const mode = await readSetting('Default_Timezone_For_Reporting');
    if (mode === 'custom') {
        const custom = await readSetting('Default_Custom_Timezone');
        if (typeof custom === 'string' && isTimeZone(custom)) {
            return custom;
        }
    }
    if (mode === 'user' && typeof caller.utcOffset === 'number') {
        const offset = offsetZone(caller.utcOffset);
        if (offset) {
            return offset;
        }
    }
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return own && isTimeZone(own) ? own : 'UTC';
}

/** The workspace's address (`Site_Url`), if it can be read and is an http(s) URL. */
export async function readSiteUrl(read: IRead): Promise<string | undefined> {
    const siteUrl = await serverSettingReader(read)('Site_Url');
    return typeof siteUrl === 'string' && /^https?:\/\/\S+$/i.test(siteUrl) ? siteUrl : undefined;
}

/**
 * The workspace's REST pagination settings; any one that cannot be read (no `server-setting.read`,
 * or not a usable value) is Rocket.Chat's default for it.
 */
export async function readPaginationSettings(read: IRead): Promise<PaginationSettings> {
    const readSetting = serverSettingReader(read);
    const [defaultCount, upperCountLimit, allowInfiniteCount] = await Promise.all([
        readSetting('API_Default_Count'),
        readSetting('API_Upper_Count_Limit'),
        readSetting('API_Allow_Infinite_Count'),
    ]);
    return {
        defaultCount: positiveOr(defaultCount, DEFAULT_PAGINATION_SETTINGS.defaultCount),
        upperCountLimit: positiveOr(upperCountLimit, DEFAULT_PAGINATION_SETTINGS.upperCountLimit),
        allowInfiniteCount: typeof allowInfiniteCount === 'boolean' ? allowInfiniteCount : DEFAULT_PAGINATION_SETTINGS.allowInfiniteCount,
    };
}

function positiveOr(value: unknown, fallback: number): number {
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** A reader of the workspace's settings: undefined for one it cannot read (no `server-setting.read`, or none by that id). */
function serverSettingReader(read: IRead): (id: string) => Promise<unknown> {
    const serverSettings = read.getEnvironmentReader().getServerSettings();
    return async (id) => {
        try {
            return await serverSettings.getValueById(id);
        } catch {
            return undefined;
        }
    };
}
