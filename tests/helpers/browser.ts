import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, which `npm install` installs (dev/browser/setup.mjs); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Screenshots of each state the browser tests reach, kept as test artefacts. */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '..', '..', 'build', 'screenshots');

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

export async function screenshot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
