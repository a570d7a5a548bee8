import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { packageApp } from '../../dev/package';
import { TEST_ZIP_DIR_VARIABLE, testZipPath } from './testZip';

/**
 * The end-to-end suites install the zip users install: build it once, from the sources under test, into
 * a temporary folder. Every end-to-end project names this set-up; the first one builds, the rest find it.
 */
export default async function globalSetup(): Promise<void> {
    if (process.env[TEST_ZIP_DIR_VARIABLE] && fs.existsSync(testZipPath())) {
        return;
    }
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-test-zip-'));
    process.env[TEST_ZIP_DIR_VARIABLE] = outDir;
    await packageApp({ outDir });
}
