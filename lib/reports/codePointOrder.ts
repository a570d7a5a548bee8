/**
 * Orders strings as MongoDB does: by Unicode code point (the order of their UTF-8 bytes), not by
 * locale and not by UTF-16 code unit, which is what `<` compares and which puts astral characters
 * before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
        const left = a.codePointAt(i) as number;
        const right = b.codePointAt(i) as number;
        // Equal code points leave both strings aligned, so the loop may go on unit by unit.
        if (left !== right) {
            return left < right ? -1 : 1;
        }
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
