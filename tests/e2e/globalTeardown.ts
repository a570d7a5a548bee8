import * as fs from 'fs';

import { TEST_ZIP_DIR_VARIABLE } from './testZip';

/** Leaves the temporary folder as it was: the zips the run built go with it. */
export default async function globalTeardown(): Promise<void> {
    const dir = process.env[TEST_ZIP_DIR_VARIABLE];
    if (dir) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
