// Needs a real Redis (REDIS_URL, default redis://127.0.0.1:6379): BullMQ's semantics live in its Lua scripts.
import { randomUUID } from 'node:crypto';
import { BullMqLogQueue } from './bullmq.log-queue';
import { QueueUnavailableError } from './errors/queue-unavailable.error';
import { describeLogQueueContract } from './log-queue.contract';
import { QUEUE_ERROR_CODES } from './errors/error-codes';
import { QueueClosedError } from './errors/queue-closed.error';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const names: string[] = [];
const newName = () => {
  const n = `test-${randomUUID()}`;
  names.push(n);
  return n;
};

afterAll(async () => {
  // Leave nothing behind in Redis.
  for (const name of names.splice(0)) {
    const q = new BullMqLogQueue({ name, redisUrl });
    await q.obliterate();
    await q.close();
  }
});

describeLogQueueContract('bullmq', (name, recordsPerJob) => new BullMqLogQueue({ name, recordsPerJob, redisUrl, backoffMs: 20 }), newName);

describe('BullMqLogQueue', () => {
  it('rejects enqueue with QueueUnavailableError, fast, when Redis does not answer', async () => {
    const q = new BullMqLogQueue({ name: newName(), redisUrl: 'redis://127.0.0.1:1' });
    const t0 = Date.now();
    await expect(q.enqueue([{ id: 'a', timestamp: '', receivedAt: 0, source: null, level: null, message: 'm' }])).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(q.ping()).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await q.close();
    names.pop();
  });

  it('with waitReplicas, refuses an enqueue that no replica confirmed (the job is on the primary: a resend is deduplicated downstream)', async () => {
    const q = new BullMqLogQueue({ name: newName(), redisUrl, waitReplicas: 1, waitTimeoutMs: 100 });
    // The test Redis has no replica (a machine's plain redis-server); WAIT 1 then answers 0.
    await expect(q.enqueue([{ id: 'w', timestamp: '', receivedAt: 0, source: null, level: null, message: 'm' }])).rejects.toThrow(
      /0 of 1 replica\(s\) confirmed/,
    );
    expect((await q.counts()).waiting).toBe(1);
    await q.close();
  });

  it('documents every error code', () => {
    expect(Object.keys(QUEUE_ERROR_CODES).sort()).toEqual([new QueueUnavailableError('').code, new QueueClosedError().code].sort());
  });
});
