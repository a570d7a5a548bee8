// The checks `npm test` runs before jest, named once: `node dev/checks.mjs` runs them all, `typecheck`
// or `lint` one group (npm run typecheck / lint). Two at a time (the machines have 2 cores), each
// command's output printed whole when it ends. Exits 1 if any failed.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// As npm runs scripts: the project's own tools first on PATH, run from the project root.
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };

const GROUPS = {
    // The app against the engine it is built with, the floor's and the newest definitions, and the browser code.
    typecheck: ['tsc -p .', 'tsc -p tsconfig.floor.json', 'tsc -p tsconfig.newest.json', 'tsc -p dashboard'],
    // Style, and the layers of lib/ without cycles (.dependency-cruiser.cjs).
    lint: [
        'eslint .',
        'prettier --check --log-level warn .',
        'depcruise --config .dependency-cruiser.cjs lib endpoints jobs slashcommands dashboard AgentServiceTimeApp.ts',
    ],
};
const asked = process.argv.slice(2);
for (const name of asked) {
    if (!(name in GROUPS)) {
        console.error(`Unknown group ${name}: ${Object.keys(GROUPS).join(', ')}`);
        process.exit(2);
    }
}
const CHECKS = (asked.length > 0 ? asked : Object.keys(GROUPS)).flatMap((name) => GROUPS[name]);

function run(command) {
    return new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(command, { shell: true, env, cwd: root });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => {
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${command} (${seconds} s)\n${code === 0 ? '' : output}`);
            resolve(code === 0);
        });
    });
}

const queue = [...CHECKS];
const results = [];
const workers = Array.from({ length: Math.min(2, cpus().length, queue.length) }, async () => {
    while (queue.length > 0) {
        results.push(await run(queue.shift()));
    }
});
await Promise.all(workers);
process.exit(results.every(Boolean) ? 0 : 1);
