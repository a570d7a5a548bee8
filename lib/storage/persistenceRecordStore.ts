import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { ChatStore, LegStore, SaveOutcome } from '../chats/chatStore';
import type { ServiceRecord } from '../chats/serviceRecord';
import type { LegEvent } from '../legs/legs';
import type { AgentStats } from '../reports/agentStats';
import type { ChatCredit } from '../reports/attribution';
import type { AgentTotals } from '../reports/agentTotals';
import type { ChatsAndTime, ReportReader } from '../reports/reportReader';
import type { ReportScope } from '../reports/scope';
import type { DateRange } from '../time/range';
import { BucketBuilder } from './builder/bucketBuilder';
import { BuilderLease } from './builder/builderLease';
import type { RebuildSummary } from './builder/buildRun';
import { BUILDER_RUN_BUDGET_MS } from './builder/buildRun';
import { ChatRecords } from './chatRecords';
import { requireWriter, StoredDocuments } from './documents';
import { BucketReportReads } from './reportReads';
import { pruneBefore, pruneTombstones } from './retention';
import { totalsFromTimelines } from './timelineReads';

/**
 * The app's persistence as the rest of the app sees it: the chat store of recording, the report
 * reader of the reports, and the builder's and the retention's runs, over one reader and (for the
 * events and jobs) one writer. Each job lives in its own module; docs/storage.md says why no
 * interleaving of writes, and no write that fails or stalls half-way, can lose or double-count a room:
 * - writes: `chatRecords.ts` (a marker first, then the record);
 * - reads: `reportReads.ts` (totals and stats), `timelineReads.ts` (the series of all agents);
 * - the builder: `builder/` (runs, bucket and timeline writes, marker settling), with the migrations
 *   of older layouts in `migrations/`; the retention: `retention.ts`.
 */
export class PersistenceRecordStore implements ChatStore, LegStore, ReportReader {
    private readonly documents: StoredDocuments;
    private readonly chats: ChatRecords;
    private readonly reads: BucketReportReads;

    constructor(
        private readonly reader: IPersistenceRead,
        private readonly writer?: IPersistence,
    ) {
        this.documents = new StoredDocuments(reader);
        this.chats = new ChatRecords(this.documents, writer);
        this.reads = new BucketReportReads(this.documents);
    }

    public save(record: ServiceRecord): Promise<SaveOutcome> {
        return this.chats.save(record);
    }

    public has(roomId: string): Promise<boolean> {
        return this.chats.has(roomId);
    }

    public forget(roomId: string, deletedAt?: number): Promise<boolean> {
        return this.chats.forget(roomId, deletedAt);
    }

    /** How many rooms were deleted since an instant: what tells the history import to walk the room list again. */
    public deletionsSince(at: number): Promise<number> {
        return this.documents.deletionsSince(at);
    }

    public record(roomId: string): Promise<ServiceRecord | undefined> {
        return this.chats.record(roomId);
    }

    public addLegEvent(roomId: string, roomCreatedAt: number, event: LegEvent): Promise<void> {
        return this.chats.addLegEvent(roomId, roomCreatedAt, event);
    }

    public legEvents(roomId: string): Promise<LegEvent[]> {
        return this.chats.legEvents(roomId);
    }

    public totals(scope: ReportScope): Promise<AgentTotals[]> {
        return this.reads.totals(scope);
    }

    public stats(scope: ReportScope): Promise<AgentStats[]> {
        return this.reads.stats(scope);
    }

    public credits(scope: ReportScope, agentIds?: readonly string[]): Promise<ChatCredit[]> {
        return this.reads.credits(scope, agentIds);
    }

    public totalsPerRange(scope: ReportScope, ranges: readonly DateRange[]): Promise<AgentTotals[][]> {
        return this.reads.totalsPerRange(scope, ranges);
    }

    /**
     * The series of all agents: from the day timelines, one read per month and view; a scope naming
     * several departments reads the buckets instead (one read per group, whatever the departments),
     * so that no request's reads grow with the departments it names.
     */
    public async totalsPerRangeFromTimelines(scope: ReportScope, ranges: readonly DateRange[]): Promise<ChatsAndTime[]> {
        if ((scope.departmentIds?.length ?? 0) <= 1) {
            return totalsFromTimelines(this.documents, scope, ranges);
        }
        return (await this.reads.totalsPerRange(scope, ranges)).map((agents) => ({
            chats: agents.reduce((sum, agent) => sum + agent.chats, 0),
            sumMs: agents.reduce((sum, agent) => sum + agent.sumMs, 0),
        }));
    }

    /**
     * The builder's job: `work` with a store whose every write is fenced by the builder lease
     * (`builder/builderLease.ts`), so that no two runs write at once; undefined when another run holds it.
     */
    public async underBuilderLease<T>(work: (store: PersistenceRecordStore) => Promise<T>, clock?: () => number): Promise<T | undefined> {
        const lease = await BuilderLease.take(this.documents, requireWriter(this.writer), clock);
        if (!lease) {
            return undefined;
        }
        try {
            return await work(new PersistenceRecordStore(this.reader, lease.fence()));
        } finally {
            await lease.release().catch(() => undefined); // it runs out by itself
        }
    }

    /** The builder's run (`builder/bucketBuilder.ts`). */
    public rebuildBuckets(now = Date.now(), budgetMs = BUILDER_RUN_BUDGET_MS): Promise<RebuildSummary> {
        return new BucketBuilder(this.documents, requireWriter(this.writer)).run(now, budgetMs);
    }

    /** The retention's prune (`retention.ts`). */
    public pruneBefore(cutoff: number): Promise<number> {
        return pruneBefore(this.documents, requireWriter(this.writer), cutoff);
    }

    /** Removes the tombstones of rooms deleted in the month two before `now`'s (`retention.ts`). */
    public pruneTombstones(now = Date.now()): Promise<void> {
        return pruneTombstones(requireWriter(this.writer), now);
    }
}
