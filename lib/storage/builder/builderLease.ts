import type { IPersistence } from '@rocket.chat/apps-engine/definition/accessors';

import { beforeEachCall } from '../../util/beforeEachCall';
import { uniqueToken } from '../../util/uniqueToken';
import type { StoredDocuments } from '../documents';
import { tag } from '../layout';
import { BUILDER_LEASE_TAG } from '../versions';

/** How long a lease holds without renewal: a holder that stalls this long loses it to the next run. */
export const LEASE_MS = 60_000;
/** A holder renews its lease (read, checked, rewritten) when this much of it is used up. */
export const LEASE_RENEW_AFTER_MS = 15_000;
/** A lease is taken over only this long after it expired: room for a write the old holder had in flight. */
export const LEASE_GRACE_MS = 15_000;

interface StoredLease {
    token: string;
    /** Until when the holder may write (ms since the epoch, by the holder's clock). */
    until: number;
}

/** Thrown by a write of a builder that no longer holds the lease: the run stops, writing nothing more. */
export class LeaseLostError extends Error {
    constructor(why: string) {
        super(`the builder stopped: ${why}`);
        this.name = 'LeaseLostError';
    }
}

/**
 * One builder at a time. Rocket.Chat waits 30 s for a job and Agenda then starts the next run beside
 * one still going; two builders rewriting the same day's timeline (a read, a patch, a write) lose
 * each other's slots, and a bucket written from an older read can land after a newer one. So a run
 * takes this lease first, and every write it makes goes through `fence`: before each write the
 * holder checks, by its own clock, that its lease has not run out, and renews it (reading it back to
 * see it is still its own) every `LEASE_RENEW_AFTER_MS`. A run that finds a live lease does nothing;
 * a lease is taken over only `LEASE_GRACE_MS` after it ran out, so a holder that stalled stops
 * before another starts. Persistence has no compare-and-swap: two runs started within the same few
 * milliseconds could both take it, which Agenda's own lock on the job rules out.
 */
export class BuilderLease {
    private until: number;

    private constructor(
        private readonly documents: StoredDocuments,
        private readonly writer: IPersistence,
        private readonly token: string,
        private readonly clock: () => number,
    ) {
        this.until = clock() + LEASE_MS;
    }

    /** The lease, or undefined when another run holds it. */
    public static async take(
        documents: StoredDocuments,
        writer: IPersistence,
        clock: () => number = Date.now,
    ): Promise<BuilderLease | undefined> {
        const current = await documents.single<StoredLease>(BUILDER_LEASE_TAG);
        if (typeof current?.until === 'number' && current.until + LEASE_GRACE_MS > clock()) {
            return undefined;
        }
        const lease = new BuilderLease(documents, writer, uniqueToken(), clock);
        await lease.store();
        return (await lease.stillMine()) ? lease : undefined;
    }

    /** The writer, fenced: each write first checks (and if due, renews) the lease, and throws `LeaseLostError` once it is lost. */
    public fence(): IPersistence {
        return beforeEachCall(this.writer, () => this.check());
    }

    /** Gives the lease back, if it is still this run's. */
    public async release(): Promise<void> {
        if (this.clock() < this.until && (await this.stillMine())) {
            await this.writer.removeByAssociation(tag(BUILDER_LEASE_TAG));
        }
    }

    private async check(): Promise<void> {
        const now = this.clock();
        if (now >= this.until) {
            throw new LeaseLostError(`its lease ran out ${now - this.until} ms ago (a stall), and another run may have taken over`);
        }
        if (now >= this.until - LEASE_MS + LEASE_RENEW_AFTER_MS) {
            if (!(await this.stillMine())) {
                throw new LeaseLostError('another run took its lease');
            }
            this.until = now + LEASE_MS;
            await this.store();
        }
    }

    private store(): Promise<unknown> {
        const lease: StoredLease = { token: this.token, until: this.until };
        return this.writer.updateByAssociation(tag(BUILDER_LEASE_TAG), lease, true);
    }

    private async stillMine(): Promise<boolean> {
        return (await this.documents.single<StoredLease>(BUILDER_LEASE_TAG))?.token === this.token;
    }
}
