// Needs a real Redis (REDIS_URL, default redis://127.0.0.1:6379): the mark holds on the depth that
// every replica reads from the one BullMQ queue.
import { QueuedLog } from '@logad/contracts';
import { BullMqLogQueue, InProcessLogQueue, QueueUnavailableError } from '@logad/queue';
import { randomUUID } from 'node:crypto';
import { Backpressure, QueueFullProblem } from './backpressure';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = (): QueuedLog => ({ id: randomUUID(), timestamp: new Date().toISOString(), receivedAt: Date.now(), source: null, level: null, message: 'x' });
const logs = (n: number) => Array.from({ length: n }, log);

describe('Backpressure', () => {
  const queues: BullMqLogQueue[] = [];
  const replica = (name: string) => {
    // a generous connect time: a loaded CI machine can take more than the 1 s default to connect
    const q = new BullMqLogQueue({ name, redisUrl, recordsPerJob: 1, connectTimeoutMs: 10_000 });
    queues.push(q);
    return q;
  };
  afterEach(async () => {
    if (queues[0]) await queues[0].obliterate();
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });

  it('refuses at the mark, counting what another replica enqueued', async () => {
    const name = `test-${randomUUID()}`;
    const [qa, qb] = [replica(name), replica(name)];
    const a = new Backpressure(qa, { highWater: 10, slackJobs: 5 });
    const b = new Backpressure(qb, { highWater: 10, slackJobs: 5 });
    await b.admit(1, () => qb.enqueue(logs(1))); // b has read the depth (0) once
    for (let i = 0; i < 9; i++) await a.admit(1, () => qa.enqueue(logs(1)));
    await expect(a.admit(1, () => qa.enqueue(logs(1)))).rejects.toBeInstanceOf(QueueFullProblem);
    // b's reading is fresh (< 250 ms) but it may enqueue only 5 jobs unseen before reading again.
    let taken = 0;
    const refused = await (async () => {
      for (let i = 0; i < 10; i++) {
        try {
          await b.admit(1, () => qb.enqueue(logs(1)));
          taken++;
        } catch (err) {
          return err;
        }
      }
    })();
    expect(refused).toBeInstanceOf(QueueFullProblem);
    expect(taken).toBeLessThanOrEqual(4);
    expect((await qa.counts()).waiting).toBeLessThanOrEqual(10 + 4);
  });

  it('two replicas under concurrent load overshoot the mark by less than 2 × max(slack, jobs per request)', async () => {
    const name = `test-${randomUUID()}`;
    const highWater = 60;
    const slackJobs = 8;
    const perRequest = 3;
    const replicas = [replica(name), replica(name)].map((q) => ({ q, bp: new Backpressure(q, { highWater, slackJobs }) }));
    const outcomes = { accepted: 0, full: 0 };
    // 16 concurrent senders per replica, until each has been refused 5 times: no worker drains the queue.
    await Promise.all(
      replicas.flatMap(({ q, bp }) =>
        Array.from({ length: 16 }, async () => {
          let refusals = 0;
          while (refusals < 5) {
            try {
              await bp.admit(perRequest, () => q.enqueue(logs(perRequest)));
              outcomes.accepted++;
            } catch (err) {
              if (!(err instanceof QueueFullProblem)) throw err;
              outcomes.full++;
              refusals++;
            }
          }
        }),
      ),
    );
    const depth = (await replicas[0].q.counts()).waiting;
    expect(depth).toBe(outcomes.accepted * perRequest);
    expect(depth).toBeGreaterThan(highWater - Math.max(slackJobs, perRequest)); // in-flight jobs may be counted twice until the next read
    expect(depth).toBeLessThan(highWater + 2 * Math.max(slackJobs, perRequest));
  });

  it('answers 503 (QueueUnavailableError) when the depth cannot be read', async () => {
    const down = new BullMqLogQueue({ name: `test-${randomUUID()}`, redisUrl: 'redis://127.0.0.1:1', connectTimeoutMs: 200 });
    const bp = new Backpressure(down, { highWater: 10 });
    try {
      await expect(bp.admit(1, () => down.enqueue(logs(1)))).rejects.toBeInstanceOf(QueueUnavailableError);
    } finally {
      await down.close();
    }
  });

  it('in one process (memory queue) is exact', async () => {
    const q = InProcessLogQueue.named({ name: `test-${randomUUID()}`, recordsPerJob: 1 });
    const bp = new Backpressure(q, { highWater: 5, slackJobs: 1 });
    for (let i = 0; i < 5; i++) await bp.admit(1, () => q.enqueue(logs(1)));
    await expect(bp.admit(1, () => q.enqueue(logs(1)))).rejects.toBeInstanceOf(QueueFullProblem);
    expect((await q.counts()).waiting).toBe(5);
    await q.close();
  });
});
