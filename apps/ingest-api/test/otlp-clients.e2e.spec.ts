// The real OpenTelemetry clients, as an application wires them, sending to the real ingest-api on
// loopback with a real Redis (REDIS_URL): @opentelemetry/sdk-logs with the OTLP/HTTP JSON and
// protobuf exporters, pino-opentelemetry-transport (in pino's worker thread) and winston with
// @opentelemetry/winston-transport. Each runs in a plain Node process (otel-clients/drive.cjs: the
// exporters load `http` by dynamic import, which jest's VM refuses) and reports what it was told;
// what it sent is read back by consuming the queue.
import { LogJob, QueuedLog } from '@logad/contracts';
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';

jest.setTimeout(60_000);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'otel-client-key';
const N = 300;
const T0 = Date.parse('2026-12-01T10:00:00Z');

type Told = { errors: Array<{ message: string; code?: number }>; warnings: string[] };

describe('OpenTelemetry clients against /v1/logs (e2e)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let queue: BullMqLogQueue;
  let got: QueuedLog[];

  beforeEach(async () => {
    const name = `test-otel-${randomUUID()}`;
    app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: name, LOG_LEVEL: 'silent', API_KEYS: KEY }));
    url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/v1/logs`;
    queue = new BullMqLogQueue({ name, redisUrl });
    got = [];
    await queue.consume(async (job: LogJob) => void got.push(...job.records));
  });
  afterEach(async () => {
    await app.close();
    await queue.obliterate();
    await queue.close();
  });

  async function drive(client: string, scenario = 'all', n = N): Promise<Told> {
    const spec = JSON.stringify({ client, scenario, url, key: KEY, n });
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'otel-clients/drive.cjs'), spec], { timeout: 30_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Told;
  }

  async function settle(expected: number): Promise<QueuedLog[]> {
    const end = Date.now() + 10_000;
    while (got.length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 150)); // nothing more should arrive
    return got;
  }

  const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

  describe.each([
    ['exporter-logs-otlp-http (OTLP/JSON)', 'sdk-json'],
    ['exporter-logs-otlp-proto (protobuf)', 'sdk-proto'],
  ])('@opentelemetry/sdk-logs with %s', (_name, client) => {
    it(`stores all ${N} records with source, level, timestamp, message and attributes mapped`, async () => {
      const told = await drive(client);
      expect(told).toEqual({ errors: [], warnings: [] });
      const stored = await settle(N);
      expect(stored).toHaveLength(N);
      const byMsg = new Map(stored.map((l) => [l.message, l]));
      for (let i = 0; i < N; i++) {
        expect(byMsg.get(`order ${i} processed`)).toMatchObject({
          source: 'checkout',
          level: LEVELS[i % LEVELS.length],
          timestamp: new Date(T0 + i).toISOString(),
          attributes: expect.objectContaining({ 'order.id': i, 'order.paid': i % 2 === 0, 'deployment.environment': 'e2e', 'otel.scope.name': 'orders', 'otel.scope.version': '1.0.0' }),
        });
      }
    });

    it('is told of a refused record through partial_success, and the others are stored', async () => {
      const told = await drive(client, 'partial');
      expect((await settle(2)).map((l) => l.message).sort()).toEqual(['kept 1', 'kept 2']);
      expect(told.errors).toEqual([]);
      // otlp-exporter-base's response handler: diag.warn('Received Partial Success response:', …)
      expect(told.warnings).toHaveLength(1);
      expect(told.warnings[0]).toMatch(/^Received Partial Success response: .*"rejectedLogRecords":"?1"?.*no body/);
    });

    it('forceFlush reports the failure when every record is refused (400), and nothing is stored', async () => {
      const told = await drive(client, 'refused');
      expect(await settle(0)).toEqual([]);
      // BatchLogRecordProcessor hands export failures to the global error handler during forceFlush.
      expect(told.errors).toEqual([expect.objectContaining({ code: 400 })]);
    });
  });

  it(`pino-opentelemetry-transport (protobuf, pino's worker thread) stores all ${N}`, async () => {
    const before = Date.now();
    const told = await drive('pino');
    expect(told.errors).toEqual([]);
    const stored = await settle(N);
    expect(stored).toHaveLength(N);
    const byMsg = new Map(stored.map((l) => [l.message, l]));
    const levels = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
    for (let i = 0; i < N; i++) {
      const l = byMsg.get(`invoice ${i} sent`)!;
      expect(l).toMatchObject({ source: 'billing', level: levels[i % levels.length], attributes: expect.objectContaining({ invoice: i }) });
      expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(l.timestamp)).toBeLessThanOrEqual(Date.now());
    }
  });

  it(`winston with @opentelemetry/winston-transport (LoggerProvider registered via @opentelemetry/api-logs) stores all ${N}`, async () => {
    const before = Date.now();
    const told = await drive('winston');
    expect(told).toEqual({ errors: [], warnings: [] });
    const stored = await settle(N);
    expect(stored).toHaveLength(N);
    const byMsg = new Map(stored.map((l) => [l.message, l]));
    const levels = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
    for (let i = 0; i < N; i++) {
      const l = byMsg.get(`sku ${i} restocked`)!;
      expect(l).toMatchObject({ source: 'inventory', level: levels[i % levels.length], attributes: expect.objectContaining({ sku: `S-${i}` }) });
      expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(before - 1);
    }
  });
});
