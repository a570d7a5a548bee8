/** An id unique enough for one app's markers and job chains: time-ordered, with a random tail. */
export function uniqueToken(): string {
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
