import express from 'express';

/** A user the login page offers. */
export interface LoginChoice {
    userId: string;
    username: string;
    name: string;
    roles: string[];
    authToken: string;
}

export interface LoginPageOptions {
    users(): LoginChoice[];
    /** Where a login lands: the dashboard of the installed app, when there is one. */
    landing(): string | undefined;
}

/**
 * The host's stand-in for Rocket.Chat's login, at `/home` as in a workspace: pick a user, and the
 * browser gets the two cookies the web client writes after a login (`rc_uid`, `rc_token`, path `/`,
 * values `encodeURI`d, readable by scripts: useStoreCookiesOnLogin in
 * apps/meteor/client/views/root/hooks/loggedIn/useStoreCookiesOnLogin.ts). A page on the same origin
 * then reads them as it would in a workspace. The tokens are the demo users' own; nothing here is a
 * real secret.
 */
export function loginPage(options: LoginPageOptions): express.Router {
    const router = express.Router();
    router.use('/home', express.urlencoded({ extended: false }));
    router.get('/home', (req, res) => {
        const loggedIn = options.users().find((user) => user.userId === decodeURI(readCookie(req, 'rc_uid') ?? ''));
        res.set('content-type', 'text/html; charset=utf-8');
        res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'");
        res.send(page(options.users(), loggedIn, options.landing()));
    });
    router.post('/home', (req, res) => {
        const user = options.users().find((choice) => choice.userId === req.body?.userId);
        if (!user) {
            res.status(400).send('Unknown user');
            return;
        }
        res.append('set-cookie', `rc_uid=${encodeURI(user.userId)}; path=/`);
        res.append('set-cookie', `rc_token=${encodeURI(user.authToken)}; path=/`);
        res.redirect(303, options.landing() ?? '/home');
    });
    router.post('/home/logout', (_req, res) => {
        // Rocket.Chat's logout leaves the cookies behind; clearing them here shows the logged-out page too.
        res.append('set-cookie', 'rc_uid=; path=/; max-age=0');
        res.append('set-cookie', 'rc_token=; path=/; max-age=0');
        res.redirect(303, '/home');
    });
    return router;
}

function readCookie(req: express.Request, name: string): string | undefined {
    for (const pair of (req.header('cookie') ?? '').split(';')) {
        const [key, ...value] = pair.trim().split('=');
        if (key === name) {
            return value.join('=');
        }
    }
    return undefined;
}

const escapeHtml = (text: string) =>
    text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);

function page(users: LoginChoice[], loggedIn: LoginChoice | undefined, landing: string | undefined): string {
    const choices = users
        .map(
            (user) => `<li><form method="post" action="/home"><input type="hidden" name="userId" value="${escapeHtml(user.userId)}">
<button type="submit">Log in as ${escapeHtml(user.username)}</button> <span>${escapeHtml(user.name)}; roles: ${escapeHtml(user.roles.join(', '))}</span></form></li>`,
        )
        .join('\n');
    const status = loggedIn
        ? `<p>Logged in as <b>${escapeHtml(loggedIn.username)}</b>.${landing ? ` <a href="${escapeHtml(landing)}">Open the dashboard</a>.` : ''}</p>
<form method="post" action="/home/logout"><button type="submit">Log out</button></form>`
        : '<p>Not logged in.</p>';
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in: Agent Service Time playground</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:40px auto;padding:0 16px}li{margin:8px 0}button{padding:6px 12px}</style></head>
<body><h1>Playground login</h1>
<p>This stands in for Rocket.Chat's login: it sets the cookies the web client sets, so the dashboard works as in a workspace.</p>
${status}
<ul>${choices}</ul>
</body></html>
`;
}
