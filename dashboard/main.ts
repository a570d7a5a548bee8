import { DASHBOARD_ROUTES } from '../lib/http/routes';
import { DASHBOARD_STRINGS } from '../lib/dashboard/strings';
import { pickLanguage } from '../lib/i18n/language';
import type { Login } from './api';
import { ApiClient, ApiError, readLogin } from './api';
import type { DashboardContext } from './dashboardPage';
import { Dashboard } from './dashboardPage';
import { showForbidden, showNotLoggedIn, showState } from './states';

/** The page's script: reads the login and the caller's context, then opens the dashboard in their language (or says why not). */
async function main(): Promise<void> {
    const root = document.getElementById('dashboard');
    if (!root) {
        return;
    }
    const browserLanguages = [...navigator.languages];
    let strings = DASHBOARD_STRINGS[pickLanguage(browserLanguages)];
    document.title = strings.title;
    const login: Login | undefined = readLogin(document.cookie);
    if (!login) {
        showNotLoggedIn(root, strings);
        return;
    }
    const api = new ApiClient(login, location.href);
    let context: DashboardContext;
    try {
        context = await api.json<DashboardContext>(DASHBOARD_ROUTES.context);
    } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
            showNotLoggedIn(root, strings);
        } else {
            showState(root, 'failed', strings.title, [strings.error(error instanceof Error ? error.message : String(error))]);
        }
        return;
    }
    const language = pickLanguage([context.language, ...browserLanguages]);
    strings = DASHBOARD_STRINGS[language];
    document.documentElement.lang = language;
    document.title = strings.title;
    if (!context.canRead) {
        showForbidden(root, strings, context.username);
        return;
    }
    new Dashboard(root, api, context, strings).start();
}

void main();
