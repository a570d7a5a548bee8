import * as fs from 'fs';
import * as path from 'path';

import { CONTENT_SECURITY_POLICY, dashboardShell, dashboardUrl } from '../../../lib/dashboard/page';
import { DASHBOARD_STRINGS } from '../../../lib/dashboard/strings';
import { LANGUAGES } from '../../../lib/i18n/language';

describe('the dashboard page', () => {
    it('is addressed under the workspace’s Site_Url, with or without its trailing slash', () => {
        expect(dashboardUrl('https://chat.example.com/', 'app-1')).toBe('https://chat.example.com/api/apps/public/app-1/dashboard');
        expect(dashboardUrl('https://example.com/chat', 'app-1')).toBe('https://example.com/chat/api/apps/public/app-1/dashboard');
        expect(dashboardUrl('', 'app-1')).toBe('/api/apps/public/app-1/dashboard');
    });

    it('loads only its own script and style, which the policy allows and nothing else', () => {
        const html = dashboardShell('1.3.0');
        expect(html).toMatch(/<script defer src="dashboard\.js\?v=1\.3\.0"><\/script>/);
        expect(html).not.toMatch(/<script>|<style|\sstyle=|\son\w+=/);
        expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
        expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    });

    it('names, in each language, the app setting an administrator changes, as the settings page labels it', () => {
        for (const language of LANGUAGES) {
            const labels = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'i18n', `${language}.json`), 'utf8'));
            expect(DASHBOARD_STRINGS[language].forbiddenHelp).toContain(`"${labels.Report_Roles_Label}"`);
            expect(labels.Dashboard_Button_Label).toBe(DASHBOARD_STRINGS[language].dialogTitle);
        }
    });
});
