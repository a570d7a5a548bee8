// One run, two kinds of project:
// - `app`: every test, on the engine the app is built against (devDependency @rocket.chat/apps-engine);
// - the version matrix: the end-to-end suites that show what a workspace needs (install, closes and a
//   report equal to a full scan, errors, CSV, the slash command, updates and restarts, the history import
//   or its `unavailable` state), once on every older engine published with its server runtime. Those
//   engines are the devDependencies aliased to @rocket.chat/apps-engine (package.json); jest maps the
//   host's imports of the engine to the alias (AST_ENGINE, read by the suites, names it).
const fs = require('fs');
const path = require('path');

const packageJson = require('./package.json');

const MATRIX_SUITES = ['engineSupport', 'report', 'reportExtensions', 'robustness'].map(
    (suite) => `<rootDir>/tests/e2e/${suite}.e2e.test.ts`,
);

/** The aliased engines that ship a server runtime (definitions-only versions serve the type checks). */
function matrixEngines() {
    return Object.entries(packageJson.devDependencies)
        .filter(([, spec]) => spec.startsWith('npm:@rocket.chat/apps-engine@'))
        .map(([alias]) => alias)
        .filter((alias) => fs.existsSync(path.join(__dirname, 'node_modules', alias, 'server', 'AppManager.js')));
}

const common = {
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    transform: { '^.+\\.ts$': 'ts-jest' },
};

function engineProject(alias) {
    const { version } = require(`./node_modules/${alias}/package.json`);
    return {
        ...common,
        displayName: `Apps-Engine ${version}`,
        testMatch: MATRIX_SUITES,
        moduleNameMapper: { '^@rocket\\.chat/apps-engine/(.*)$': `<rootDir>/node_modules/${alias}/$1` },
        setupFiles: ['<rootDir>/tests/e2e/engineMatrix.setup.js'],
        globals: { AST_ENGINE: alias },
    };
}

// AST_ENGINE=<alias> runs only that engine's project (handy when one engine fails).
const only = process.env.AST_ENGINE;

/** @type {import('jest').Config} */
module.exports = {
    projects: only ? [engineProject(only)] : [{ ...common, displayName: 'app' }, ...matrixEngines().map(engineProject)],
    // The end-to-end suites share one packaged zip, built once before any suite runs into a temporary folder.
    globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
    globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
    testResultsProcessor: '<rootDir>/dev/writeTestResults.js',
    testTimeout: 60000,
};
