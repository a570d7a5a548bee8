import type { ServiceRecord } from '../../lib/chats/serviceRecord';
import { SERVICE_RECORD_VERSION } from '../../lib/chats/serviceRecord';
import type { Leg } from '../../lib/legs/legs';

const MIN = 60_000;

/** A deterministic random source in [0, 1) (Park and Miller's), so that a failing seed replays. */
export function seededRandom(seed: number): () => number {
    let state = seed || 1;
    return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

/**
 * A closed chat handed between one to three agents (`id-<name>`, username `<name>`), whose core service
 * time is its last leg as Rocket.Chat's is (`closedAt - servedBy.ts`): the first leg's start unseen with
 * probability `unseenFirstLeg`, a department picked from `departments`, and legs kept on the record
 * (else the record is the core's alone) with probability 1 - `withoutLegs`.
 */
export function handedChat(
    index: number,
    createdAt: number,
    random: () => number,
    options: { agents: readonly string[]; departments: ReadonlyArray<string | undefined>; unseenFirstLeg?: number; withoutLegs?: number },
): ServiceRecord {
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    const legs: Leg[] = [];
    let at = createdAt + Math.floor(random() * 10 * MIN);
    for (let stretch = 1 + Math.floor(random() * 3); stretch > 0; stretch--) {
        const endedAt = at + 1 + Math.floor(random() * 90 * MIN);
        const agent = pick(options.agents);
        legs.push({
            agentId: `id-${agent}`,
            username: agent,
            ...((legs.length > 0 || random() >= (options.unseenFirstLeg ?? 0)) && { startedAt: at }),
            endedAt,
            endedBy: stretch === 1 ? 'close' : pick(['transfer', 'queue'] as const),
        });
        at = endedAt;
    }
    const last = legs[legs.length - 1];
    const departmentId = pick(options.departments);
    return {
        v: SERVICE_RECORD_VERSION,
        roomId: `room-${index}`,
        agentId: last.agentId,
        username: last.username,
        createdAt,
        durationMs: last.endedAt - (last.startedAt ?? createdAt),
        closedAt: last.endedAt,
        ...(departmentId && { departmentId }),
        ...(random() > 0.3 && { firstResponseMs: Math.floor(random() * 5 * MIN) }),
        ...(random() >= (options.withoutLegs ?? 0.5) && { legs }),
    };
}
