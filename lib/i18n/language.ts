/** The languages the app speaks: its settings (i18n/), the slash command and the dashboard. */
export const LANGUAGES = ['en', 'es', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The first of the given language tags the app speaks: the exact language, else the same base
 * language (`es-MX` is Spanish, `pt` or `pt-PT` Brazilian Portuguese); English when none is.
 * Tags come, in order of preference, from the user's Rocket.Chat preference (`settings.preferences.language`,
 * which Rocket.Chat hands apps: apps/meteor/app/apps/server/converters/users.ts) and, in the dashboard,
 * the browser's languages.
 */
export function pickLanguage(tags: ReadonlyArray<string | undefined | null>): Language {
    for (const tag of tags) {
        const base = typeof tag === 'string' ? tag.split(/[-_]/)[0].toLowerCase() : '';
        if (base === 'en') {
            return 'en';
        }
        if (base === 'es') {
            return 'es';
        }
        if (base === 'pt') {
            return 'pt-BR';
        }
    }
    return 'en';
}
