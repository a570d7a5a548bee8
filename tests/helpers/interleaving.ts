/**
 * An accessor (a persistence reader or writer) whose every call first waits some turns of the event
 * loop, the next of `turns()`: calls of concurrent operations then interleave in any order a property
 * test asks for.
 */
export function delayed<T extends object>(target: T, turns: () => number): T {
    return new Proxy(target, {
        get(object, property) {
            const value = Reflect.get(object, property) as unknown;
            if (typeof value !== 'function') {
                return value;
            }
            return async (...args: unknown[]) => {
                for (let turn = turns(); turn > 0; turn--) {
                    await new Promise((resolve) => setImmediate(resolve));
                }
                return (value as (...a: unknown[]) => unknown).apply(object, args);
            };
        },
    });
}

/** Turns taken in order from a list a property test generated, round and round. */
export function turnsFrom(list: readonly number[]): () => number {
    let call = 0;
    return () => list[call++ % list.length];
}
