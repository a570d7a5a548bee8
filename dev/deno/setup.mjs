// Fills the project's Deno cache (.deno-cache) for every Apps-Engine runtime the project installs (the
// engine it builds against and each engine of the version matrix), so that the engine's
// `deno run --cached-only` can start apps. Run by `npm install` (postinstall) and `npm run setup:deno`.
//
// Each engine's runtime gets its own Deno config, written to .deno-cache/runtime-configs/<engine folder>.jsonc;
// dev/deno/bin/deno swaps it in for the config the engine passes. It differs from the shipped one because of
// this machine's network (docs/local-host.md):
// - the JSR imports (`@std/...`) and the deno.land import of older runtimes point at small local modules
//   (dev/deno/shims): neither JSR nor deno.land is reachable, the npm registry is;
// - the one engine module imported at run time points at its compiled .js (the npm package has no src/);
// - no lock file, so that caching does not depend on the shipped lock's JSR entries.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import enginePackagesModule from '../enginePackages.cjs';

const { enginePackages } = enginePackagesModule;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const shims = path.join(here, 'shims');
const cacheRoot = path.join(root, '.deno-cache');
const configDir = path.join(cacheRoot, 'runtime-configs');

/**
 * The Deno each engine runs on, as Rocket.Chat ships them: 7.x to 8.2 (engines up to 1.60) run
 * Deno 1.43.5 and 8.5 on (1.63 on) Deno 2.3.1, per the "Engine versions" of their release notes.
 * npm's oldest Deno 1 is 1.46.3 (devDependency `deno-1`); 1.62.0 has run on Deno 2 here from the start.
 * Each Deno major keeps its own cache folder.
 */
function denoFor(engineVersion) {
    const [major, minor] = engineVersion.split('.').map(Number);
    if (major === 1 && minor <= 60) {
        return { binary: findBinary(path.join(root, 'node_modules', 'deno-1')), cache: path.join(cacheRoot, 'deno1') };
    }
    return { binary: findBinary(path.join(root, 'node_modules', 'deno')), cache: cacheRoot };
}

/** The platform binary an npm `deno` package installed (nested when the package is an alias). */
function findBinary(denoPackageDir) {
    const pkg = path.join(denoPackageDir, 'package.json');
    const wanted = fs.existsSync(pkg) ? JSON.parse(fs.readFileSync(pkg, 'utf8')).version : undefined;
    for (const scope of [path.join(denoPackageDir, 'node_modules', '@deno'), path.join(root, 'node_modules', '@deno')]) {
        for (const platform of fs.existsSync(scope) ? fs.readdirSync(scope) : []) {
            const dir = path.join(scope, platform);
            const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
            if (version === wanted && fs.existsSync(path.join(dir, 'deno'))) return path.join(dir, 'deno');
        }
    }
    throw new Error(`setup:deno: no Deno binary for ${path.relative(root, denoPackageDir)}: run npm install`);
}

function runtimeConfig(engineDir, denoMajor) {
    return {
        imports: {
            '@msgpack/msgpack': 'npm:@msgpack/msgpack@3.0.0-beta2',
            '@rocket.chat/apps-engine/definition/exceptions/AppsEngineException.ts': path.join(
                engineDir,
                'definition',
                'exceptions',
                'AppsEngineException.js',
            ),
            // require() inside the runtime strips "apps-engine/src/" to find the compiled files.
            '@rocket.chat/apps-engine/': path.join(engineDir, 'src') + '/',
            '@rocket.chat/ui-kit': 'npm:@rocket.chat/ui-kit@^0.31.22',
            '@std/cli/parse-args': path.join(shims, 'parse-args.ts'),
            '@std/io': path.join(shims, 'io.ts'),
            '@std/streams': path.join(shims, 'streams.ts'),
            // Runtimes before 1.59 import writeAll from deno.land.
            'https://deno.land/std@0.216.0/io/write_all.ts': path.join(shims, 'io.ts'),
            acorn: 'npm:acorn@8.10.0',
            'acorn-walk': 'npm:acorn-walk@8.2.0',
            astring: 'npm:astring@1.8.6',
            'jsonrpc-lite': 'npm:jsonrpc-lite@2.2.0',
            'stack-trace': 'npm:stack-trace@0.0.10',
            uuid: 'npm:uuid@8.3.2',
        },
        lock: false,
        // Deno 2 only: Deno 1 treats .js files as CommonJS by itself, and warns of the unknown flag.
        ...(denoMajor >= 2 ? { unstable: ['detect-cjs'] } : {}),
    };
}

function main() {
    const engines = enginePackages().filter((engine) => engine.hasRuntime);
    if (engines.length === 0) {
        console.error('setup:deno: no Apps-Engine runtime under node_modules; run npm install first');
        process.exit(1);
    }
    // Written afresh: a config left from an engine no longer installed would only mislead.
    fs.rmSync(configDir, { recursive: true, force: true });
    fs.mkdirSync(configDir, { recursive: true });
    for (const { dir: engineDir, version } of engines) {
        const deno = denoFor(version);
        const name = path.basename(engineDir);
        const config = path.join(configDir, `${name}.jsonc`);
        const denoVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(deno.binary), 'package.json'), 'utf8')).version;
        fs.writeFileSync(config, JSON.stringify(runtimeConfig(engineDir, Number(denoVersion.split('.')[0])), null, 4) + '\n');
        // Read by dev/deno/bin/deno: which binary and which cache this engine's runtime gets.
        fs.writeFileSync(path.join(configDir, `${name}.env`), `DENO_BINARY='${deno.binary}'\nDENO_DIR='${deno.cache}'\n`);
        execFileSync(deno.binary, ['cache', '--quiet', `--config=${config}`, path.join(engineDir, 'deno-runtime', 'main.ts')], {
            stdio: 'inherit',
            env: { ...process.env, DENO_DIR: deno.cache, DENO_TLS_CA_STORE: 'system', DENO_NO_UPDATE_CHECK: '1' },
        });
        console.log(`setup:deno: Apps-Engine ${version}'s runtime cached for Deno ${denoVersion} (${path.relative(root, engineDir)})`);
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
