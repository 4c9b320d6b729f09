// Alerts into Debian's real Alertmanager (/usr/bin/prometheus-alertmanager) through the whole
// pipeline on a real Redis: an anomalous line sent to ingest-api shows up in Alertmanager's
// GET /api/v2/alerts with logad's labels and annotations, is routed on to Alertmanager's webhook
// receiver, and resolves by itself once its endsAt passes (logad sends no resolutions); an
// anomalous session shows up as a LogSessionAnomaly.
import { LogAnomalyDetector, SessionDetector } from '@logad/detector';
import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { readJsonLines } from '@logad/storage';
import { join } from 'node:path';
import { bundleOf } from '../../apps/ml-api/src/model/model-bundle';
import { healthyBlock } from './hdfs-blocks';
import { ALERTMANAGER_BIN, Daemon, describeWith, startAlertmanager } from './monitoring';
import { RunningSystem, SEED_ANOMALY, SEED_NORMAL, startSystem, startWebhookReceiver } from './system';

jest.setTimeout(90_000);

/** An alert as Alertmanager lists it (`gettableAlert`). */
interface ListedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
  status: { state: string };
}

/** What Alertmanager's webhook receiver POSTs (its `webhook_config` message, version 4). */
interface Notification {
  version: string;
  status: 'firing' | 'resolved';
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
}

const RESOLVE_AFTER_MS = 6_000;

