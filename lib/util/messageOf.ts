/** What an error says, for a log line or a status (an Error object serialises to `{}`). */
export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
