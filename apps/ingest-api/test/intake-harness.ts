// What the intake e2e suites share: the real app on an ephemeral port over real Redis, and the
// queue it fills, drained to see exactly what landed.
import { LogJob, QueuedLog } from '@logad/contracts';
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface IntakeHarness {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly queue: BullMqLogQueue;
  /** The logs enqueued, once `expected` have arrived (or 10 s passed), and `settleMs` more for strays. */
  drain(expected: number, settleMs?: number): Promise<QueuedLog[]>;
  /** Consumes from now on, pushing every enqueued log into `into` as it lands (for suites that look at the queue as they go). */
  collect(into: QueuedLog[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts ingest-api with `env` (on a random queue named after `tag`) and a consumer-side view of its queue. */
export async function startIntakeHarness(tag: string, env: Record<string, string> = {}): Promise<IntakeHarness> {
  const queueName = `test-${tag}-${randomUUID()}`;
  const app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL, QUEUE_NAME: queueName, LOG_LEVEL: 'silent', ...env }));
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const queue = new BullMqLogQueue({ name: queueName, redisUrl: REDIS_URL });
  return {
    app,
    base,
    queue,
    async drain(expected, settleMs = 300) {
      const got: QueuedLog[] = [];
      await queue.consume(async (job: LogJob) => {
        got.push(...job.records);
      });
      const end = Date.now() + 10_000;
      while (got.length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, settleMs)); // nothing more should arrive
      return got;
    },
    async collect(into) {
      await queue.consume(
        async (job: LogJob) => {
          into.push(...job.records);
        },
        { concurrency: 8 },
      );
    },
    async close() {
      await app.close();
      await queue.obliterate();
      await queue.close();
    },
  };
}

/** A TCP port free on 127.0.0.1 right now (for a second listener such as OTLP_PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
