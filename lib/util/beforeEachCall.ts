/**
 * The object with each of its methods wrapped: `before` is awaited first, then the method runs on
 * the object itself. For accessors whose every call must pass a check (the builder's lease) or wait
 * its turn (the tests' interleavings).
 */
export function beforeEachCall<T extends object>(target: T, before: () => Promise<void>): T {
    return new Proxy(target, {
        get(object, property) {
            const value = Reflect.get(object, property) as unknown;
            if (typeof value !== 'function') {
                return value;
            }
            return async (...args: unknown[]) => {
                await before();
                return (value as (...a: unknown[]) => unknown).apply(object, args);
            };
        },
    });
}
