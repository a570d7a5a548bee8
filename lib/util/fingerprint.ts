/**
 * A short, stable digest of a text: two 32-bit FNV-1a lanes (different offsets) and the length, as
 * hex. Not cryptographic; what it guards (whether a record's write landed, `storage/buckets/dirtyMarker.ts`)
 * only needs two different texts not to meet by chance, about one in 2^64.
 */
export function shortDigest(text: string): string {
    let first = 0x811c9dc5;
    let second = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        first = Math.imul(first ^ code, 0x01000193);
        second = Math.imul(second ^ code, 0x01000193) ^ (second >>> 15);
    }
    const hex = (value: number) => (value >>> 0).toString(16).padStart(8, '0');
    return `${text.length.toString(36)}-${hex(first)}${hex(second)}`;
}
