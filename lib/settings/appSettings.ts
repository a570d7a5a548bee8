import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { SettingType } from '@rocket.chat/apps-engine/definition/settings';

import { DEFAULT_BUSINESS_HOURS_SETTING } from '../hours/businessHours';
import { DEFAULT_RATING_RECHECK_MINUTES } from '../chats/ratingPickup';

/** The app's own settings, as an admin sees them on the app's page. */
export enum AppSetting {
    ReportRoles = 'report_roles',
    RetentionMonths = 'retention_months',
    BusinessHours = 'business_hours',
    RatingRecheckMinutes = 'rating_recheck_minutes',
}

/** The roles Rocket.Chat gives `view-livechat-manager` by default. */
export const DEFAULT_REPORT_ROLES = 'admin, livechat-manager, livechat-monitor';

export const appSettings: ISetting[] = [
    {
        id: AppSetting.ReportRoles,
        type: SettingType.STRING,
        packageValue: DEFAULT_REPORT_ROLES,
        required: false,
        public: false,
        i18nLabel: 'Report_Roles_Label',
        i18nDescription: 'Report_Roles_Description',
    },
    {
        id: AppSetting.RetentionMonths,
        type: SettingType.NUMBER,
        packageValue: 0,
        required: false,
        public: false,
        i18nLabel: 'Retention_Months_Label',
        i18nDescription: 'Retention_Months_Description',
    },
    {
        id: AppSetting.BusinessHours,
        type: SettingType.CODE,
        packageValue: DEFAULT_BUSINESS_HOURS_SETTING,
        required: false,
        public: false,
        multiline: true,
        i18nLabel: 'Business_Hours_Label',
        i18nDescription: 'Business_Hours_Description',
    },
    {
        id: AppSetting.RatingRecheckMinutes,
        type: SettingType.NUMBER,
        packageValue: DEFAULT_RATING_RECHECK_MINUTES,
        required: false,
        public: false,
        i18nLabel: 'Rating_Recheck_Minutes_Label',
        i18nDescription: 'Rating_Recheck_Minutes_Description',
    },
];
