// The whole pipeline on loopback against a real Redis (REDIS_URL): ingest-api -> BullMQ -> worker -> ml-api -> JSON Lines files.
import { JsonLinesStore, readJsonLines } from '@logad/storage';
import { ScoredRecord } from '@logad/contracts';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { WorkerService } from '../../apps/worker/src/worker.service';
import { RunningSystem, SEED_ANOMALY, SEED_NORMAL, startSystem, startWebhookReceiver } from './system';

jest.setTimeout(60_000);

describe('pipeline (e2e): ingest-api -> queue -> worker -> ml-api -> storage', () => {
  let sys: RunningSystem;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver<{ type: string; record?: ScoredRecord }>>>;
  let alerts: Array<{ type: string; record?: ScoredRecord }>;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    alerts = hook.received;
    // Every anomaly alerts (no grouping), so that a missing alert means something.
    sys = await startSystem({ workerEnv: { ALERT_WEBHOOK_URL: hook.url, ALERT_GROUP_WINDOW_MS: '0' } });
  });

  afterAll(async () => {
    await sys?.stop();
    await hook?.close();
  });

  async function stored(): Promise<{ normal: ScoredRecord[]; anomalous: ScoredRecord[] }> {
    const read = async (f: string) => {
      const out: ScoredRecord[] = [];
      for await (const r of readJsonLines<ScoredRecord>(join(sys.logsDir, f))) out.push(r);
      return out;
    };
    return { normal: await read('normal_logs.jsonl'), anomalous: await read('anomalous_logs.jsonl') };
  }

  async function waitStored(ids: string[], ms = 30_000) {
    const end = Date.now() + ms;
    for (;;) {
      const s = await stored();
      const all = new Map([...s.normal, ...s.anomalous].map((r) => [r.id, r]));
      if (ids.every((id) => all.has(id))) return { ...s, byId: all };
      if (Date.now() > end) throw new Error(`only ${ids.filter((id) => all.has(id)).length} of ${ids.length} records stored in ${ms} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const post = async (body: unknown) => {
    const res = await fetch(sys.logsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    return ((await res.json()) as { ids: string[] }).ids;
  };

  it("stores the seed's two cases in the right files, with their scores, and alerts on the anomaly", async () => {
    const [normalId] = await post({ message: SEED_NORMAL, source: 'auth-service', level: 'INFO' });
    const [anomalyId] = await post({ message: SEED_ANOMALY, source: 'payments', level: 'ERROR' });
    const s = await waitStored([normalId, anomalyId]);
    const normal = s.normal.find((r) => r.id === normalId)!;
    const anomaly = s.anomalous.find((r) => r.id === anomalyId)!;
    expect(normal).toMatchObject({ message: SEED_NORMAL, is_anomaly: false, prediction: 1, source: 'auth-service', level: 'INFO' });
    expect(normal.anomaly_score).toBeGreaterThan(0);
    expect(anomaly).toMatchObject({ message: SEED_ANOMALY, is_anomaly: true, prediction: -1, source: 'payments', level: 'ERROR' });
    expect(anomaly.anomaly_score).toBeLessThan(0);
    expect(anomaly.score).toBeGreaterThan(normal.score!);
    expect(anomaly.model_version).toMatch(/\S/);
    expect(s.anomalous.some((r) => r.id === normalId) || s.normal.some((r) => r.id === anomalyId)).toBe(false);
    const end = Date.now() + 10_000;
    while (!alerts.some((a) => a.record?.id === anomalyId) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(alerts.find((a) => a.record?.id === anomalyId)).toMatchObject({ type: 'anomaly', record: { message: SEED_ANOMALY } });
    expect(alerts.some((a) => a.record?.id === normalId)).toBe(false);
  });

  it("carries the request id into the stored record, and the worker's /metrics count what it stored", async () => {
    const res = await fetch(sys.logsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-1' },
      body: JSON.stringify({ message: SEED_NORMAL }),
    });
    const [id] = ((await res.json()) as { ids: string[] }).ids;
    const s = await waitStored([id]);
    expect(s.byId.get(id)?.request_id).toBe('trace-me-1');
    const http = sys.worker.get(WorkerService).httpUrl!;
    expect((await fetch(`${http}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toMatch(/logad_logs_processed_total\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/logad_accepted_to_stored_seconds_count\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/logad_model_info\{[^}]*version="[^"]+"[^}]*\} 1/);
  });

  it('stores every log of a batch exactly once, and a resent id once', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => ({
      message: `GET /api/v1/orders 200 ${i % 90}ms`,
      source: 'api-gateway',
      level: 'INFO',
      id: `batch-${i}`,
    }));
    const ids = await post(batch);
    expect(ids).toEqual(batch.map((b) => b.id));
    await post(batch.slice(0, 10)); // a shipper's retry
    const s = await waitStored(ids);
    const stored = [...s.normal, ...s.anomalous].filter((r) => r.id.startsWith('batch-'));
    expect(stored).toHaveLength(300);
    // Everyday traffic from the training distribution is overwhelmingly normal.
    expect(stored.filter((r) => r.is_anomaly).length).toBeLessThan(30);
  });

  it('stores and flags an anomaly of a muted template, but raises no alert for it', async () => {
    const [firstId] = await post({ message: SEED_ANOMALY, source: 'payments', level: 'ERROR' });
    const first = (await waitStored([firstId])).byId.get(firstId)!;
    expect(first.template).toBeDefined();
    const end = Date.now() + 5000;
    while (!alerts.some((a) => a.record?.id === firstId) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(alerts.some((a) => a.record?.id === firstId)).toBe(true); // before the mute, it alerts
    // A template new to the source gets the id its baseline derives (negative: never a trained model's id), which is what the dashboard mutes by.
    expect(first).toMatchObject({ kind: 'new_pattern', reason: expect.stringContaining('never seen on payments') });
    expect(first.template_id).toBeLessThan(0);
    const store = new JsonLinesStore({ dir: sys.logsDir });
    await store.feedback.muteTemplate(first.template_id!, first.template!, 'known corruption drill');
    await sys.worker.get(WorkerService).feedback.refresh(); // what its 5 s timer does
    const alertsBefore = alerts.length;
    const [mutedId] = await post({ message: SEED_ANOMALY, source: 'payments', level: 'ERROR' });
    const muted = (await waitStored([mutedId])).byId.get(mutedId)!;
    expect(muted).toMatchObject({ is_anomaly: true, prediction: -1, muted: true, template_id: first.template_id });
    await new Promise((r) => setTimeout(r, 500));
    expect(alerts.slice(alertsBefore).some((a) => a.record?.id === mutedId)).toBe(false);
  });

  it("stores a confirmed template's lines as anomalies, even the ones the model calls normal, and alerts on them", async () => {
    const [firstId] = await post({ message: SEED_NORMAL, source: 'auth-service', level: 'INFO' });
    const first = (await waitStored([firstId])).byId.get(firstId)!;
    expect(first).toMatchObject({ is_anomaly: false, template_id: expect.any(Number) });
    const store = new JsonLinesStore({ dir: sys.logsDir });
    await store.feedback.giveFeedback('confirm', first.template_id!, first.template!, 'INC-9');
    await sys.worker.get(WorkerService).feedback.refresh(); // what its 5 s timer does
    const [confirmedId] = await post({ message: SEED_NORMAL, source: 'auth-service', level: 'INFO' });
    const s = await waitStored([confirmedId]);
    expect(s.anomalous.find((r) => r.id === confirmedId)).toMatchObject({
      is_anomaly: true,
      prediction: -1,
      template_id: first.template_id,
      reason: 'An operator confirmed this template as an incident (INC-9).',
    });
    const end = Date.now() + 10_000;
    while (!alerts.some((a) => a.record?.id === confirmedId) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(alerts.some((a) => a.record?.id === confirmedId)).toBe(true);
    await store.feedback.withdrawFeedback('confirm', first.template_id!);
    await sys.worker.get(WorkerService).feedback.refresh();
  });

  it('keeps logs that arrive while ml-api is down and scores them once it is back', async () => {
    await sys.stopMl();
    const ids = await post([
      { message: SEED_NORMAL, id: `down-${randomUUID()}` },
      { message: SEED_ANOMALY, id: `down-${randomUUID()}` },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    const during = await stored();
    expect([...during.normal, ...during.anomalous].filter((r) => ids.includes(r.id))).toHaveLength(0);
    await sys.startMl();
    const s = await waitStored(ids, 45_000);
    expect(s.byId.get(ids[0])?.is_anomaly).toBe(false);
    expect(s.byId.get(ids[1])?.is_anomaly).toBe(true);
  });
});
