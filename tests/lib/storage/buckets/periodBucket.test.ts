import { assembleParts, entriesOf, MAX_BUCKET_PART_BYTES, splitIntoParts } from '../../../../lib/storage/buckets/periodBucket';
import type { StoredAgentStats } from '../../../../lib/reports/agentStats';
import { QuantileSketch } from '../../../../lib/reports/quantileSketch';
import type { StatsSums } from '../../../../lib/reports/statsSums';
import { STATS_SUMS, SUMS_SINCE_1_9, zeroSums } from '../../../../lib/reports/statsSums';

const sketchOf = (values: number[]) => {
    const sketch = new QuantileSketch();
    values.forEach((value) => sketch.add(value));
    return sketch.toStored();
};

/** The rating sums alone (`SUMS_SINCE_1_9`), all zero. */
const noRatings = (): Partial<StatsSums> => Object.fromEntries([...SUMS_SINCE_1_9].map((name) => [name, 0]));

/** Rating sums as an agent's chats give them: zero for most, some rated. */
const ratings = (i: number): Partial<StatsSums> => {
    if (i % 3 !== 0) {
        return noRatings();
    }
    const rated = 1 + (i % 4);
    return {
        ...noRatings(),
        ratedChats: rated,
        satisfactionChats: rated,
        satisfactionSum: 4 * rated,
        satisfiedChats: rated - 1,
        agentFriendlinessChats: 1,
        agentFriendlinessSum: 1 + (i % 5),
    };
};

const agents = (count: number): StoredAgentStats[] =>
    Array.from({ length: count }, (_, i) => ({
        agentId: `agent-id-${String(i).padStart(12, '0')}`,
        username: `a.rather.long.username.${i}.ção`,
        ...zeroSums(),
        chats: 1 + (i % 97),
        sumMs: 1_000_000 + i,
        firstResponseMs: 5_000 * (i % 7),
        firstResponseChats: i % 7,
        chatDurationMs: 9_000 * (i % 5),
        chatDurationChats: i % 5,
        ...ratings(i),
        sketch: sketchOf([1_000 + i, 60_000, 3_600_000 + 7 * i]),
    }));

const part = (period: string, view: string, index: number, parts: number, build: string, entries: StoredAgentStats[]) => ({
    v: 3,
    kind: 'stats',
    level: 'hour',
    period,
    view,
    part: index,
    parts,
    build,
    ...splitIntoParts(entries, Infinity)[0],
});

describe('bucket parts', () => {
    it('keeps every stored part under its byte budget, whatever the agents, and loses no entry', () => {
        const entries = agents(30_000);
        const parts = splitIntoParts(entries);
        expect(parts.length).toBeGreaterThan(1);
        for (const columns of parts) {
            // The stored document: the columns plus a few small fields.
            expect(Buffer.byteLength(JSON.stringify(columns))).toBeLessThanOrEqual(MAX_BUCKET_PART_BYTES + 1024);
        }
        expect(entriesOf(parts)).toEqual(entries);
    });

    it('reads a view back only when all its parts are of one build, and calls the period torn otherwise', () => {
        const [first, second] = [agents(3), agents(6).slice(3)];
        const whole = assembleParts([
            part('hour:2025-06-15T10', 'all', 0, 2, 'b1', first),
            part('hour:2025-06-15T10', 'all', 1, 2, 'b1', second),
        ]);
        expect(entriesOf(whole.views.get('hour:2025-06-15T10')?.get('all') ?? [])).toEqual([...first, ...second]);
        expect(whole.torn.size).toBe(0);

        const halfRewritten = assembleParts([
            part('hour:2025-06-15T10', 'all', 0, 2, 'b2', first),
            part('hour:2025-06-15T10', 'all', 1, 2, 'b1', second),
        ]);
        expect(halfRewritten.torn).toEqual(new Set(['hour:2025-06-15T10']));
        expect(halfRewritten.views.has('hour:2025-06-15T10')).toBe(false);

        // A part of app 1.1 (no stats, no kind) is not this layout's: not read at all, as totals or as stats.
        const { sketches: _dropped, kind: _kind, ...layout2 } = part('hour:2025-06-15T11', 'all', 0, 1, 'b1', first);
        expect(assembleParts([{ ...layout2, v: 2 }], 'totals').views.size).toBe(0);
        expect(assembleParts([{ ...layout2, v: 2 }]).views.size).toBe(0);
        // Totals parts are read as totals only.
        const totals = { ...part('hour:2025-06-15T12', 'all', 0, 1, 'b1', first), kind: 'totals' };
        expect(assembleParts([totals], 'totals').views.size).toBe(1);
        expect(assembleParts([totals]).views.size).toBe(0);

        const partMissing = assembleParts([part('hour:2025-06-15T10', 'all', 0, 2, 'b1', first)]);
        expect(partMissing.torn).toEqual(new Set(['hour:2025-06-15T10']));
    });

    it('reads a part written before the ratings (app 1.8) with zero ratings, and refuses a rating column of the wrong length', () => {
        const entries = agents(4).map((entry) => ({ ...entry, ...noRatings() }));
        const before19: Record<string, unknown> = part('hour:2025-06-15T10', 'all', 0, 1, 'b1', entries);
        for (const name of SUMS_SINCE_1_9) {
            delete before19[name];
        }
        expect(STATS_SUMS.filter((name) => name in before19)).toEqual([
            'firstResponseMs',
            'firstResponseChats',
            'chatDurationMs',
            'chatDurationChats',
        ]);
        expect(entriesOf(assembleParts([before19]).views.get('hour:2025-06-15T10')?.get('all') ?? [])).toEqual(entries);

        const badColumn = { ...part('hour:2025-06-15T11', 'all', 0, 1, 'b1', agents(4)), ratedChats: [1] };
        expect(assembleParts([badColumn]).views.size).toBe(0);
    });
});
