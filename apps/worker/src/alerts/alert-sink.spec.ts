// The sink against a real HTTP server on loopback: where it posts, what it retries, and how long an
// Alertmanager alert lasts.
import { ScoredRecord } from '@logad/contracts';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { AlertmanagerAlert } from './alert-payload';
import { AlertSink } from './alert-sink';

const rec: ScoredRecord = {
  id: 'r1',
  timestamp: '2026-12-07T10:00:00.000Z',
  source: 'db',
  level: 'FATAL',
  message: 'disk on fire',
  anomaly_score: -0.3,
  is_anomaly: true,
  prediction: -1,
  score: 91,
  model_version: 'v',
  template_id: 3,
  received_at: 0,
  stored_at: 0,
};

describe('AlertSink', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ url: string; body: unknown }> = [];
  let answer: (n: number) => number = () => 200;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', body: JSON.parse(body) });
        res.statusCode = answer(seen.length);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  // closeAllConnections: a client's spare pooled socket would hold close() (Node waits for it).
  afterAll(() => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())));
  beforeEach(() => {
    seen.length = 0;
    answer = () => 200;
  });

  const sink = (o: Partial<ConstructorParameters<typeof AlertSink>[1]> = {}) =>
    new AlertSink(pino({ level: 'silent' }), { webhookUrl: base, format: 'alertmanager', timeoutMs: 2000, groupWindowMs: 0, attempts: 3, ...o });

  it("posts an array of alerts to Alertmanager's /api/v2/alerts, retrying after a 503", async () => {
    answer = (n) => (n === 1 ? 503 : 200);
    const s = sink();
    s.raise([rec]);
    await s.drain();
    expect(seen.map((x) => x.url)).toEqual(['/api/v2/alerts', '/api/v2/alerts']);
    const [alert] = seen[1].body as AlertmanagerAlert[];
    expect(alert.labels).toEqual({ alertname: 'LogAnomaly', source: 'db', kind: 'rare', template_id: '3', severity: 'critical' });
    expect(s.delivered).toBe(1);
  });

  it('gives up on a 400 (Alertmanager refused the alert) without retrying', async () => {
    answer = () => 400;
    const s = sink();
    s.raise([rec]);
    await s.drain();
    expect(seen).toHaveLength(1);
    expect(s.dropped).toBe(1);
  });

  it('keeps an alert firing for ALERT_RESOLVE_AFTER_MS, but never less than two group windows', async () => {
    const endsIn = async (o: Partial<ConstructorParameters<typeof AlertSink>[1]>) => {
      seen.length = 0;
      const s = sink(o);
      const t = Date.now();
      s.raise([rec]);
      await s.drain();
      return Date.parse((seen[0].body as AlertmanagerAlert[])[0].endsAt) - t;
    };
    expect(await endsIn({ resolveAfterMs: 5000 })).toBeGreaterThanOrEqual(5000);
    expect(await endsIn({ resolveAfterMs: 5000 })).toBeLessThan(6000);
    expect(await endsIn({})).toBeGreaterThanOrEqual(300_000); // the default
    expect(await endsIn({ resolveAfterMs: 5000, groupWindowMs: 600_000 })).toBeGreaterThanOrEqual(1_200_000);
  });
});
