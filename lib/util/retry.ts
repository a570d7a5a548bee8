export type Pause = (ms: number) => Promise<void>;

export const pauseFor: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes the app makes from an event, and every read of its storage, are tried this many times before they are given up. */
export const SAVE_ATTEMPTS = 3;
const RETRY_DELAY_MS = 50;

/**
 * Runs an idempotent write up to `SAVE_ATTEMPTS` times, pausing a little longer after each failure;
 * the last failure is thrown. For writes whose event Rocket.Chat will not fire again.
 */
export async function withRetries<T>(write: () => Promise<T>, pause: Pause = pauseFor): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await write();
        } catch (error) {
            if (attempt >= SAVE_ATTEMPTS) {
                throw error;
            }
            await pause(RETRY_DELAY_MS * attempt);
        }
    }
}
