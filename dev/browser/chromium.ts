import * as fs from 'fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, which `npm install` installs (dev/browser/setup.mjs); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Chromium headless, for the browser tests and the dashboard's bench. */
export async function launchChromium(): Promise<Browser> {
    if (!fs.existsSync(CHROMIUM_PATH)) {
        throw new Error(`No Chromium at ${CHROMIUM_PATH}: run npm run setup:browser (Debian's chromium), or set CHROMIUM_PATH.`);
    }
    return chromium.launch({
        executablePath: CHROMIUM_PATH,
        // Root in CI needs --no-sandbox; the machine's closed network refuses Chromium's background calls.
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
}
