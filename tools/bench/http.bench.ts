import autocannon from 'autocannon';
import { BenchResult, goalNote } from './bench-result';
import { LogBatches } from './log-batches';
import { NodeProcess } from './processes';
import { benchScript } from './repo-root';

export interface HttpBenchOptions {
  /** Seconds of load per target and round. @defaultValue 10 (quick: 2) */
  readonly durationSec?: number;
  /** Rounds; targets alternate within a round so that machine noise hits all alike; the best round counts. @defaultValue 2 (quick: 1) */
  readonly rounds?: number;
  /** Concurrent connections. @defaultValue 8 */
  readonly connections?: number;
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

interface Target {
  readonly key: 'bare' | 'ingest' | 'nest';
  readonly label: string;
  readonly script: string;
}

const TARGETS: readonly Target[] = [
  { key: 'bare', label: 'bare Fastify route (JSON parse, count, 202)', script: 'targets/bare-fastify.target.js' },
  {
    key: 'ingest',
    label: 'ingest-api POST /api/v1/logs (real app, compiled validator, in-process queue that discards)',
    script: 'targets/ingest-api.target.js',
  },
  { key: 'nest', label: 'NestJS ValidationPipe + class-validator CreateLogDto per item', script: 'targets/nest-class-validator.target.js' },
];

/** Logs/s each target accepts (2xx × batch size / s) under autocannon on loopback. */
async function measure(
  target: Target,
  body: string,
  batchSize: number,
  seconds: number,
  connections: number,
): Promise<{ logsPerSec: number; p99Ms: number; non2xx: number; errors: number }> {
  const server = new NodeProcess(target.key, benchScript(target.script));
  try {
    const port = Number((await server.waitFor(/^READY (\d+)/, 60_000))[1]);
    const url = `http://127.0.0.1:${port}/api/v1/logs`;
    // One checked request first: a target that refuses the body must not be "fast".
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = (await res.json()) as { accepted?: number };
    if (res.status !== 202 || answer.accepted !== batchSize) throw new Error(`${target.key} answered ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    const opts = { url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body, connections };
    await autocannon({ ...opts, duration: Math.min(2, seconds) }); // warm-up (JIT), not counted
    const r = await autocannon({ ...opts, duration: seconds });
    return { logsPerSec: (r['2xx'] * batchSize) / r.duration, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
  } finally {
    await server.stop();
  }
}

/**
 * Bare Fastify vs ingest-api's real route vs the NestJS ValidationPipe reference, all with the
 * same 1000-log bodies of realistic logs (no ids: ingest gives each a UUID, as for most shippers).
 */
export async function runHttpBench(o: HttpBenchOptions = {}): Promise<BenchResult[]> {
  const seconds = o.durationSec ?? (o.quick ? 2 : 10);
  const rounds = o.rounds ?? (o.quick ? 1 : 2);
  const connections = o.connections ?? 8;
  const log = o.log ?? (() => undefined);
  const batches = new LogBatches(1000);
  const body = batches.body(0);
  const seen: Record<Target['key'], Array<{ logsPerSec: number; p99Ms: number; non2xx: number; errors: number }>> = { bare: [], ingest: [], nest: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const t of TARGETS) {
      const m = await measure(t, body, batches.batchSize, seconds, connections);
      seen[t.key].push(m);
      log(
        `http round ${round}: ${t.key} ${Math.round(m.logsPerSec).toLocaleString('en-US')} logs/s (p99 ${m.p99Ms} ms, non-2xx ${m.non2xx}, errors ${m.errors})`,
      );
    }
  }
  const best = (k: Target['key']) => seen[k].reduce((a, b) => (b.logsPerSec > a.logsPerSec ? b : a));
  const all = (k: Target['key']) => seen[k].map((m) => Math.round(m.logsPerSec / 1000) + 'k').join(', ');
  const bare = best('bare');
  const ingest = best('ingest');
  const nest = best('nest');
  const setup = `${(body.length / 1024).toFixed(0)} KiB bodies of ${batches.batchSize} logs, autocannon ${connections} connections, ${seconds} s per run, best of ${rounds} round(s)`;
  const ratio = ingest.logsPerSec / bare.logsPerSec;
  const perRound = seen.ingest.map((m, i) => (m.logsPerSec / seen.bare[i].logsPerSec).toFixed(2)).join(', ');
  const nestSlowdown = bare.logsPerSec / nest.logsPerSec;
  return [
    {
      name: `http: ${TARGETS[0].label}`,
      value: Math.round(bare.logsPerSec),
      unit: 'logs/s',
      note: `p99 ${bare.p99Ms} ms per request; runs: ${all('bare')}; ${setup}; issue's figure ~1.16M logs/s on the team's machine`,
    },
    {
      name: `http: ${TARGETS[1].label}`,
      value: Math.round(ingest.logsPerSec),
      unit: 'logs/s',
      reference: 'bare Fastify, same run',
      referenceValue: Math.round(bare.logsPerSec),
      ratio: round3(ratio),
      note: `${goalNote('ratio ≥ 0.5', ratio >= 0.5, `${(ratio * 100).toFixed(0)} % of bare, best vs best`)}; same-round ratios ${perRound}; p99 ${ingest.p99Ms} ms; runs: ${all('ingest')}; non-2xx ${ingest.non2xx}`,
    },
    {
      name: `http: ${TARGETS[2].label}`,
      value: Math.round(nest.logsPerSec),
      unit: 'logs/s',
      reference: 'bare Fastify, same run',
      referenceValue: Math.round(bare.logsPerSec),
      ratio: round3(nest.logsPerSec / bare.logsPerSec),
      note: `${nestSlowdown.toFixed(1)}× slower than bare (issue: 13.6×); ingest-api is ${(ingest.logsPerSec / nest.logsPerSec).toFixed(1)}× this; runs: ${all('nest')}; non-2xx ${nest.non2xx}`,
    },
  ];
}

const round3 = (v: number) => Number(v.toFixed(3));
