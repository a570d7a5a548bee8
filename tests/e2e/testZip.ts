import * as path from 'path';

import { packagePath } from '../../dev/package';

/**
 * The e2e suites install the zip users install, built once per run by the jest globalSetup into a
 * temporary folder (never into the user's dist/), and removed by the globalTeardown.
 */
export const TEST_ZIP_DIR_VARIABLE = 'AST_TEST_ZIP_DIR';

export function testZipDir(): string {
    const dir = process.env[TEST_ZIP_DIR_VARIABLE];
    if (!dir) {
        throw new Error(`${TEST_ZIP_DIR_VARIABLE} is not set: the jest globalSetup (tests/e2e/globalSetup.ts) builds the zip`);
    }
    return path.resolve(dir);
}

export function testZipPath(): string {
    return packagePath({ outDir: testZipDir() });
}
