import { QueuedLog } from '@logad/contracts';
import { UnrecoverableError } from 'bullmq';
import { LogQueue } from './log-queue';

/**
 * The behaviour every LogQueue adapter must show. Each adapter's spec calls this with a
 * factory; queues made with the same `name` must meet, as producers and workers do.
 */
export function describeLogQueueContract(adapter: string, make: (name: string, recordsPerJob: number) => LogQueue, newName: () => string): void {
  describe(`LogQueue contract: ${adapter}`, () => {
    const made: LogQueue[] = [];
    const queue = (name: string, recordsPerJob = 10) => {
      const q = make(name, recordsPerJob);
      made.push(q);
      return q;
    };
    afterEach(async () => {
      await Promise.all(made.splice(0).map((q) => q.close()));
    });

    const logs = (n: number, tag = 'l'): QueuedLog[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${tag}-${i}`,
        timestamp: '2024-01-01T00:00:00.000Z',
        receivedAt: 1,
        source: null,
        level: null,
        message: `m${i}`,
      }));

    function until(cond: () => boolean, ms = 10_000): Promise<void> {
      const end = Date.now() + ms;
      return new Promise((resolve, reject) => {
        const tick = () => (cond() ? resolve() : Date.now() > end ? reject(new Error('condition not met in time')) : setTimeout(tick, 10));
        tick();
      });
    }

    it('delivers every record once, in jobs of at most recordsPerJob', async () => {
      const name = newName();
      const producer = queue(name, 7);
      const seen: string[] = [];
      const sizes: number[] = [];
      await queue(name, 7).consume(
        async (job) => {
          sizes.push(job.records.length);
          seen.push(...job.records.map((r) => r.id));
        },
        { concurrency: 2 },
      );
      await producer.enqueue(logs(50));
      await until(() => seen.length >= 50);
      expect(seen.sort()).toEqual(
        logs(50)
          .map((l) => l.id)
          .sort(),
      );
      expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
      expect(await producer.counts()).toMatchObject({ waiting: 0, failed: 0 });
    });

    it('retries a failing job until it succeeds, losing nothing', async () => {
      const name = newName();
      const attempts: number[] = [];
      const done: string[] = [];
      await queue(name).consume(async (job, info) => {
        attempts.push(info.attempt);
        if (info.attempt < 3) throw new Error('ml-api down');
        done.push(...job.records.map((r) => r.id));
      });
      await queue(name).enqueue(logs(5));
      await until(() => done.length === 5);
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('fails a job for good on UnrecoverableError and does not retry it', async () => {
      const name = newName();
      let runs = 0;
      const q = queue(name);
      await q.consume(async () => {
        runs++;
        throw new UnrecoverableError('bad payload');
      });
      await q.enqueue(logs(3));
      await until(() => runs === 1);
      const deadline = Date.now() + 5_000;
      while ((await q.counts()).failed < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 700)); // longer than the first back-off
      expect(runs).toBe(1);
      expect((await q.counts()).failed).toBe(1);
    });

    it('runs at most `concurrency` jobs at once, and more than one when allowed', async () => {
      const name = newName();
      let active = 0;
      let peak = 0;
      let done = 0;
      await queue(name, 1).consume(
        async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 30));
          active--;
          done++;
        },
        { concurrency: 3 },
      );
      await queue(name, 1).enqueue(logs(12));
      await until(() => done === 12);
      expect(peak).toBe(3);
    });

    it('shares the work between two consumers of one queue', async () => {
      const name = newName();
      const byConsumer = [0, 0];
      for (const k of [0, 1]) {
        await queue(name, 1).consume(
          async () => {
            byConsumer[k]++;
            await new Promise((r) => setTimeout(r, 20));
          },
          { concurrency: 1 },
        );
      }
      await queue(name, 1).enqueue(logs(20));
      await until(() => byConsumer[0] + byConsumer[1] === 20);
      expect(byConsumer[0]).toBeGreaterThan(0);
      expect(byConsumer[1]).toBeGreaterThan(0);
    });

    it('counts waiting jobs until a consumer takes them', async () => {
      const name = newName();
      const q = queue(name, 4);
      await q.enqueue(logs(10));
      expect(await q.counts()).toMatchObject({ waiting: 3, active: 0 });
      await q.ping();
    });
  });
}
