// Installs the browser the dashboard's tests drive: Debian's `chromium` (playwright-core drives it;
// no browser is downloaded from the internet). Run by `npm install` (postinstall) and
// `npm run setup:browser`. Where Chromium is already at CHROMIUM_PATH (default /usr/bin/chromium)
// it does nothing. Installing needs root and apt-get; without them it says what to install and
// carries on, except under CI, where the tests would fail without it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const strict = Boolean(process.env.CI);

function aptInstall() {
    const run = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    try {
        run(['install', '-y', '--no-install-recommends', 'chromium']);
    } catch {
        // A fresh machine may hold no package lists yet.
        run(['update']);
        run(['install', '-y', '--no-install-recommends', 'chromium']);
    }
}

if (fs.existsSync(chromium)) {
    process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt || process.env.CHROMIUM_PATH) {
    const message = `The dashboard's browser tests need Chromium at ${chromium}: install Debian's package (sudo apt-get install chromium), or point CHROMIUM_PATH at a Chromium or Chrome.`;
    console.error(message);
    process.exit(strict ? 1 : 0);
}
console.log("Installing Debian's chromium for the dashboard's browser tests...");
try {
    aptInstall();
} catch (error) {
    console.error(`apt-get could not install chromium: ${error instanceof Error ? error.message : error}`);
    process.exit(strict ? 1 : 0);
}
