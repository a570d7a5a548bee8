import type { ApiAnswer } from './answers';
import { succeeded } from './answers';
import type { AppRequest } from './guard';
import { guard } from './guard';
import { parseBusinessHours, WEEKDAYS } from '../hours/businessHours';
import type { Schedule } from '../hours/businessHours';

export interface BusinessHoursSources {
    allowedRoles(): Promise<string[]>;
    businessHoursSetting(): Promise<string>;
}

/**
 * `GET .../livechat/analytics/business-hours`: whether the app setting "Business hours" reads, and
 * either the schedules as the reports will use them or every problem in it, in plain words. The
 * reports' guard: 401 without a caller, 403 without a report role.
 */
export async function answerBusinessHours(request: AppRequest, sources: BusinessHoursSources): Promise<ApiAnswer> {
    const allowed = await guard(request, () => sources.allowedRoles());
    if (!allowed.ok) {
        return allowed.answer;
    }
    const parsed = parseBusinessHours(await sources.businessHoursSetting());
    if (!parsed.ok) {
        return succeeded({ valid: false, problems: parsed.problems });
    }
    const { value } = parsed;
    return succeeded({
        valid: true,
        default: describe(value.default),
        departments: Object.fromEntries([...value.departments].map(([id, schedule]) => [id, describe(schedule)])),
    });
}

/** A schedule back in the setting's own words. */
function describe(schedule: Schedule) {
    const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return {
        timezone: schedule.timeZone,
        week: Object.fromEntries(WEEKDAYS.map((day, i) => [day, schedule.week[i].map(([from, to]) => `${time(from)}-${time(to)}`)])),
        holidays: [...schedule.holidays].sort(),
    };
}
