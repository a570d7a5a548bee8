/**
 * The reports' two choices of what to count, named once (the query checks, the OpenAPI document and
 * the dashboard's switches all list these). This module imports nothing, so the browser's bundle can use it.
 *
 * Who a chat's service time is credited to:
 * - `last` (the default): the agent who served at the close, for the core's `serviceTimeDuration`,
 *   exactly as Rocket.Chat's reports do;
 * - `legs`: every agent who took part, for the sum of their own legs; a chat counts once for each of
 *   them (A to B to A is one chat for A, with both of A's legs summed).
 */
export const ATTRIBUTIONS = ['last', 'legs'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** Which time of a stretch counts: `all` of it (the core's), or only its time within `business` hours. */
export const HOURS_CHOICES = ['all', 'business'] as const;
export type HoursChoice = (typeof HOURS_CHOICES)[number];
