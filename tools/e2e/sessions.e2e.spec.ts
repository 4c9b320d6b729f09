// Session detection in the running pipeline, on loopback and a real Redis (REDIS_URL): records are grouped
// by block id across the worker's session store, and a block whose lines are each ordinary but whose
// sequence is not raises a session alert and lands in anomalous_sessions.jsonl.
import { LogAnomalyDetector, SessionDetector } from '@logad/detector';
import { readJsonLines } from '@logad/storage';
import { SessionRecord } from '@logad/contracts';
import { join } from 'node:path';
import { bundleOf } from '../../apps/ml-api/src/model/model-bundle';
import { WorkerService } from '../../apps/worker/src/worker.service';
import { healthyBlock } from './hdfs-blocks';
import { RunningSystem, startSystem, startWebhookReceiver } from './system';

jest.setTimeout(60_000);

describe('sessions (e2e): grouping by block id, scoring idle sessions, alerting', () => {
  let sys: RunningSystem;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver<{ type: string; session?: SessionRecord }>>>;
  let alerts: Array<{ type: string; session?: SessionRecord }>;

  beforeAll(async () => {
    const blocks = Array.from({ length: 300 }, (_, i) => healthyBlock(`blk_${1000 + i}`, i));
    const line = LogAnomalyDetector.train(blocks.flat(), { seed: 1 });
    const session = SessionDetector.train(blocks, { keyPattern: 'blk_-?\\d+', idleTimeoutMs: 400, seed: 1 });
    hook = await startWebhookReceiver();
    alerts = hook.received;
    sys = await startSystem({ model: bundleOf(line, session), workerEnv: { SESSION_SWEEP_MS: '100', ALERT_WEBHOOK_URL: hook.url } });
  });

  afterAll(async () => {
    await sys?.stop();
    await hook?.close();
  });

  async function storedSessions(): Promise<SessionRecord[]> {
    const out: SessionRecord[] = [];
    for await (const r of readJsonLines<SessionRecord>(join(sys.logsDir, 'anomalous_sessions.jsonl'))) out.push(r);
    return out;
  }

  it('alerts on a block whose sequence is broken, and not on a healthy one', async () => {
    const good = healthyBlock('blk_777001', 5);
    // Each line is ordinary, but the block fails half-way: its writes are never acknowledged.
    const broken = healthyBlock('blk_-777002', 6).slice(0, 3).concat(healthyBlock('blk_-777002', 6).slice(1, 3));
    const post = async (messages: string[]) => {
      const res = await fetch(sys.logsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messages.map((message) => ({ message, source: 'hdfs' }))),
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { ids: string[] }).ids;
    };
    await post(good);
    const brokenIds = await post(broken);
    const end = Date.now() + 20_000;
    while (!(await storedSessions()).some((s) => s.key === 'blk_-777002') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // the healthy block has had time to close and be scored too
    const sessions = await storedSessions();
    const bad = sessions.find((s) => s.key === 'blk_-777002');
    expect(bad).toMatchObject({ is_anomaly: true, line_count: 5, closed_by: 'idle' });
    expect(bad!.line_ids.sort()).toEqual(brokenIds.sort());
    expect(bad!.reason).toMatch(/\S/);
    expect(bad!.anomaly_score).toBeLessThan(0);
    expect(sys.worker.get(WorkerService).sessions.scored).toBeGreaterThanOrEqual(2); // the healthy block was scored, and passed
    expect(sessions.some((s) => s.key === 'blk_777001')).toBe(false);
    expect(alerts.some((a) => a.type === 'session-anomaly' && a.session?.key === 'blk_-777002')).toBe(true);
    expect(alerts.some((a) => a.session?.key === 'blk_777001')).toBe(false);
  });
});
