// HTTP bench target (child process): ingest-api's real app (compiled), with the in-process queue
// (QUEUE_DRIVER=memory) and a consumer that discards every job, so that the figure is HTTP +
// validation + ids + enqueue call, without Redis.
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { BUILT } from '../repo-root';

interface InProcessQueueModule {
  InProcessLogQueue: { named(o: { name: string }): { consume(h: (job: { records: unknown[] }) => Promise<void>, o: { concurrency: number }): Promise<void> } };
}

async function main(): Promise<void> {
  const name = `bench-http-${randomUUID()}`;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadIngestConfig } = require(BUILT.ingestConfig) as { loadIngestConfig(env: NodeJS.ProcessEnv): unknown };
  const { startIngestApi } = require(BUILT.ingestBootstrap) as { startIngestApi(c: unknown): Promise<{ getHttpServer(): { address(): { port: number } } }> };
  // The very module instance the app uses, so that the queue found by name is the app's.
  const queues = require(require.resolve('@logad/queue', { paths: [dirname(BUILT.ingestBootstrap)] })) as InProcessQueueModule;
  const app = await startIngestApi(loadIngestConfig({ HOST: '127.0.0.1', INGEST_PORT: '0', QUEUE_DRIVER: 'memory', QUEUE_NAME: name, LOG_LEVEL: 'warn' }));
  let discarded = 0;
  await queues.InProcessLogQueue.named({ name }).consume(async (job) => void (discarded += job.records.length), { concurrency: 1_000_000 });
  // SIGWINCH, not SIGUSR2: Nest's shutdown hooks close the app on SIGUSR2 and re-raise it.
  process.on('SIGWINCH', () => {
    const cpu = process.cpuUsage();
    process.stdout.write(`DISCARDED ${discarded} CPU ${cpu.user + cpu.system}\n`);
  });
  process.stdout.write(`READY ${app.getHttpServer().address().port}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`ingest-api target failed: ${err.message}\n`);
  process.exit(1);
});
