import { packageApp } from '../../dev/package';

/** The end-to-end suites install the zip users install: build it once, from the sources under test. */
export default async function globalSetup(): Promise<void> {
    if (process.env.AST_SKIP_PACKAGE === '1') {
        return;
    }
    await packageApp();
}
