import { beforeEachCall } from '../../lib/util/beforeEachCall';

/**
 * An accessor (a persistence reader or writer) whose every call first waits some turns of the event
 * loop, the next of `turns()`: calls of concurrent operations then interleave in any order a property
 * test asks for.
 */
export function delayed<T extends object>(target: T, turns: () => number): T {
    return beforeEachCall(target, async () => {
        for (let turn = turns(); turn > 0; turn--) {
            await new Promise((resolve) => setImmediate(resolve));
        }
    });
}

/** Turns taken in order from a list a property test generated, round and round. */
export function turnsFrom(list: readonly number[]): () => number {
    let call = 0;
    return () => list[call++ % list.length];
}
