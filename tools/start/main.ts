import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { banner } from './banner';
import { probeRedis } from './redis-probe';
import { StartConfig, loadStartConfig } from './start-config';

// tools/dist/start/main.js -> repository root
const ROOT = resolve(__dirname, '../../..');
const say = (line: string) => process.stdout.write(`[logad] ${line}\n`);

function runNode(script: string, env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];
let inProcessStop: (() => Promise<void>) | undefined;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
  await inProcessStop?.();
  process.exit(code);
}

async function waitHealthy(url: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms / 1000}s`);
}

async function hasModel(c: StartConfig): Promise<boolean> {
  if (c.modelStore === 'dir') return existsSync(join(resolve(ROOT, c.modelDir), 'current.json'));
  const redis = new Redis(c.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.get(`${c.modelKeyPrefix}current`)) !== null;
  } catch {
    return false; // no Redis: training publishes nowhere useful, and says so
  } finally {
    redis.disconnect();
  }
}

async function ensureModel(c: StartConfig): Promise<void> {
  if (await hasModel(c)) return;
  say(
    `no model in ${c.modelStore === 'dir' ? c.modelDir : `Redis (${c.modelKeyPrefix}current)`}: training one on data/sample-corpus.jsonl (nx run ml-api:train)`,
  );
  const child = spawn(process.execPath, [join(ROOT, 'apps/ml-api/dist/train/main.js'), '--model-dir', c.modelDir], { cwd: ROOT, stdio: 'inherit' });
  const code: number = await new Promise((r) => child.once('exit', (c) => r(c ?? 1)));
  if (code !== 0) throw new Error('training failed');
}

async function main(): Promise<void> {
  const c = loadStartConfig(ROOT);
  await ensureModel(c);
  const redis = await probeRedis(c.redisUrl);
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  if (redis.up) {
    for (const w of redis.warnings) say(`warning: ${w}`);
    const env = { ...process.env, REDIS_URL: c.redisUrl, QUEUE_DRIVER: 'redis', ML_API_URL: c.mlApiUrl };
    children.push(runNode('apps/ml-api/dist/main.js', env, 'ml-api'));
    const basePort = Number(process.env.WORKER_PORT || 9100);
    for (let i = 0; i < c.workers; i++) children.push(runNode('apps/worker/dist/main.js', { ...env, WORKER_PORT: String(basePort + i) }, `worker ${i + 1}`));
    children.push(runNode('apps/ingest-api/dist/main.js', env, 'ingest-api'));
  } else {
    say(`Redis does not answer at ${c.redisUrl}: running everything in this one process with an in-memory queue.`);
    say('That is fine for a try-out, but queued logs are lost if the process dies and it cannot scale out.');
    process.env.QUEUE_DRIVER = 'memory';
    process.env.ML_API_URL = c.mlApiUrl;
    /* eslint-disable @typescript-eslint/no-require-imports */
    const ml = await require(join(ROOT, 'apps/ml-api/dist/bootstrap.js')).startMlApi();
    const worker = await require(join(ROOT, 'apps/worker/dist/bootstrap.js')).startWorker();
    const ingest = await require(join(ROOT, 'apps/ingest-api/dist/bootstrap.js')).startIngestApi();
    inProcessStop = async () => {
      await ingest.close();
      await worker.close();
      await ml.close();
    };
  }
  await waitHealthy(`http://${c.host}:${c.mlApiPort}/health`);
  await waitHealthy(`http://${c.host}:${c.ingestPort}/health`);
  process.stdout.write(banner(c, redis.up ? 'redis' : 'memory'));
}

main().catch((err: Error) => {
  say(`start failed: ${err.message}`);
  void stop(1);
});
