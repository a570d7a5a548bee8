import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

/** Screenshots of each state the browser tests reach, kept as test artefacts. */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '..', '..', 'build', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
