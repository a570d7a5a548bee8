import type { BusinessHours } from '../hours/businessHours';
import type { ServiceRecord } from '../chats/serviceRecord';
import type { ChatCredit, Crediting } from './attribution';
import { creditsOf, RecordWithoutTimes } from './attribution';
import { compareCodePoints } from './codePointOrder';
import { ceilSeconds, ceilSecondsAverage } from './rounding';

/** How many chats each part of an explanation names: the few that make most of the difference. */
export const EXPLAINED_CHATS = 5;

/** One way of counting an agent's chats, rounded as the reports round it. */
export interface ExplainedFigure {
    chats: number;
    /** Seconds, rounded up as `total-service-time` rounds its sum. */
    serviceTimeDuration: number;
    /** Rounded up as `average-service-time` rounds; null when the agent has no chat counted this way. */
    averageServiceTimeInSeconds: number | null;
}

/** A chat whose two countings differ, in whole seconds (each rounded up as a chats list row is). */
export interface ExplainedChat {
    roomId: string;
    createdAt: string;
    /** The chat as Rocket.Chat's own report counts it for the agent: whole, and only if they closed it. */
    coreSeconds: number;
    /** The chat counted the other way: the agent's own legs, or only business hours. */
    otherSeconds: number;
}

/**
 * Why the business-hours figure could not be computed: a room recorded without the times it needs,
 * or (said by the endpoint, which reads the setting) an app setting "Business hours" that does not read.
 */
export type BusinessUnavailable = { why: RecordWithoutTimes['why']; roomId: string } | { why: 'invalid-setting'; problems: string[] };

/**
 * Why an agent's figure in the app differs from Rocket.Chat's: the core's count (last agent, whole
 * stretch, all hours), the count of each agent's own legs, and the count of business hours only, side
 * by side, with the chats that move most time between them.
 */
export interface Explanation {
    agentId: string;
    /** The agent's name on their latest chat in the range; null when they have none. */
    username: string | null;
    core: ExplainedFigure;
    legs: ExplainedFigure;
    /** The core's count within business hours; null without a schedule, or when a room lacks the times. */
    business: ExplainedFigure | null;
    businessUnavailable: BusinessUnavailable | null;
    /** Chats the legs count differently from the core: transfers into or out of the agent's hands. */
    transfers: { chats: number; top: ExplainedChat[] };
    /** The agent's core chats with time outside business hours (`wholly`: with none inside). */
    outsideHours: { chats: number; wholly: number; top: ExplainedChat[] } | null;
}

/**
 * Explains one agent's figures over some records (each room once, already in the report's scope):
 * the same credits the reports add up (`creditsOf`) under the three countings, so each figure equals
 * the agent's row in `total-service-time` and `average-service-time` asked the same way (when their
 * name did not change within the range: the reports list each name apart, this sums them).
 */
export function explainAgent(records: Iterable<ServiceRecord>, agentId: string, businessHours: BusinessHours | undefined): Explanation {
    const core = new FigureSum();
    const legs = new FigureSum();
    const transfers: Difference[] = [];
    const inScope: ServiceRecord[] = [];
    let latest: ServiceRecord | undefined;
    for (const record of records) {
        const coreCredit = creditOfAgent(record, agentId, {});
        const legsCredit = creditOfAgent(record, agentId, { attribution: 'legs' });
        if (!coreCredit && !legsCredit) {
            continue;
        }
        inScope.push(record);
        if (!latest || record.createdAt > latest.createdAt) {
            latest = record;
        }
        core.add(coreCredit);
        legs.add(legsCredit);
        const coreMs = coreCredit?.durationMs ?? 0;
        const legsMs = legsCredit?.durationMs ?? 0;
        // The core's service time is the last leg exactly (`legs/legs.ts`): only a handed-over chat counts apart.
        if (coreMs !== legsMs || !coreCredit !== !legsCredit) {
            transfers.push({ record, coreMs, otherMs: legsMs });
        }
    }
    const business = businessHours ? businessPart(inScope, agentId, businessHours) : undefined;
    return {
        agentId,
        username: latest ? usernameIn(latest, agentId) : null,
        core: core.figure(),
        legs: legs.figure(),
        business: business && 'figure' in business ? business.figure : null,
        businessUnavailable: business && 'unavailable' in business ? business.unavailable : null,
        transfers: { chats: transfers.length, top: largest(transfers) },
        outsideHours: business && 'figure' in business ? business.outside : null,
    };
}

interface Difference {
    record: ServiceRecord;
    coreMs: number;
    otherMs: number;
}

/** The agent's core chats counted in business hours only, and those with time outside them. */
function businessPart(
    records: readonly ServiceRecord[],
    agentId: string,
    businessHours: BusinessHours,
): { figure: ExplainedFigure; outside: NonNullable<Explanation['outsideHours']> } | { unavailable: BusinessUnavailable } {
    const figure = new FigureSum();
    const outside: Difference[] = [];
    let wholly = 0;
    try {
        for (const record of records) {
            const credit = creditOfAgent(record, agentId, { businessHours });
            if (!credit) {
                continue;
            }
            figure.add(credit);
            if (credit.durationMs < record.durationMs) {
                outside.push({ record, coreMs: record.durationMs, otherMs: credit.durationMs });
                wholly += credit.durationMs === 0 ? 1 : 0;
            }
        }
    } catch (error) {
        if (error instanceof RecordWithoutTimes) {
            return { unavailable: { why: error.why, roomId: error.record.roomId } };
        }
        throw error;
    }
    return { figure: figure.figure(), outside: { chats: outside.length, wholly, top: largest(outside) } };
}

/** The agent's credit of a chat under one counting, if they have one that counts a chat (as the reports count). */
function creditOfAgent(record: ServiceRecord, agentId: string, crediting: Crediting): ChatCredit | undefined {
    return creditsOf(record, crediting).find((credit) => credit.agentId === agentId && credit.chats === 1);
}

function usernameIn(record: ServiceRecord, agentId: string): string {
    if (record.agentId === agentId) {
        return record.username;
    }
    return [...(record.legs ?? [])].reverse().find((leg) => leg.agentId === agentId)?.username ?? record.username;
}

/** The chats whose countings differ most, largest difference first, ties by room (code point order). */
function largest(differences: readonly Difference[]): ExplainedChat[] {
    return [...differences]
        .sort(
            (a, b) =>
                Math.abs(b.otherMs - b.coreMs) - Math.abs(a.otherMs - a.coreMs) || compareCodePoints(a.record.roomId, b.record.roomId),
        )
        .slice(0, EXPLAINED_CHATS)
        .map(({ record, coreMs, otherMs }) => ({
            roomId: record.roomId,
            createdAt: new Date(record.createdAt).toISOString(),
            coreSeconds: ceilSeconds(coreMs),
            otherSeconds: ceilSeconds(otherMs),
        }));
}

class FigureSum {
    private chats = 0;
    private sumMs = 0;

    public add(credit: ChatCredit | undefined): void {
        if (credit) {
            this.chats += 1;
            this.sumMs += credit.durationMs;
        }
    }

    public figure(): ExplainedFigure {
        return {
            chats: this.chats,
            serviceTimeDuration: ceilSeconds(this.sumMs),
            averageServiceTimeInSeconds: this.chats === 0 ? null : ceilSecondsAverage(this.sumMs, this.chats),
        };
    }
}
