import * as net from 'net';

/**
 * Resolves when nothing listens on the port (it listens for a moment, as the host will, then lets go),
 * and rejects with what to do when something does: checked before the build, so that a busy port is
 * said at once, not after it.
 */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', (error: NodeJS.ErrnoException) => {
            reject(
                error.code === 'EADDRINUSE'
                    ? new Error(
                          `Port ${port} is busy: stop what runs there, or start on another port: npm start -- --port 8080 (or PORT=8080).`,
                      )
                    : error,
            );
        });
        probe.listen(port, host, () => probe.close(() => resolve()));
    });
}