describeWith([ALERTMANAGER_BIN])('alertmanager (e2e): anomalies as Alertmanager alerts, in Debian’s prometheus-alertmanager', () => {
  let am: Daemon;
  let sys: RunningSystem;
  let routed: Awaited<ReturnType<typeof startWebhookReceiver<Notification>>>;
  const workerEnv = () => ({
    ALERT_WEBHOOK_URL: am.url, // the base URL: the worker posts to /api/v2/alerts
    ALERT_WEBHOOK_FORMAT: 'alertmanager',
    ALERT_GROUP_WINDOW_MS: '0',
    ALERT_RESOLVE_AFTER_MS: String(RESOLVE_AFTER_MS),
    PUBLIC_URL: 'https://logad.example.test',
  });

  beforeAll(async () => {
    routed = await startWebhookReceiver<Notification>();
    am = await startAlertmanager(routed.url);
  });

  afterAll(async () => {
    await am?.stop();
    await routed?.close();
  });

  const post = async (body: unknown): Promise<string[]> => {
    const res = await fetch(sys.logsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    return ((await res.json()) as { ids: string[] }).ids;
  };

  async function storedAnomaly(id: string): Promise<ScoredRecord> {
    const end = Date.now() + 30_000;
    for (;;) {
      for await (const r of readJsonLines<ScoredRecord>(join(sys.logsDir, 'anomalous_logs.jsonl'))) if (r.id === id) return r;
      if (Date.now() > end) throw new Error(`${id} not stored as an anomaly in 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function listed(filter: string): Promise<ListedAlert[]> {
    const res = await fetch(`${am.url}/api/v2/alerts?${new URLSearchParams({ filter })}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ListedAlert[];
  }

  describe('an anomalous line', () => {
    beforeAll(async () => {
      sys = await startSystem({ workerEnv: workerEnv() });
    });
    afterAll(async () => {
      await sys?.stop();
    });

    it('lists the anomaly with its labels, annotations and dashboard link, and routes it to the receiver', async () => {
      await post({ message: SEED_NORMAL, source: 'auth-service', level: 'INFO' });
      const [id] = await post({ message: SEED_ANOMALY, source: 'payments', level: 'ERROR' });
      const record = await storedAnomaly(id);
      let alerts: ListedAlert[] = [];
      const end = Date.now() + 5_000;
      while (alerts.length === 0 && Date.now() < end) {
        alerts = await listed('source="payments"');
        if (alerts.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(alerts).toHaveLength(1);
      const [alert] = alerts;
      expect(alert.labels).toEqual({
        alertname: 'LogAnomaly',
        source: 'payments',
        kind: record.kind,
        severity: 'error',
        ...(record.template_id !== undefined ? { template_id: String(record.template_id) } : {}),
      });
      expect(alert.annotations).toMatchObject({
        summary: expect.stringContaining(`on payments (score ${Math.round(record.score ?? 0)}/100)`),
        description: expect.stringContaining(`Example: ${SEED_ANOMALY}`),
        example: SEED_ANOMALY,
        score: String(Math.round(record.score ?? 0)),
        count: '1',
        record_id: id,
      });
      if (record.reason) expect(alert.annotations.reason).toBe(record.reason);
      expect(alert.status.state).toBe('active');
      expect(alert.generatorURL).toBe('https://logad.example.test/dashboard/?source=payments');
      const endsIn = Date.parse(alert.endsAt) - Date.now();
      expect(endsIn).toBeGreaterThan(0);
      expect(endsIn).toBeLessThanOrEqual(RESOLVE_AFTER_MS);
      expect(await listed('source="auth-service"')).toEqual([]); // the normal line raised nothing

      // Alertmanager routes it on (group_wait 0s) with the same labels.
      const until = Date.now() + 10_000;
      const firing = () => routed.received.find((n) => n.status === 'firing' && n.alerts.some((a) => a.labels.source === 'payments'));
      while (!firing() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(firing()?.alerts[0]).toMatchObject({ status: 'firing', labels: alert.labels, annotations: { record_id: id } });
    });

    it('updates the same alert when the template misbehaves again, instead of opening another', async () => {
      const [id] = await post({ message: SEED_ANOMALY, source: 'payments', level: 'ERROR' });
      await storedAnomaly(id);
      const end = Date.now() + 5_000;
      let alerts = await listed('source="payments"');
      while (alerts[0]?.annotations.record_id !== id && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        alerts = await listed('source="payments"');
      }
      expect(alerts).toHaveLength(1);
      expect(alerts[0].annotations.record_id).toBe(id);
    });

    it('resolves by itself once endsAt passes: gone from the active list, and a resolved notification routed', async () => {
      const end = Date.now() + RESOLVE_AFTER_MS + 15_000;
      const resolved = () => routed.received.some((n) => n.status === 'resolved' && n.alerts.some((a) => a.labels.source === 'payments'));
      while (!resolved() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(resolved()).toBe(true);
      expect(await listed('source="payments"')).toEqual([]);
    });
  });

  describe('an anomalous session', () => {
    beforeAll(async () => {
      const blocks = Array.from({ length: 300 }, (_, i) => healthyBlock(`blk_${1000 + i}`, i));
      const line = LogAnomalyDetector.train(blocks.flat(), { seed: 1 });
      const session = SessionDetector.train(blocks, { keyPattern: 'blk_-?\\d+', idleTimeoutMs: 400, seed: 1 });
      sys = await startSystem({ model: bundleOf(line, session), workerEnv: { ...workerEnv(), SESSION_SWEEP_MS: '100' } });
    });
    afterAll(async () => {
      await sys?.stop();
    });

    it('is listed as a LogSessionAnomaly told apart by its key, with the reason', async () => {
      // Each line is ordinary, but the block fails half-way: its writes are never acknowledged.
      const broken = healthyBlock('blk_-888002', 6).slice(0, 3).concat(healthyBlock('blk_-888002', 6).slice(1, 3));
      await post(broken.map((message) => ({ message, source: 'hdfs' })));
      let stored: SessionRecord | undefined;
      let alerts: ListedAlert[] = [];
      const end = Date.now() + 20_000;
      while (alerts.length === 0 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        alerts = await listed('alertname="LogSessionAnomaly"');
      }
      for await (const r of readJsonLines<SessionRecord>(join(sys.logsDir, 'anomalous_sessions.jsonl'))) if (r.key === 'blk_-888002') stored = r;
      expect(stored).toBeDefined();
      expect(alerts).toHaveLength(1);
      expect(alerts[0].labels).toEqual({ alertname: 'LogSessionAnomaly', kind: 'session', severity: 'warning', session_key: 'blk_-888002' });
      expect(alerts[0].annotations).toMatchObject({ reason: stored!.reason, count: '5', session_id: stored!.id, score: String(Math.round(stored!.score)) });
      expect(alerts[0].startsAt).toBe(stored!.started_at);
    });
  });
});
