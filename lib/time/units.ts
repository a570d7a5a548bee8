/** Lengths of time in ms, named once. Days here are 24 h of UTC: a local day is the calendar's (`calendar.ts`). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** A bucket slot: every timezone offset in use is a multiple of 15 minutes, so 5-minute slots tile any local day. */
export const SLOT_MS = 5 * MINUTE_MS;
