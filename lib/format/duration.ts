/**
 * A duration in whole seconds as people read it: `1h 02m 03s`, `9m 13s`, `9s`; days past 24 hours
 * (`2d 03h 04m`, seconds left out). The slash command and the dashboard show durations this way.
 */
export function formatDuration(totalSeconds: number): string {
    const seconds = Math.max(0, Math.round(totalSeconds));
    const days = Math.floor(seconds / 86_400);
    const hours = Math.floor((seconds % 86_400) / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    const rest = seconds % 60;
    const pad = (n: number) => String(n).padStart(2, '0');
    if (days > 0) {
        return `${days}d ${pad(hours)}h ${pad(minutes)}m`;
    }
    if (hours > 0) {
        return `${hours}h ${pad(minutes)}m ${pad(rest)}s`;
    }
    return minutes > 0 ? `${minutes}m ${pad(rest)}s` : `${rest}s`;
}

/** A change of a duration, signed: `+5m 00s`, `−2m 10s` (a minus sign, not a hyphen), `0s`. */
export function formatDurationChange(seconds: number): string {
    const sign = seconds > 0 ? '+' : seconds < 0 ? '−' : '';
    return `${sign}${formatDuration(Math.abs(seconds))}`;
}
