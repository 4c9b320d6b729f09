// The loggers people use, as they are (winston's transports.Http, pino's own JSON lines), sending to
// the real ingest-api with a real Redis (REDIS_URL); what was queued is read back by consuming the
// queue, and every field is checked. docs/shipping.md holds the snippets these tests run.
import { QueuedLog } from '@logad/contracts';
import pino from 'pino';
import winston from 'winston';
import { IntakeHarness, startIntakeHarness } from './intake-harness';

const KEY = 'logger-key-1';
const N = 100;

describe('loggers: winston transports.Http and pino (e2e)', () => {
  let h: IntakeHarness;
  let port: number;

  beforeEach(async () => {
    h = await startIntakeHarness('loggers', { API_KEYS: `${KEY}:ingest` });
    port = Number(new URL(h.base).port);
  });
  afterEach(() => h.close());
  const drain = (expected: number): Promise<QueuedLog[]> => h.drain(expected, 100);

  const NPM_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
  const OURS = { error: 'ERROR', warn: 'WARN', info: 'INFO', http: 'INFO', verbose: 'DEBUG', debug: 'DEBUG', silly: 'TRACE' } as const;

  for (const batch of [false, true]) {
    it(`winston transports.Http (${batch ? 'batch' : 'single'} mode) stores all ${N}, every npm level, with its service and metadata`, async () => {
      const warnings: Error[] = [];
      const transport = new winston.transports.Http({
        host: '127.0.0.1',
        port,
        path: '/api/v1/logs?status=200',
        auth: { bearer: KEY },
        batch,
        batchCount: 10,
        batchInterval: 100,
      });
      transport.on('warn', (e: Error) => warnings.push(e));
      const logger = winston.createLogger({
        level: 'silly',
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
        defaultMeta: { service: 'checkout' },
        transports: [transport],
      });
      for (let i = 0; i < N; i++) logger.log(NPM_LEVELS[i % NPM_LEVELS.length], `order ${i} processed`, { orderId: i });
      const got = await drain(N);
      logger.close();
      expect(warnings).toEqual([]); // winston takes any status but 200 as a failure
      expect(got).toHaveLength(N);
      const byIndex = new Map(got.map((l) => [Number(/order (\d+)/.exec(l.message)?.[1]), l]));
      for (let i = 0; i < N; i++) {
        const l = byIndex.get(i);
        expect(l).toMatchObject({
          message: `order ${i} processed`,
          source: 'checkout',
          level: OURS[NPM_LEVELS[i % NPM_LEVELS.length]],
          attributes: { orderId: i },
        });
        expect(Math.abs(Date.parse(l!.timestamp) - Date.now())).toBeLessThan(60_000);
      }
    });
  }

  it(`pino's JSON lines (msg, numeric levels, time in ms, base fields) posted as NDJSON store all ${N} with fields mapped`, async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace', base: { service: 'billing', pid: process.pid } }, { write: (s: string) => void lines.push(s) });
    const methods = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
    const t0 = Date.now();
    for (let i = 0; i < N; i++) logger[methods[i % methods.length]]({ invoice: i }, `invoice ${i} sent`);
    // What a pino HTTP transport does with these lines: NDJSON, a batch per request.
    for (let i = 0; i < N; i += 25) {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/logs`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}` },
        body: lines.slice(i, i + 25).join(''),
      });
      expect(res.status).toBe(202);
    }
    const got = await drain(N);
    expect(got).toHaveLength(N);
    const byIndex = new Map(got.map((l) => [Number(/invoice (\d+)/.exec(l.message)?.[1]), l]));
    for (let i = 0; i < N; i++) {
      const l = byIndex.get(i)!;
      expect(l).toMatchObject({
        message: `invoice ${i} sent`,
        source: 'billing',
        level: methods[i % methods.length].toUpperCase(),
        attributes: { invoice: i, pid: process.pid },
      });
      expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(t0 - 5);
      expect(Date.parse(l.timestamp)).toBeLessThanOrEqual(Date.now());
    }
  });
});
