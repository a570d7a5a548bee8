/**
 * A DDSketch (Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
 * relative-error guarantees", VLDB 2019) over whole milliseconds: values fall into logarithmic bins
 * of ratio γ = (1 + α) / (1 − α), and a bin answers with the value 2γ^i / (γ + 1), which is within
 * α of every value the bin holds. So the value this sketch gives for a rank is within α (1 %) of the
 * exact value at that rank, whatever the data, and two sketches merge exactly by adding their bins:
 * a year's sketch is the sum of its months'.
 *
 * The mapping is the one of Datadog's `@datadog/sketches-js` (its `LogarithmicMapping`; the tests
 * check every key against it). The library itself is not bundled: its `getValueAtQuantile` ranks by
 * q·(n − 1), not by the nearest rank ⌈q·n⌉ the reports promise (for 2 values its median is the lower
 * one, for 10 its p90 the 9th), its merge drops negative values, and its only serialisation is
 * protobuf, which would bring protobufjs into the app.
 */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

const GAMMA = (1 + SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);
const MULTIPLIER = 1 / Math.log1p((2 * SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY));

/**
 * A sketch as stored: `[key, count, Δkey, count, …]`, keys ascending, each after the first as its
 * distance from the one before (small numbers, short JSON). Key 0 holds zeros; key k > 0 the
 * positive values of logarithmic bin k − 1; key k < 0 the negative values of bin −k − 1.
 */
export type StoredSketch = number[];

/** The logarithmic bin of a positive value: ⌈log_γ(value)⌉. */
export function logarithmicBin(value: number): number {
    return Math.ceil(Math.log(value) * MULTIPLIER);
}

/** The value a logarithmic bin answers with: within α of every value in it. */
export function binValue(bin: number): number {
    return (Math.pow(GAMMA, bin) * 2) / (1 + GAMMA);
}

function keyOf(value: number): number {
    if (value > 0) {
        return logarithmicBin(value) + 1;
    }
    return value < 0 ? -logarithmicBin(-value) - 1 : 0;
}

function valueOfKey(key: number): number {
    if (key > 0) {
        return binValue(key - 1);
    }
    return key < 0 ? -binValue(-key - 1) : 0;
}

/**
 * Counts per key: a sketch being built or merged. A sketch made of one stored sketch (a report over
 * one year bucket, the common case) keeps it as stored, already in key order, and answers from it
 * without building a map.
 */
export class QuantileSketch {
    private readonly counts = new Map<number, number>();
    private total = 0;
    /** The one stored sketch this sketch is, until anything else is added. */
    private only: StoredSketch | undefined;
    /** The keys in order, once asked for (three percentiles per agent). */
    private sortedKeys: number[] | undefined;

    public get count(): number {
        return this.total;
    }

    public add(value: number, count = 1): void {
        this.materialise();
        const key = keyOf(value);
        this.counts.set(key, (this.counts.get(key) ?? 0) + count);
        this.total += count;
        this.sortedKeys = undefined;
    }

    public merge(stored: StoredSketch): void {
        if (this.total === 0 && this.only === undefined) {
            this.only = stored;
            for (let i = 1; i < stored.length; i += 2) {
                this.total += stored[i];
            }
            return;
        }
        this.materialise();
        this.sortedKeys = undefined;
        this.addStored(stored);
    }

    /** Turns the one stored sketch held as it is into counts, before anything else is added. */
    private materialise(): void {
        if (this.only !== undefined) {
            const stored = this.only;
            this.only = undefined;
            this.total = 0;
            this.addStored(stored);
        }
    }

    private addStored(stored: StoredSketch): void {
        let key = 0;
        for (let i = 0; i + 1 < stored.length; i += 2) {
            key = i === 0 ? stored[0] : key + stored[i];
            const count = stored[i + 1];
            this.counts.set(key, (this.counts.get(key) ?? 0) + count);
            this.total += count;
        }
    }

    /**
     * The value at the nearest rank ⌈p·n/100⌉ (the exact percentile's convention), within α of the
     * exact value at that rank; undefined for an empty sketch.
     */
    public percentile(percent: number): number | undefined {
        if (this.total === 0) {
            return undefined;
        }
        const rank = nearestRank(percent, this.total);
        let seen = 0;
        if (this.only !== undefined) {
            let key = 0;
            for (let i = 0; i + 1 < this.only.length; i += 2) {
                key = i === 0 ? this.only[0] : key + this.only[i];
                seen += this.only[i + 1];
                if (seen >= rank) {
                    return valueOfKey(key);
                }
            }
            return undefined;
        }
        for (const key of this.keysInOrder()) {
            seen += this.counts.get(key) ?? 0;
            if (seen >= rank) {
                return valueOfKey(key);
            }
        }
        return undefined;
    }

    private keysInOrder(): number[] {
        this.sortedKeys ??= [...this.counts.keys()].sort((a, b) => a - b);
        return this.sortedKeys;
    }

    public toStored(): StoredSketch {
        if (this.only !== undefined) {
            return this.only;
        }
        const stored: StoredSketch = [];
        let previous = 0;
        for (const key of this.keysInOrder()) {
            stored.push(stored.length === 0 ? key : key - previous, this.counts.get(key) ?? 0);
            previous = key;
        }
        return stored;
    }
}

/**
 * The nearest rank of a percentile among n values, ⌈p·n/100⌉ from 1, in integer arithmetic: as a
 * float, 0.9 × 30 is 27.000000000000004, whose ceiling would be the 28th value.
 */
export function nearestRank(percent: number, n: number): number {
    return Math.min(n, Math.max(1, Math.ceil((percent * n) / 100)));
}
