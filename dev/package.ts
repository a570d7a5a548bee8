/**
 * `npm run package`: the installable zip, holding only what runs.
 *
 * 1. `rc-apps package` compiles and checks the app from a staging folder that holds only the app's
 *    own sources (run in the project root it would compile and zip the tests, the host and the
 *    lock file too), and rewrites app.json's `implements` from the main class.
 * 2. Its compiled files are bundled into the one class file with esbuild: inside a workspace an app
 *    may `require` no npm package but `uuid`, so AJV must travel inside the app's code.
 *    The dashboard's browser code (dashboard/, with uPlot) is bundled too and travels in the same
 *    file as two strings, in place of lib/dashboard/assets.ts: the app serves them from its endpoints.
 * 3. dist/<nameSlug>_<version>.zip is written with that file, app.json, icon.png and i18n/.
 */
import AdmZip from 'adm-zip';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { execFileSync } from 'child_process';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';

import { AJV_OPTIONS, QUERY_SCHEMAS } from '../lib/http/queryValidators';

export const projectRoot = path.resolve(__dirname, '..');
const APP_SOURCES = ['app.json', 'AgentServiceTimeApp.ts', 'endpoints', 'jobs', 'lib', 'slashcommands', 'i18n', 'icon.png'];

interface AppJson {
    id: string;
    name: string;
    requiredApiVersion: string;
    nameSlug: string;
    version: string;
    classFile: string;
    iconFile: string;
}

export function readAppJson(root = projectRoot): AppJson {
    return JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
}

export interface PackageOptions {
    root?: string;
    /** Package the same sources as another version (tests of app updates use it). */
    version?: string;
    /** Where the zip goes: `dist/` by default; tests build into a temporary folder. */
    outDir?: string;
}

/** The app.json inside a packaged zip. */
export function readZipAppInfo(zip: Buffer): IAppInfo {
    const entry = new AdmZip(zip).getEntry('app.json');
    if (!entry) {
        throw new Error('The zip holds no app.json: it is not a Rocket.Chat app');
    }
    return JSON.parse(entry.getData().toString('utf8')) as IAppInfo;
}

/** The lowest engine the app runs on: app.json's `requiredApiVersion`, a caret range. */
export function engineFloor(app: AppJson): string {
    const floor = /^\^(\d+\.\d+\.\d+)$/.exec(app.requiredApiVersion);
    if (!floor) {
        throw new Error(`app.json's requiredApiVersion must be a caret range such as ^1.53.0, not ${app.requiredApiVersion}`);
    }
    return floor[1];
}

export function packagePath({ root = projectRoot, version, outDir = path.join(root, 'dist') }: PackageOptions = {}): string {
    const app = readAppJson(root);
    return path.join(outDir, `${app.nameSlug}_${version ?? app.version}.zip`);
}

/**
 * rc-apps type-checks with the `node` types but resolves no imports inside them, so @types/node 20
 * (which imports undici-types) fails its check: the staging folder gets @types/node 16
 * (devDependency `rc-apps-node-types`), which imports nothing, and every other package as it is.
 */
function linkPackagesForCompiler(root: string, stage: string): void {
    const modules = path.join(stage, 'node_modules');
    fs.mkdirSync(modules);
    for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
        if (entry !== '@types' && !entry.startsWith('.')) {
            fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
        }
    }
    fs.mkdirSync(path.join(modules, '@types'));
    fs.symlinkSync(path.join(root, 'node_modules', 'rc-apps-node-types'), path.join(modules, '@types', 'node'));
}

/**
 * The dashboard's script and style sheet, minified. uPlot's copyright comment is not a `/*!` one,
 * which minifiers keep, so its licence line is written as the bundles' banner.
 */
export async function buildDashboardAssets(root = projectRoot): Promise<{ script: string; style: string }> {
    const uplot = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'uplot', 'package.json'), 'utf8')) as {
        version: string;
        license: string;
    };
    const licence = `/*! uPlot v${uplot.version} | (c) Leon Sorokin | ${uplot.license} | https://github.com/leeoniya/uPlot */`;
    const common = { bundle: true, write: false, minify: true, legalComments: 'inline', logLevel: 'warning', target: 'es2020' } as const;
    const [script, style] = await Promise.all([
        build({
            ...common,
            entryPoints: [path.join(root, 'dashboard', 'main.ts')],
            platform: 'browser',
            format: 'iife',
            banner: { js: licence },
        }),
        build({ ...common, entryPoints: [path.join(root, 'dashboard', 'style.css')], banner: { css: licence } }),
    ]);
    return { script: script.outputFiles[0].text, style: style.outputFiles[0].text };
}

