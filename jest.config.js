// One run, three kinds of project:
// - `unit`: every test that needs no packaged zip: app logic, storage, the dev tools. No global set-up,
//   so `npx jest --selectProjects unit` (or one file of it) runs in seconds while you work;
// - `e2e`: the end-to-end and browser suites, on the engine the app is built against (devDependency
//   @rocket.chat/apps-engine), installing the zip the global set-up packages once;
// - the version matrix, once on every older engine published with its server runtime (the
//   devDependencies aliased to @rocket.chat/apps-engine; jest maps the host's imports of the engine to
//   the alias, and AST_ENGINE, read by the suites, names it). The floor engine (app.json's
//   requiredApiVersion) runs every matrix suite; the engines between it and the newest run the engine
//   contract: what the app needs of an engine, since the app logic above it is the same code on all.
const { enginePackages } = require('./dev/enginePackages.cjs');

const e2eSuites = (names) => names.map((suite) => `<rootDir>/tests/e2e/${suite}.e2e.test.ts`);

/** What each engine of the matrix must show: install, listeners, bridges, routing, UI, command, update, restart, import. */
const CONTRACT_SUITES = e2eSuites(['engineContract', 'engineSupport']);
/** The suites the floor engine runs too: what a workspace on the oldest Rocket.Chat supported needs. */
const FLOOR_SUITES = e2eSuites([
    'businessHours',
    'chats',
    'dashboard',
    'engineContract',
    'engineSupport',
    'legs',
    'report',
    'reportExtensions',
    'robustness',
    'satisfaction',
    'seriesAndStats',
    'updates',
]);

const common = {
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    transform: { '^.+\\.ts$': 'ts-jest' },
};

// The end-to-end suites share one packaged zip, built once (by the first project that runs) into a temporary folder.
const zipOnce = {
    globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
    globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
};

function engineProject({ name: alias, version }, suites) {
    return {
        ...common,
        ...zipOnce,
        displayName: `Apps-Engine ${version}`,
        testMatch: suites,
        moduleNameMapper: { '^@rocket\\.chat/apps-engine/(.*)$': `<rootDir>/node_modules/${alias}/$1` },
        setupFiles: ['<rootDir>/tests/e2e/engineMatrix.setup.js'],
        globals: { AST_ENGINE: alias },
    };
}

// Older engines with a runtime; the default engine is the `e2e` project's, and definitions-only ones serve the type checks.
const matrix = enginePackages().filter((engine) => engine.name !== '@rocket.chat/apps-engine' && engine.hasRuntime);
const versionKey = (version) =>
    version
        .split('.')
        .map((part) => part.padStart(6, '0'))
        .join('.');
/** The oldest engine installed: the floor of app.json's requiredApiVersion. */
const floor = matrix.map((engine) => engine.version).sort((a, b) => versionKey(a).localeCompare(versionKey(b)))[0];
const matrixProject = (engine) => engineProject(engine, engine.version === floor ? FLOOR_SUITES : CONTRACT_SUITES);

const unit = {
    ...common,
    displayName: 'unit',
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/tests/browser/'],
};
const e2e = { ...common, ...zipOnce, displayName: 'e2e', roots: ['<rootDir>/tests/e2e', '<rootDir>/tests/browser'] };

// AST_ENGINE=<alias> runs only that engine's project (handy when one engine fails); an unknown alias runs nothing.
const only = process.env.AST_ENGINE;

/** @type {import('jest').Config} */
module.exports = {
    projects: only ? matrix.filter((engine) => engine.name === only).map(matrixProject) : [unit, e2e, ...matrix.map(matrixProject)],
    testResultsProcessor: '<rootDir>/dev/writeTestResults.js',
    testTimeout: 60000,
    // Jest's default is one worker per core but one: on the 2-core machines here, one. The end-to-end
    // suites spend much of their time waiting on the engine's Deno process and its timeouts, so two
    // workers share the cores well.
    maxWorkers: 2,
};
