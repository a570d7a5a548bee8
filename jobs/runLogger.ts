import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';

/**
 * The logger of the job run in progress. The Deno runtime calls a processor with `this` bound to the
 * app, proxied so that its logger is the run's (deno-runtime/handlers/scheduler-handler.ts); a
 * logger captured when the processor was registered belongs to a request long finished, and what it
 * logs is lost. Where `this` is not the app (another runtime), the registration's logger is used.
 */
export function runLogger(self: unknown, fallback: ILogger): ILogger {
    const app = self as { getLogger?: () => ILogger } | undefined;
    return typeof app?.getLogger === 'function' ? app.getLogger() : fallback;
}
