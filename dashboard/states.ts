import type { DashboardStrings } from '../lib/dashboard/strings';
import { el } from './dom';

/** A whole-page state in place of the dashboard: not logged in, not allowed, or a failure before any data. */
export function showState(root: HTMLElement, id: string, title: string, lines: Array<string | HTMLElement>): void {
    root.replaceChildren(
        el('section', { class: 'state', attrs: { id } }, [
            el('h1', { text: title }),
            ...lines.map((line) => (typeof line === 'string' ? el('p', { text: line }) : line)),
        ]),
    );
    performance.mark('dashboard-ready');
}

export function showNotLoggedIn(root: HTMLElement, strings: DashboardStrings): void {
    // Rocket.Chat shows its login form at any route of the workspace for a logged-out browser.
    const link = el('a', { text: strings.logIn, attrs: { href: new URL('/home', location.href).href } });
    showState(root, 'not-logged-in', strings.title, [strings.notLoggedIn, el('p', {}, [link])]);
}

export function showForbidden(root: HTMLElement, strings: DashboardStrings, username: string): void {
    showState(
        root,
        'forbidden',
        strings.title,
        [username ? strings.signedInAs(username) : '', strings.forbidden, strings.forbiddenHelp].filter(Boolean),
    );
}
