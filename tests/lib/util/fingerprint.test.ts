import { shortDigest } from '../../../lib/util/fingerprint';

describe('shortDigest', () => {
    it('is the same for the same text and short whatever the text', () => {
        const long = 'x'.repeat(300_000);
        expect(shortDigest(long)).toBe(shortDigest('x'.repeat(300_000)));
        expect(shortDigest(long).length).toBeLessThan(30);
    });

    it('differs for texts that differ in one character, anywhere, or only in length', () => {
        const base = JSON.stringify(['room-1', 'a1', 'ann', 1_700_000_000_000, 61_234, null]);
        const digests = new Set([shortDigest(base), shortDigest(`${base} `)]);
        for (let i = 0; i < base.length; i++) {
            digests.add(shortDigest(base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) + 1) + base.slice(i + 1)));
        }
        expect(digests.size).toBe(base.length + 2);
    });

    it('meets no collision among 200,000 similar texts', () => {
        const digests = new Set<string>();
        for (let i = 0; i < 200_000; i++) {
            digests.add(shortDigest(`["room-${i % 1000}","agent",${i}]`));
        }
        expect(digests.size).toBe(200_000);
    });
});
