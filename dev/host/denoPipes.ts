import type { ChildProcess } from 'child_process';

import { ProcessMessenger } from '@rocket.chat/apps-engine/server/runtime/deno/ProcessMessenger';

const GUARDED = Symbol('agent-service-time: Deno pipes guarded');

/**
 * The engine writes to each app's Deno process through its stdin and leaves that stream without an
 * 'error' listener (server/runtime/deno/ProcessMessenger.js). A write after the process died (killed,
 * out of memory) is an EPIPE, which Node throws as an uncaught exception: the host process would die
 * with the app's. Rocket.Chat lives on, as its ErrorHandler listens to `uncaughtException`
 * (apps/meteor/app/error-handler/server/lib/RocketChat.ErrorHandler.ts) and only counts it. The host
 * listens on the stream itself instead, and says so; the engine restarts the process (LivenessManager).
 */
export function guardDenoPipes(): void {
    const prototype = ProcessMessenger.prototype as unknown as { setReceiver(deno: ChildProcess): void; [GUARDED]?: true };
    if (prototype[GUARDED]) {
        return;
    }
    const setReceiver = prototype.setReceiver;
    prototype.setReceiver = function (this: unknown, deno: ChildProcess) {
        deno.stdin?.on('error', (error: NodeJS.ErrnoException) => {
            console.warn(`An app's Deno process stopped reading (${error.code ?? error.message}); the engine restarts it.`);
        });
        return setReceiver.call(this, deno);
    };
    prototype[GUARDED] = true;
}
