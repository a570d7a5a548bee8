import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { packageApp } from '../../dev/package';
import { TEST_ZIP_DIR_VARIABLE } from './testZip';

/** The end-to-end suites install the zip users install: build it once, from the sources under test, into a temporary folder. */
export default async function globalSetup(): Promise<void> {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-service-time-test-zip-'));
    process.env[TEST_ZIP_DIR_VARIABLE] = outDir;
    await packageApp({ outDir });
}
