import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';

import type { LegStore } from './chatStore';
import type { RecordDecision } from './serviceRecord';
import { messageOf } from '../util/messageOf';
import type { WithUnmappedSurvey } from './survey';
import { surveyKey, surveyScoresOf } from './survey';
import { periodStart, periodTag } from '../time/periods';
import { SLOT_MS } from '../time/units';

/** How long after a close the app looks at the room again for a rating given since (the "Ratings after the close" setting). */
export const DEFAULT_RATING_RECHECK_MINUTES = 30;
export const MAX_RATING_RECHECK_MINUTES = 7 * 24 * 60;

/** The setting's value in ms: a whole number of minutes from 0 (at the next run) up to a week; anything else, the default. */
export function ratingRecheckDelayMs(minutes: unknown): number {
    const valid = typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_RATING_RECHECK_MINUTES;
    return (valid ? minutes : DEFAULT_RATING_RECHECK_MINUTES) * 60_000;
}

/** A closed room to look at again, once, when `dueAt` has passed. */
export interface RatingWatch {
    roomId: string;
    dueAt: number;
}

/** Where the watches live: filed by the slot of their `dueAt`, so that a run reads only what is due. */
export interface RatingWatchStore {
    watch(watch: RatingWatch): Promise<void>;
    dueIn(slot: string): Promise<RatingWatch[]>;
    unwatch(watch: RatingWatch): Promise<void>;
    /** The last slot whose watches were all handled; undefined before the first run. */
    handledThrough(): Promise<string | undefined>;
    setHandledThrough(slot: string): Promise<void>;
}

export interface PickupSummary {
    /** Rooms looked at again, and those whose record gained (or changed) its rating. */
    looked: number;
    rated: number;
    /** False when the run stopped at its deadline: the next run goes on from there. */
    complete: boolean;
}

export interface PickupContext {
    watches: RatingWatchStore;
    records: Pick<LegStore, 'record' | 'save'>;
    /** The room as `getById` gives it now (undefined once deleted). */
    room: (roomId: string) => Promise<WithUnmappedSurvey | undefined>;
    now: number;
    deadline: number;
    clock?: () => number;
}

/** A slot is marked handled only this long after its end: a watch written as it ended has landed by then. */
const SETTLE_MS = 60_000;

/** On the first run, how far back the watches are looked for: a day, more than any delay in use before it. */
const FIRST_LOOK_BACK_MS = 86_400_000;

/**
 * Looks again at rooms whose rating may have come after the close: every watch due by `now`, slot by
 * slot from the last one handled. A room rated since has its record saved again with the scores
 * (through the store's usual write: a marker first), so every report counts the rating; a room
 * still unrated, deleted or no longer kept just loses its watch. Each watch is handled once, and the
 * slots wholly past are marked handled as the run goes, so a run stopped at its deadline loses nothing.
 */
export async function pickUpLateRatings(context: PickupContext): Promise<PickupSummary> {
    const { watches, now, deadline } = context;
    const clock = context.clock ?? Date.now;
    const summary: PickupSummary = { looked: 0, rated: 0, complete: true };
    const through = await watches.handledThrough();
    const current = periodTag('slot', now);
    let start = through === undefined ? periodStart(periodTag('slot', now - FIRST_LOOK_BACK_MS)) : periodStart(through) + SLOT_MS;
    for (; start <= periodStart(current); start += SLOT_MS) {
        const slot = periodTag('slot', start);
        for (const watch of await watches.dueIn(slot)) {
            if (watch.dueAt > now) {
                continue; // a slot not yet over: due later in it
            }
            if (clock() >= deadline) {
                summary.complete = false;
                return summary;
            }
            summary.looked++;
            if (await recordLateRating(context, watch.roomId)) {
                summary.rated++;
            }
            await watches.unwatch(watch);
        }
        if (start + SLOT_MS <= now - SETTLE_MS) {
            await watches.setHandledThrough(slot);
        }
    }
    return summary;
}

/** Saves the room's record again with the rating the room carries now; answers whether it did. */
async function recordLateRating(context: PickupContext, roomId: string): Promise<boolean> {
    const room = await context.room(roomId);
    const survey = room && surveyScoresOf(room);
    if (!survey) {
        return false;
    }
    const record = await context.records.record(roomId);
    if (!record || (record.survey && surveyKey(record.survey).join() === surveyKey(survey).join())) {
        return false;
    }
    return (await context.records.save({ ...record, survey })) === 'saved';
}

/**
 * After a close is recorded: a chat the visitor has not rated yet is watched, to be looked at again
 * `delayMs` after now. A watch that cannot be written is logged, not retried: a rating given after the
 * close is then not counted (the record stays as it was, exact for what it holds).
 */
export async function watchForLateRating(
    decision: RecordDecision,
    watches: Pick<RatingWatchStore, 'watch'>,
    delayMs: number,
    logger: Pick<ILogger, 'debug'>,
    now = Date.now(),
): Promise<void> {
    if (!decision.counts || decision.record.survey) {
        return;
    }
    try {
        await watches.watch({ roomId: decision.record.roomId, dueAt: now + delayMs });
    } catch (error) {
        logger.debug(`Room ${decision.record.roomId} is not watched for a late rating: ${messageOf(error)}`);
    }
}
