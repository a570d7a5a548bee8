import type { IHttp, IModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext } from '@rocket.chat/apps-engine/definition/scheduler';

import { bucketBuilderProcessor } from '../../jobs/BucketBuilderJob';
import { PersistenceRecordStore } from '../../lib/storage/persistenceRecordStore';
import { InMemoryAccessors } from '../helpers/accessors';

async function runBuilder(accessors: InMemoryAccessors): Promise<void> {
    const { processor } = bucketBuilderProcessor(accessors.logger);
    await processor.call(undefined, {} as IJobContext, accessors.read, {} as IModify, {} as IHttp, accessors.persistence);
}

describe('the bucket builder job', () => {
    it('says when it is behind: more than 10,000 writes waiting for one run', async () => {
        const accessors = new InMemoryAccessors();
        const store = new PersistenceRecordStore(accessors.persistenceReader, accessors.persistence);
        await runBuilder(accessors);
        for (let i = 0; i < 10_001; i++) {
            await store.save({
                v: 1,
                roomId: `r-${i}`,
                agentId: 'a',
                username: 'ann',
                createdAt: Date.UTC(2025, 0, 1) + i * 1000,
                durationMs: 1000,
            });
        }
        await runBuilder(accessors);
        expect(accessors.logLines.filter((line) => line.includes('writes were waiting'))).toEqual([
            'Bucket builder: 10001 writes were waiting for this run; reports stay exact but read each one until the builder catches up.',
        ]);
        accessors.logLines.length = 0;
        await store.save({ v: 1, roomId: 'one-more', agentId: 'a', username: 'ann', createdAt: Date.UTC(2025, 0, 2), durationMs: 1000 });
        await runBuilder(accessors);
        expect(accessors.logLines.filter((line) => line.includes('writes were waiting'))).toEqual([]);
    });
});
