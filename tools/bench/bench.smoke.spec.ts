// Smoke test of the system benches: their quick variants run end to end and produce figures, and
// the pipeline loses and duplicates nothing. Speed is never asserted here (that is what the
// benchmarks report); needs `npm run build` (apps and bench targets run compiled) and Redis.
import { Redis } from 'ioredis';
import { BenchResult } from './bench-result';
import { runCeilingBench } from './ceiling.bench';
import { runHttpBench } from './http.bench';
import { runLimitsBench } from './limits.bench';
import { runPipelineBench } from './pipeline.bench';
import { runQueueBench } from './queue.bench';
import { assertBuilt } from './repo-root';

jest.setTimeout(90_000);

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function expectFigures(results: BenchResult[], count: number): void {
  expect(results).toHaveLength(count);
  for (const r of results) {
    expect(r.name).toMatch(/\S/);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.value).toBeGreaterThan(0);
    if (r.ratio !== undefined) expect(r.ratio).toBeGreaterThan(0);
  }
}

describe('npm run bench --quick (smoke: figures exist, nothing lost; no speed asserted)', () => {
  beforeAll(async () => {
    assertBuilt();
    const r = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
    try {
      await r.connect();
      await r.ping();
    } catch (err) {
      throw new Error(`the system benches need Redis at ${redisUrl} (REDIS_URL): ${(err as Error).message}`);
    } finally {
      r.disconnect();
    }
  });

  it('measures the parse-and-append ceiling', async () => {
    expectFigures(await runCeilingBench({ lines: 50_000, passes: 1 }), 3);
  });

  it('measures bare Fastify, ingest-api and the NestJS ValidationPipe route', async () => {
    const results = await runHttpBench({ durationSec: 1, rounds: 1 });
    expectFigures(results, 3);
    expect(results[1].referenceValue).toBe(results[0].value);
  });

  it('measures ingest-api with the rate limit off, in the process and in Redis', async () => {
    const results = await runLimitsBench({ durationSec: 1, rounds: 1, redisUrl });
    expectFigures(results, 3);
    expect(results[2].referenceValue).toBe(results[0].value);
  });

  it('measures one BullMQ job per log against BullMqLogQueue', async () => {
    expectFigures(await runQueueBench({ referenceLogs: 2000, oursLogs: 20_000 }), 2);
  });

  it('runs the pipeline on real processes and stores every accepted log exactly once', async () => {
    const { results, runs } = await runPipelineBench({ durationSec: 3, rounds: 1, ceilingLinesPerSec: 500_000, redisUrl });
    expect(results.map((r) => r.name)).toEqual([
      expect.stringMatching(/^e2e: max rate, 1 worker/),
      expect.stringMatching(/^e2e: loss over all 3 measured runs/),
      expect.stringMatching(/^e2e: p99 accepted→stored/),
      expect.stringMatching(/^e2e: worker RSS/),
      'e2e: max rate, 2 workers',
    ]);
    expect(runs.all).toHaveLength(3);
    for (const run of runs.all) {
      expect(run.analysis.accepted).toBeGreaterThan(0);
      expect(run.analysis.lost).toBe(0);
      expect(run.analysis.duplicated).toBe(0);
      expect(run.analysis.stored).toBe(run.analysis.accepted);
      expect(run.analysis.unreadable).toBe(0);
      expect(run.workerMemory.every((m) => m.bootKib > 0 && m.endOfLoadKib > 0)).toBe(true);
      expect(run.analysis.latencyMs.p99).toBeGreaterThanOrEqual(run.analysis.latencyMs.p50);
    }
  });
});
