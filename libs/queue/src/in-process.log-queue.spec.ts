import { randomUUID } from 'node:crypto';
import { InProcessLogQueue } from './in-process.log-queue';
import { describeLogQueueContract } from './log-queue.contract';
import { QueueClosedError } from './errors/queue-closed.error';

describeLogQueueContract(
  'in-process',
  (name, recordsPerJob) => InProcessLogQueue.named({ name, recordsPerJob, backoffMs: 20 }),
  () => `test-${randomUUID()}`,
);

describe('InProcessLogQueue', () => {
  it('refuses work after close', async () => {
    const q = InProcessLogQueue.named({ name: `test-${randomUUID()}` });
    await q.close();
    await expect(q.enqueue([])).rejects.toBeInstanceOf(QueueClosedError);
    await expect(q.ping()).rejects.toBeInstanceOf(QueueClosedError);
  });
});
