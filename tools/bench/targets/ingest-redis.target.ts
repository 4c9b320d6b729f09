// Limits bench target (child process): ingest-api's real app (compiled) on the BullMQ queue in
// Redis, with the per-key limiter of BENCH_LIMITER (`off`, `process` or `cluster`) set far above
// the offered load, so that the figure is what checking the limit costs, never a refusal. A
// consumer in this process discards every job, so that the queue stays short.
import { dirname } from 'node:path';
import { BUILT } from '../repo-root';

interface QueueModule {
  BullMqLogQueue: new (o: { name: string; redisUrl: string }) => {
    consume(h: (job: { records: unknown[] }) => Promise<void>, o: { concurrency: number }): Promise<void>;
  };
}

async function main(): Promise<void> {
  const name = process.env.BENCH_QUEUE_NAME ?? 'bench-limits';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const limiter = process.env.BENCH_LIMITER ?? 'off';
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadIngestConfig } = require(BUILT.ingestConfig) as { loadIngestConfig(env: NodeJS.ProcessEnv): unknown };
  const { startIngestApi } = require(BUILT.ingestBootstrap) as { startIngestApi(c: unknown): Promise<{ getHttpServer(): { address(): { port: number } } }> };
  const queues = require(require.resolve('@logad/queue', { paths: [dirname(BUILT.ingestBootstrap)] })) as QueueModule;
  const app = await startIngestApi(
    loadIngestConfig({
      HOST: '127.0.0.1',
      INGEST_PORT: '0',
      REDIS_URL: redisUrl,
      QUEUE_NAME: name,
      LOG_LEVEL: 'warn',
      QUEUE_HIGH_WATER: '1000000',
      RATE_LIMIT_PER_KEY: limiter === 'off' ? '0' : '1000000000',
      RATE_LIMIT_SCOPE: limiter === 'off' ? '' : limiter,
    }),
  );
  await new queues.BullMqLogQueue({ name, redisUrl }).consume(async () => undefined, { concurrency: 16 });
  process.stdout.write(`READY ${app.getHttpServer().address().port}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`ingest-redis target failed: ${err.message}\n`);
  process.exit(1);
});
