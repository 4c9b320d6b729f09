// A newcomer's first hour on a real Redis: logad has only its shipped sample model (web-shop
// traffic), and a user sends the logs of a system it has never seen (Loghub Spark, from the shared
// data) with their event times. The source learns instead of alerting; then a burst of an ERROR
// pattern it never wrote raises exactly one alert, carrying its kind and reason.
import { ScoredRecord } from '@logad/contracts';
import { readJsonLines } from '@logad/storage';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../evaluate/evaluate-args';
import { RunningSystem, startSystem, startWebhookReceiver } from './system';

jest.setTimeout(120_000);

const SPARK = join(sharedDataDir(), 'loghub-2k/Spark/Spark_2k.log');
const maybe = existsSync(SPARK) ? describe : describe.skip;
if (!existsSync(SPARK)) console.warn(`skipping the newcomer end-to-end test: ${SPARK} not found (set LOGAD_SHARED_DATA)`);

const T0 = Date.UTC(2026, 5, 9, 20, 0, 0);

maybe("newcomer (e2e): a system's own logs learn, then a new ERROR burst alerts once", () => {
  let sys: RunningSystem;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver<{ type: string; kind?: string; reason?: string; record?: ScoredRecord }>>>;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    sys = await startSystem({ workerEnv: { ALERT_WEBHOOK_URL: hook.url, ALERT_GROUP_WINDOW_MS: '600000' } });
  });

  afterAll(async () => {
    await sys?.stop();
    await hook?.close();
  });

  async function post(logs: object[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < logs.length; i += 500) {
      const res = await fetch(sys.logsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logs.slice(i, i + 500)) });
      expect(res.status).toBe(202);
      ids.push(...((await res.json()) as { ids: string[] }).ids);
    }
    return ids;
  }

  async function waitStored(ids: string[]): Promise<Map<string, ScoredRecord>> {
    const end = Date.now() + 60_000;
    for (;;) {
      const all = new Map<string, ScoredRecord>();
      for (const f of ['normal_logs.jsonl', 'anomalous_logs.jsonl']) for await (const r of readJsonLines<ScoredRecord>(join(sys.logsDir, f))) all.set(r.id, r);
      if (ids.every((id) => all.has(id))) return all;
      if (Date.now() > end) throw new Error(`only ${ids.filter((id) => all.has(id)).length} of ${ids.length} stored`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('stays quiet while the source learns and for its ordinary traffic, then alerts once for the burst', async () => {
    // 2,000 raw lines over 20 minutes of event time: the first 10 are the learning period
    const lines = readFileSync(SPARK, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const ordinary = lines.map((message, i) => ({ message, source: 'spark', timestamp: new Date(T0 + i * 600).toISOString() }));
    const stored = await waitStored(await post(ordinary));
    const flagged = [...stored.values()].filter((r) => r.is_anomaly);
    expect(flagged.length).toBeLessThanOrEqual(ordinary.length * 0.01); // no storm: at most 1 %
    const before = hook.received.length;
    expect(before).toBeLessThanOrEqual(2);

    const t1 = T0 + lines.length * 600;
    const burst = Array.from({ length: 200 }, (_, i) => ({
      message: `17/06/09 20:20:${String(i % 60).padStart(2, '0')} ERROR storage.DiskBlockManager: Failed to create local dir in /data/${i % 7}/blockmgr-${1000 + i}: No space left on device`,
      source: 'spark',
      timestamp: new Date(t1 + i * 150).toISOString(),
    }));
    const burstIds = await post(burst);
    const after = await waitStored(burstIds);
    const burstFlagged = burstIds.map((id) => after.get(id)!).filter((r) => r.is_anomaly);
    // flagged once the new pattern alone outnumbers what the source usually writes in a minute, well within 60 s
    expect(burstFlagged.length).toBeGreaterThan(20);
    expect(Date.parse(burstFlagged[0].timestamp) - t1).toBeLessThan(60_000);
    expect(burstFlagged[0]).toMatchObject({ kind: 'new_pattern', reason: expect.stringMatching(/never seen on spark before/) });
    const end = Date.now() + 10_000;
    while (hook.received.length === before && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000)); // any second alert would have come by now
    const mlPort = (sys.ml.getHttpServer().address() as { port: number }).port;
    const baselines = (await (await fetch(`http://127.0.0.1:${mlPort}/baselines`)).json()) as { sources: Array<{ source: string; learning: boolean; trained: boolean }> };
    expect(baselines.sources.find((x) => x.source === 'spark')).toMatchObject({ learning: false, trained: false });
    expect(baselines.sources.find((x) => x.source === 'payments')).toMatchObject({ trained: true });
    const alerts = hook.received.slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: 'anomaly', kind: 'new_pattern', reason: expect.stringMatching(/ERROR pattern/) });
  });
});
