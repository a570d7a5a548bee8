import AdmZip from 'adm-zip';
import * as fs from 'fs';

import { readZipAppInfo } from '../../dev/package';
import { testZipPath } from './testZip';

/**
 * Apps-Engine's Deno runtime rewrites an app's code before it runs it when the code holds any of these
 * texts (`hasPotentialDeprecatedUsage` in deno-runtime/lib/sanitizeDeprecatedUsage.ts), turning the
 * functions that touch them async. A bucket column once named so made every year bucket come out empty
 * in the real engine while every in-process test passed.
 */
const REWRITE_TRIGGERS = ['.usernames', '.isOnline(', '.createToken('];

describe('the packaged code', () => {
    it('holds nothing that makes the Deno runtime rewrite it', () => {
        const zip = fs.readFileSync(testZipPath());
        const classFile = readZipAppInfo(zip).classFile.replace(/\.ts$/, '.js');
        const code = new AdmZip(zip).getEntry(classFile)?.getData().toString('utf8') ?? '';
        expect(code.length).toBeGreaterThan(0);
        expect(REWRITE_TRIGGERS.filter((trigger) => code.includes(trigger))).toEqual([]);
    });
});