/** Puts the built dashboard in place of the compiled lib/dashboard/assets.js. */
function dashboardAssetsPlugin(assets: { script: string; style: string }): Plugin {
    return {
        name: 'dashboard-assets',
        setup(bundler) {
            bundler.onLoad({ filter: /[\\/]lib[\\/]dashboard[\\/]assets\.js$/ }, () => ({
                contents: `exports.DASHBOARD_ASSETS = ${JSON.stringify(assets)};`,
                loader: 'js',
            }));
        },
    };
}

/**
 * Puts the query validators, compiled now into AJV's standalone code, in place of the compiled
 * lib/http/queryValidators.js, which would compile them at run time: the zip then carries the
 * validators (and AJV's few runtime helpers they name), not AJV's compiler. The end-to-end suites
 * check every answer of the packaged app, so the swap changes no message.
 */
function queryValidatorsPlugin(root: string): Plugin {
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
    for (const [name, schema] of Object.entries(QUERY_SCHEMAS)) {
        ajv.addSchema(schema, name);
    }
    const names = Object.fromEntries(Object.keys(QUERY_SCHEMAS).map((name) => [name, name]));
    const validators = standaloneCode(ajv, names);
    return {
        name: 'query-validators',
        setup(bundler) {
            bundler.onLoad({ filter: /[\\/]lib[\\/]http[\\/]queryValidators\.js$/ }, () => ({
                contents: `${validators}\nexports.queryValidator = (name) => exports[name];\n`,
                loader: 'js',
                resolveDir: root,
            }));
        },
    };
}

/** Builds the zip and answers its path; the staging folder is removed, whatever happens. */
export async function packageApp(options: PackageOptions = {}): Promise<string> {
    // Outside the project, so that no folder above it holds the project's @types.
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-stage-'));
    try {
        return await packageFromStage(stage, options);
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

async function packageFromStage(stage: string, options: PackageOptions): Promise<string> {
    const { root = projectRoot, version } = options;
    const compiled = path.join(stage, 'compiled');

    for (const entry of APP_SOURCES) {
        fs.cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
    }
    if (version) {
        fs.writeFileSync(path.join(stage, 'app.json'), `${JSON.stringify({ ...readAppJson(stage), version }, null, 4)}\n`);
    }
    const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    // rc-apps rewrites app.json's requiredApiVersion as `^` + this entry (and fails without it). The app
    // compiles against the newest engine it installs, but runs on every engine from the floor app.json
    // names (the version matrix proves it): the entry handed to rc-apps is that floor, so it stays.
    const stagePackage = {
        name: rootPackage.name,
        version: rootPackage.version,
        private: true,
        devDependencies: { '@rocket.chat/apps-engine': engineFloor(readAppJson(root)) },
    };
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(stagePackage, null, 2));
    linkPackagesForCompiler(root, stage);

    // rc-apps' own output names its zip in the staging folder, which is removed: it is shown only when it fails.
    try {
        execFileSync(path.join(root, 'node_modules', '.bin', 'rc-apps'), ['package'], { cwd: stage, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
        const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
        process.stderr.write(`${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
        throw error;
    }

    // Keep the repository's app.json as rc-apps wrote it (implements, requiredApiVersion).
    const stagedAppJson = fs.readFileSync(path.join(stage, 'app.json'), 'utf8');
    if (!version && stagedAppJson !== fs.readFileSync(path.join(root, 'app.json'), 'utf8')) {
        fs.writeFileSync(path.join(root, 'app.json'), stagedAppJson);
        console.log('app.json updated by rc-apps (commit it)');
    }

    const app = readAppJson(stage);
    const compiledZip = new AdmZip(path.join(stage, 'dist', `${app.nameSlug}_${app.version}.zip`));
    compiledZip.extractAllTo(compiled, true);
    const classFile = app.classFile.replace(/\.ts$/, '.js');
    const dashboardAssets = await buildDashboardAssets(root);
    const bundle = await build({
        entryPoints: [path.join(compiled, classFile)],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'cjs',
        target: 'es2020',
        external: ['@rocket.chat/apps-engine/*'],
        legalComments: 'inline',
        logLevel: 'warning',
        plugins: [dashboardAssetsPlugin(dashboardAssets), queryValidatorsPlugin(root)],
    });

    const zip = new AdmZip();
    zip.addFile('app.json', Buffer.from(stagedAppJson));
    zip.addFile(classFile, Buffer.from(bundle.outputFiles[0].contents));
    zip.addLocalFile(path.join(stage, app.iconFile));
    for (const file of fs.readdirSync(path.join(stage, 'i18n')).sort()) {
        zip.addLocalFile(path.join(stage, 'i18n', file), 'i18n');
    }
    const output = packagePath(options);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    zip.writeZip(output);
    return output;
}

if (require.main === module) {
    packageApp()
        .then((output) => {
            const entries = new AdmZip(output).getEntries().map((entry) => `  ${entry.entryName} (${entry.header.size} bytes)`);
            console.log(`${path.relative(process.cwd(), output)}: ${fs.statSync(output).size} bytes\n${entries.join('\n')}`);
        })
        .catch((error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        });
}
