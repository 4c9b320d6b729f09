import autocannon from 'autocannon';
import { BenchResult, goalNote } from './bench-result';
import { LogBatches } from './log-batches';
import { NodeProcess } from './processes';
import { type BenchLog, type ProtocolBody, elasticsearchBulkBody, lokiProtobufBody, nativeBody, otlpBody } from './protocol-bodies';
import { benchScript } from './repo-root';

export interface IntakeBenchOptions {
  /** Seconds of load per format and round. @defaultValue 10 (quick: 2) */
  readonly durationSec?: number;
  /** Rounds; formats alternate within a round; the best round counts. @defaultValue 2 (quick: 1) */
  readonly rounds?: number;
  /** Concurrent connections. @defaultValue 8 */
  readonly connections?: number;
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

interface Format {
  readonly key: string;
  readonly label: string;
  readonly encode: (logs: readonly BenchLog[]) => ProtocolBody;
  /** Issue 11's goal: ≥ 0.8× the native route. */
  readonly goal: boolean;
}

const FORMATS: readonly Format[] = [
  { key: 'native', label: 'POST /api/v1/logs, JSON array (reference)', encode: nativeBody, goal: false },
  { key: 'otlp-protobuf', label: 'OTLP/HTTP protobuf, POST /v1/logs', encode: (l) => otlpBody(l, 'protobuf'), goal: true },
  { key: 'otlp-json', label: 'OTLP/HTTP JSON, POST /v1/logs', encode: (l) => otlpBody(l, 'json'), goal: false },
  { key: 'loki-protobuf', label: 'Loki push, snappy protobuf', encode: lokiProtobufBody, goal: true },
  { key: 'es-bulk', label: 'Elasticsearch _bulk NDJSON', encode: elasticsearchBulkBody, goal: false },
];

interface Measured {
  readonly logsPerSec: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  /** Logs the app enqueued over the run ÷ logs its 2xx answers counted: 1 when every answered log was taken. */
  readonly taken: number;
  /** Logs enqueued per CPU second of the ingest-api process: what other load on the machine changes least. */
  readonly logsPerCpuSec: number;
}

/** Logs/s one ingest-api process (in-process queue that discards) takes in `format`, under autocannon. */
async function measure(format: Format, body: ProtocolBody, batchSize: number, seconds: number, connections: number): Promise<Measured> {
  const server = new NodeProcess(`intake-${format.key}`, benchScript('targets/ingest-api.target.js'));
  try {
    const port = Number((await server.waitFor(/^READY (\d+)/, 60_000))[1]);
    const url = `http://127.0.0.1:${port}${body.path}`;
    // One checked request first: a format the app refuses must not look fast.
    const res = await fetch(url, { method: 'POST', headers: body.headers, body: body.body });
    const text = await res.text();
    if (res.status < 200 || res.status > 299 || /"errors":true|"rejected_?[lL]og_?[rR]ecords":"?[1-9]/.test(text)) {
      throw new Error(`${format.key} answered ${res.status} ${text.slice(0, 300)}`);
    }
    const opts = { url, method: 'POST' as const, headers: body.headers, body: body.body, connections };
    await autocannon({ ...opts, duration: Math.min(2, seconds) }); // warm-up (JIT), not counted
    const before = await discarded(server);
    const r = await autocannon({ ...opts, duration: seconds });
    const after = await discarded(server);
    const answered = r['2xx'] * batchSize;
    const taken = after.logs - before.logs;
    return {
      logsPerSec: answered / r.duration,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx,
      taken: answered === 0 ? 0 : taken / answered,
      logsPerCpuSec: taken / Math.max((after.cpuMicros - before.cpuMicros) / 1e6, 1e-9),
    };
  } finally {
    await server.stop();
  }
}

/** The target's count of discarded (i.e. enqueued) logs and its CPU time so far, asked with SIGWINCH. */
async function discarded(server: NodeProcess): Promise<{ logs: number; cpuMicros: number }> {
  const answer = server.waitFor(/^DISCARDED (\d+) CPU (\d+)/, 10_000);
  process.kill(server.pid, 'SIGWINCH');
  const m = await answer;
  return { logs: Number(m[1]), cpuMicros: Number(m[2]) };
}

/**
 * Each shipper protocol against the native JSON route, in one ingest-api process per run, with the
 * same 1000 logs encoded as each protocol's own client library encodes them.
 */
export async function runIntakeBench(o: IntakeBenchOptions = {}): Promise<BenchResult[]> {
  const seconds = o.durationSec ?? (o.quick ? 2 : 10);
  const rounds = o.rounds ?? (o.quick ? 1 : 2);
  const connections = o.connections ?? 8;
  const log = o.log ?? (() => undefined);
  const batches = new LogBatches(1000);
  const logs = JSON.parse(batches.body(0)) as BenchLog[];
  const bodies = new Map(FORMATS.map((f) => [f.key, f.encode(logs)]));
  const seen = new Map<string, Measured[]>(FORMATS.map((f) => [f.key, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const f of FORMATS) {
      const m = await measure(f, bodies.get(f.key)!, logs.length, seconds, connections);
      seen.get(f.key)!.push(m);
      log(
        `intake round ${round}: ${f.key} ${Math.round(m.logsPerSec).toLocaleString('en-US')} logs/s (p99 ${m.p99Ms} ms, non-2xx ${m.non2xx}, enqueued/answered ${m.taken.toFixed(3)})`,
      );
    }
  }
  const best = (k: string) => seen.get(k)!.reduce((a, b) => (b.logsPerSec > a.logsPerSec ? b : a));
  const native = best('native');
  const cpuMedian = (k: string) => median(seen.get(k)!.map((m) => m.logsPerCpuSec));
  return FORMATS.map((f) => {
    const b = best(f.key);
    const body = bodies.get(f.key)!;
    const setup = `${(body.body.length / 1024).toFixed(0)} KiB bodies of ${logs.length} logs; p99 ${b.p99Ms} ms; non-2xx ${b.non2xx}; enqueued/answered ${b.taken.toFixed(3)}; runs: ${seen
      .get(f.key)!
      .map((m) => `${Math.round(m.logsPerSec / 1000)}k`)
      .join(', ')}`;
    const perCpu = `${Math.round(cpuMedian(f.key)).toLocaleString('en-US')} logs per CPU second (median of rounds)`;
    if (f.key === 'native')
      return {
        name: `intake: ${f.label}`,
        value: Math.round(b.logsPerSec),
        unit: 'logs/s',
        note: `${perCpu}; ${setup}; autocannon ${connections} connections, ${seconds} s per run, best of ${rounds}`,
      };
    const ratio = b.logsPerSec / native.logsPerSec;
    const cpuRatio = cpuMedian(f.key) / cpuMedian('native');
    const perRound = seen
      .get(f.key)!
      .map((m, i) => (m.logsPerSec / seen.get('native')![i].logsPerSec).toFixed(2))
      .join(', ');
    return {
      name: `intake: ${f.label}`,
      value: Math.round(b.logsPerSec),
      unit: 'logs/s',
      reference: 'native JSON route, same run',
      referenceValue: Math.round(native.logsPerSec),
      ratio: Number(ratio.toFixed(3)),
      // logs/s on a shared 2-core machine moves with whatever else runs; per CPU second it moves far less
      note: `${f.goal ? `${goalNote('ratio ≥ 0.8', ratio >= 0.8)}; ` : ''}same-round ratios ${perRound}; ${perCpu}, ${cpuRatio.toFixed(2)}× the native route's; ${setup}`,
    };
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
