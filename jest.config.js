/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    transform: { '^.+\\.ts$': 'ts-jest' },
    // The end-to-end suites share one packaged zip, built once before any suite runs into a temporary folder.
    globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
    globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
    testResultsProcessor: '<rootDir>/dev/writeTestResults.js',
    testTimeout: 60000,
};
