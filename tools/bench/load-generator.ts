import { Agent, request } from 'node:http';
import { LogBatches } from './log-batches';
import { sleep } from './processes';

export interface LoadOptions {
  /** ingest-api's `POST /api/v1/logs` URL. */
  readonly url: string;
  readonly batches: LogBatches;
  /** Prefix of every log id of this run (no dash). */
  readonly idTag: string;
  readonly durationMs: number;
  /** Connections (closed loop) or most requests in flight (fixed rate). */
  readonly connections: number;
  /** Logs/s to offer at a fixed pace; undefined for as fast as ingest accepts. */
  readonly rate?: number;
  /** Closed loop only: awaited before each request, to hold the load while the queue's backlog is too long. */
  readonly gate?: () => Promise<void>;
}

export interface LoadResult {
  /** HTTP status of batch n (0: no answer). */
  readonly statuses: number[];
  readonly acceptedLogs: number;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Requests answered per status ('error' for no answer). */
  readonly byStatus: Record<string, number>;
  /** Request latency (ms), p50 and p99. */
  readonly requestP50Ms: number;
  readonly requestP99Ms: number;
  /** Fixed rate only: ticks skipped because `connections` requests were already in flight (the offered rate was not kept). */
  readonly skippedTicks: number;
}

/** One POST on a kept-alive connection; resolves with the status (0 on a network error). */
function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Posts 1000-log batches with unique ids to ingest-api, either in a closed loop on `connections`
 * connections or at a fixed pace, and records the answer to every batch.
 */
export async function generateLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const statuses: number[] = [];
  const latencies: number[] = [];
  let skippedTicks = 0;
  const send = async (): Promise<void> => {
    const n = statuses.length;
    statuses.push(0);
    const body = o.batches.body(n, o.idTag);
    const t = performance.now();
    statuses[n] = await post(agent, url, body);
    latencies.push(performance.now() - t);
  };
  const startedAt = Date.now();
  const end = startedAt + o.durationMs;
  if (o.rate === undefined) {
    const loop = async () => {
      while (Date.now() < end) {
        await o.gate?.();
        if (Date.now() >= end) break;
        await send();
      }
    };
    await Promise.all(Array.from({ length: o.connections }, loop));
  } else {
    const intervalMs = (o.batches.batchSize / o.rate) * 1000;
    const inFlight = new Set<Promise<void>>();
    for (let k = 0; ; k++) {
      const due = startedAt + k * intervalMs;
      if (due >= end) break;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (inFlight.size >= o.connections) {
        skippedTicks++;
        continue;
      }
      const p = send().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
  const endedAt = Date.now();
  agent.destroy();
  const byStatus: Record<string, number> = {};
  for (const s of statuses) byStatus[s === 0 ? 'error' : String(s)] = (byStatus[s === 0 ? 'error' : String(s)] ?? 0) + 1;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1)) : NaN);
  return {
    statuses,
    acceptedLogs: statuses.filter((s) => s === 202).length * o.batches.batchSize,
    startedAt,
    endedAt,
    byStatus,
    requestP50Ms: pct(0.5),
    requestP99Ms: pct(0.99),
    skippedTicks,
  };
}
