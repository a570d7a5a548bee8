import { DASHBOARD_ROUTES } from '../http/routes';
import { underSiteUrl } from '../util/siteUrl';

/**
 * Only the app's own script, style and endpoints: no inline script or style, no other origin, no
 * plugin, no form target, no `<base>`, and no framing by other sites. The page renders every value
 * it reads with `textContent`, so a username holding markup stays text even without this policy.
 */
export const CONTENT_SECURITY_POLICY = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
].join('; ');

/** The headers of everything the dashboard serves. */
export function dashboardHeaders(contentType: string): Record<string, string> {
    return {
        'content-type': contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        // A new version of the app serves a new script; the `v` parameter below makes browsers fetch it.
        'cache-control': 'no-cache',
    };
}

/**
 * The page itself: a shell with no data and no credentials in it, served to anyone. Its script
 * (`dashboard/` in the repository, bundled into the zip) reads the Rocket.Chat login and fills it.
 * Relative addresses: the shell, its script and the app's endpoints share the app's public base.
 */
export function dashboardShell(appVersion: string): string {
    const version = encodeURIComponent(appVersion);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Agent Service Time</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${DASHBOARD_ROUTES.style}?v=${version}">
<script defer src="${DASHBOARD_ROUTES.script}?v=${version}"></script>
</head>
<body>
<main id="dashboard" aria-live="polite"><p class="state">Loading…</p></main>
<noscript>This dashboard needs JavaScript.</noscript>
</body>
</html>
`;
}

/** The dashboard's address in a workspace whose `Site_Url` is given (a trailing slash or not). */
export function dashboardUrl(siteUrl: string, appId: string): string {
    return underSiteUrl(siteUrl, `/api/apps/public/${appId}/${DASHBOARD_ROUTES.page}`);
}
