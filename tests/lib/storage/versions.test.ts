import * as fs from 'fs';
import * as path from 'path';

import * as versions from '../../../lib/storage/versions';

const storageDoc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'storage.md'), 'utf8');

/** Every string a versions export holds: a tag, a list of tags, or the layout 1 table. */
function tagsOf(value: unknown): string[] {
    if (typeof value === 'string') {
        return [value];
    }
    if (Array.isArray(value)) {
        return value.flatMap(tagsOf);
    }
    return typeof value === 'object' && value !== null ? Object.values(value).flatMap(tagsOf) : [];
}

describe('every stored name and version', () => {
    const tags = Object.values(versions).flatMap(tagsOf);

    it('is named in docs/storage.md, in backquotes', () => {
        expect(tags.length).toBeGreaterThanOrEqual(14);
        expect(tags.filter((tag) => !storageDoc.includes(`\`${tag}\``))).toEqual([]);
    });

    it('has its version named there too', () => {
        expect(storageDoc).toContain(`layout \`${versions.STORAGE_LAYOUT}\``);
        expect(storageDoc).toContain(`record \`v: ${versions.RECORD_VERSION}\``);
        expect(storageDoc).toContain(`bucket part \`v: ${versions.BUCKET_PART_VERSION}\``);
        expect(storageDoc).toContain(`timeline \`v: ${versions.TIMELINE_VERSION}\``);
        expect(storageDoc).toContain(`chat index \`v: ${versions.CHAT_INDEX_VERSION}\``);
    });

    it('is unique: no two kinds of document share a tag', () => {
        expect(new Set(tags).size).toBe(tags.length);
    });
});
