// The Apps-Engine packages the project installs: `@rocket.chat/apps-engine` (the engine the app is built
// against) and every devDependency aliased to it (`apps-engine-1.58.1`: `npm:@rocket.chat/apps-engine@1.58.1`),
// the version matrix. One list for dev/deno/setup.mjs (which Deno runtimes to cache) and jest.config.js
// (which engines to test on). CommonJS, so that both can load it.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** @returns {Array<{name: string, dir: string, version: string, hasRuntime: boolean}>} the installed engines, the default first */
function enginePackages() {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    return Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })
        .filter(([name, spec]) => name === '@rocket.chat/apps-engine' || String(spec).startsWith('npm:@rocket.chat/apps-engine@'))
        .map(([name]) => path.join(root, 'node_modules', name))
        .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
        .map((dir) => ({
            name: path.relative(path.join(root, 'node_modules'), dir),
            dir,
            version: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version,
            // 1.65 on ship only their definitions: no server runtime to run apps in.
            hasRuntime:
                fs.existsSync(path.join(dir, 'deno-runtime', 'main.ts')) && fs.existsSync(path.join(dir, 'server', 'AppManager.js')),
        }));
}

module.exports = { enginePackages };
