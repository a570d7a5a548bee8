// One run, two kinds of project:
// - `app`: every test, on the engine the app is built against (devDependency @rocket.chat/apps-engine);
// - the version matrix: the end-to-end suites that show what a workspace needs (install, closes and a
//   report equal to a full scan, errors, CSV, the series and stats, the dashboard and its way in, the slash command, updates and restarts,
//   the legs of transferred chats from the livechat events and business hours, an update from
//   1.0.0's data, the history import or its `unavailable` state), once on every older engine published with its server runtime. Those
//   engines are the devDependencies aliased to @rocket.chat/apps-engine (package.json); jest maps the
//   host's imports of the engine to the alias (AST_ENGINE, read by the suites, names it).
const { enginePackages } = require('./dev/enginePackages.cjs');

const MATRIX_SUITES = [
    'businessHours',
    'dashboard',
    'engineSupport',
    'legs',
    'report',
    'reportExtensions',
    'robustness',
    'seriesAndStats',
    'updates',
].map((suite) => `<rootDir>/tests/e2e/${suite}.e2e.test.ts`);

const common = {
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    transform: { '^.+\\.ts$': 'ts-jest' },
};

function engineProject({ name: alias, version }) {
    return {
        ...common,
        displayName: `Apps-Engine ${version}`,
        testMatch: MATRIX_SUITES,
        moduleNameMapper: { '^@rocket\\.chat/apps-engine/(.*)$': `<rootDir>/node_modules/${alias}/$1` },
        setupFiles: ['<rootDir>/tests/e2e/engineMatrix.setup.js'],
        globals: { AST_ENGINE: alias },
    };
}

// AST_ENGINE=<alias> runs only that engine's project (handy when one engine fails); an unknown alias runs nothing.
const only = process.env.AST_ENGINE;
// Older engines with a runtime; the default engine is the `app` project's, and definitions-only ones serve the type checks.
const matrix = enginePackages().filter((engine) => engine.name !== '@rocket.chat/apps-engine' && engine.hasRuntime);

/** @type {import('jest').Config} */
module.exports = {
    projects: only
        ? matrix.filter((engine) => engine.name === only).map(engineProject)
        : [{ ...common, displayName: 'app' }, ...matrix.map(engineProject)],
    // The end-to-end suites share one packaged zip, built once before any suite runs into a temporary folder.
    globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
    globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
    testResultsProcessor: '<rootDir>/dev/writeTestResults.js',
    testTimeout: 60000,
};
