// Debian's real Prometheus (/usr/bin/prometheus) scrapes every app's /metrics of a running system
// on a real Redis: each target comes up (its exposition parses), and a metric of each app
// answers a query with what the system did.
import { spawnSync } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { WorkerService } from '../../apps/worker/src/worker.service';
import { Daemon, PROMETHEUS_BIN, PROMTOOL_BIN, describeWith, startPrometheus } from './monitoring';
import { RunningSystem, SEED_ANOMALY, SEED_NORMAL, startSystem } from './system';

jest.setTimeout(90_000);

interface Target {
  labels: Record<string, string>;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

describeWith([PROMETHEUS_BIN, PROMTOOL_BIN])('prometheus (e2e): Debian’s Prometheus scrapes ingest-api, worker and ml-api', () => {
  let sys: RunningSystem;
  let prom: Daemon;
  let targets: Record<string, string>;

  beforeAll(async () => {
    sys = await startSystem();
    const hostPort = (url: string) => new URL(url).host;
    const workerUrl = sys.worker.get(WorkerService).httpUrl;
    if (!workerUrl) throw new Error('the worker serves no /metrics');
    targets = {
      'ingest-api': hostPort(sys.base),
      worker: hostPort(workerUrl),
      'ml-api': `127.0.0.1:${(sys.ml.getHttpServer().address() as AddressInfo).port}`,
    };
    prom = await startPrometheus(targets);
  });

  afterAll(async () => {
    await prom?.stop();
    await sys?.stop();
  });

  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${prom.url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  }

  /** The value of an instant query, once it has one (after a scrape or two). */
  async function valueOf(query: string): Promise<number> {
    const end = Date.now() + 15_000;
    for (;;) {
      const data = await api<{ result: Array<{ value: [number, string] }> }>(`/api/v1/query?${new URLSearchParams({ query })}`);
      if (data.result.length > 0) return Number(data.result[0].value[1]);
      if (Date.now() > end) throw new Error(`${query}: no result in 15 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('shows all three targets up, with no scrape error', async () => {
    // Prometheus applies new targets after its discovery delay (5 s), then scrapes every second.
    const end = Date.now() + 30_000;
    let targets: Target[] = [];
    for (;;) {
      targets = (await api<{ activeTargets: Target[] }>('/api/v1/targets')).activeTargets;
      if (targets.length === 3 && targets.every((t) => t.health === 'up')) break;
      if (Date.now() > end) throw new Error(`targets not all up in 30 s: ${JSON.stringify(targets)}\n${prom.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(targets.map((t) => [t.labels.job, t.health, t.lastError]).sort()).toEqual([
      ['ingest-api', 'up', ''],
      ['ml-api', 'up', ''],
      ['worker', 'up', ''],
    ]);
  });

  it("answers a query on each app's own metric with what the system did", async () => {
    const logs = [
      { message: SEED_NORMAL, source: 'auth-service', level: 'INFO' },
      { message: SEED_ANOMALY, source: 'payments', level: 'ERROR' },
    ];
    for (const log of logs) {
      const res = await fetch(sys.logsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(log) });
      expect(res.status).toBe(202);
    }
    const atLeast = async (query: string, n: number) => {
      const end = Date.now() + 20_000;
      let v = await valueOf(query);
      while (v < n && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 250));
        v = await valueOf(query);
      }
      return v;
    };
    expect(await atLeast('sum(logad_logs_accepted_total{job="ingest-api", app="ingest-api"})', 2)).toBe(2);
    expect(await atLeast('sum(logad_logs_processed_total{job="worker", app="worker"})', 2)).toBe(2);
    expect(await atLeast('sum(logad_anomalies_total{job="worker"})', 1)).toBe(1);
    expect(await atLeast('sum(logad_messages_scored_total{job="ml-api", app="ml-api"})', 2)).toBeGreaterThanOrEqual(2);
    // prom-client's default process metrics parse too, for each app.
    expect(await valueOf('count(logad_process_resident_memory_bytes)')).toBe(3);
  });

  it("took every sample (none rejected), and promtool's linter finds nothing in logad's own metrics", async () => {
    const own = await (await fetch(`${prom.url}/metrics`)).text();
    for (const m of ['sample_duplicate_timestamp', 'sample_out_of_bounds', 'sample_out_of_order']) {
      expect(own).toMatch(new RegExp(`^prometheus_target_scrapes_${m}_total 0$`, 'm'));
    }
    for (const [job, target] of Object.entries(targets)) {
      const text = await (await fetch(`http://${target}/metrics`)).text();
      const lint = spawnSync(PROMTOOL_BIN, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(lint.error).toBeUndefined();
      // prom-client's default gauges logad_nodejs_active_*_total are its names, not ours.
      const problems = `${lint.stdout}${lint.stderr}`.split('\n').filter((l) => l.trim() && !/^logad_nodejs_active_\w+_total non-counter/.test(l));
      expect([job, problems]).toEqual([job, []]);
    }
  });
});
