import * as fs from 'fs';
import * as path from 'path';

const projectRoot = path.resolve(__dirname, '..', '..');
export const DENO_LAUNCHER_DIR = path.join(projectRoot, 'dev', 'deno', 'bin');
export const DENO_CACHE_DIR = path.join(projectRoot, '.deno-cache');
const RUNTIME_ENTRY = path.join(projectRoot, 'node_modules', '@rocket.chat', 'apps-engine', 'deno-runtime', 'main.ts');

/** Says exactly which install step did not run, instead of a runtime that never starts. */
export function assertDenoReady(): void {
    const binaries = path.join(projectRoot, 'node_modules', '@deno');
    if (!fs.existsSync(binaries) || !fs.readdirSync(binaries).some((dir) => fs.existsSync(path.join(binaries, dir, 'deno')))) {
        throw new Error('No Deno binary under node_modules/@deno: run `npm install` (the `deno` package ships it).');
    }
    if (!fs.existsSync(RUNTIME_ENTRY)) {
        throw new Error('No Apps-Engine Deno runtime under node_modules: run `npm install`.');
    }
    if (!fs.existsSync(path.join(DENO_CACHE_DIR, 'npm'))) {
        throw new Error('The Deno cache is empty: run `npm run setup:deno` (npm install runs it) to fill .deno-cache.');
    }
}
