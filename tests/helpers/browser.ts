import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

/** Screenshots of each state the browser tests reach, kept as test artefacts. */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '..', '..', 'build', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** What axe-core reports of a page: each rule broken, how serious, and how many elements break it. */
export interface AxeViolation {
    id: string;
    impact: string | null;
    nodes: number;
    targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page as it is now. Injected through the DevTools
 * protocol's evaluate, which the page's Content-Security-Policy does not govern (a script tag would
 * be refused, as it should be).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
    const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(source);
    return page.evaluate(async () => {
        type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
        const { axe } = globalThis as unknown as { axe: { run(options: unknown): Promise<Result> } };
        const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            nodes: violation.nodes.length,
            targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
        }));
    });
}
