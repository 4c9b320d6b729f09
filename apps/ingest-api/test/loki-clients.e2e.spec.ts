// Loki's own clients, as they are (winston-loki in protobuf and JSON, pino-loki), pushing to the real
// ingest-api with a real Redis (REDIS_URL); what was queued is read back by consuming the queue and
// every field checked. docs/shipping.md holds the snippets these tests run.
import { QueuedLog } from '@logad/contracts';
import pino from 'pino';
import { pinoLoki } from 'pino-loki';
import winston from 'winston';
import LokiTransport from 'winston-loki';
import { IntakeHarness, startIntakeHarness } from './intake-harness';

const KEY = 'loki-key-1';
const N = 100;
const MAX_MESSAGE = 2048;

describe('Loki clients: winston-loki and pino-loki (e2e)', () => {
  let h: IntakeHarness;
  let base: string;

  beforeEach(async () => {
    h = await startIntakeHarness('loki', { API_KEYS: `${KEY}:ingest`, MAX_MESSAGE_BYTES: String(MAX_MESSAGE) });
    base = h.base;
  });
  afterEach(() => h.close());
  const drain = (expected: number): Promise<QueuedLog[]> => h.drain(expected);

  const NPM_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
  const OURS = { error: 'ERROR', warn: 'WARN', info: 'INFO', http: 'INFO', verbose: 'DEBUG', debug: 'DEBUG', silly: 'TRACE' } as const;
  const T0 = Date.parse('2026-12-01T10:00:00.000Z');

  function winstonLoki(json: boolean, onConnectionError: (e: Error) => void = () => undefined) {
    return new LokiTransport({
      host: base,
      basicAuth: `shipper:${KEY}`,
      labels: { job: 'shop' },
      json,
      interval: 0.2,
      replaceTimestamp: false,
      clearOnError: true,
      // The line is the message alone (by default winston-loki appends the metadata as JSON).
      format: winston.format.printf((i) => String(i.message)),
      onConnectionError,
    });
  }

  for (const json of [false, true]) {
    it(`winston-loki (${json ? 'JSON' : 'snappy protobuf'}) stores all ${N} with source, level, timestamp, labels`, async () => {
      const errors: Error[] = [];
      const transport = winstonLoki(json, (e) => errors.push(e));
      const logger = winston.createLogger({ level: 'silly', transports: [transport] });
      for (let i = 0; i < N; i++) {
        const level = NPM_LEVELS[i % NPM_LEVELS.length];
        logger.log({ level, message: `order ${i} processed`, timestamp: new Date(T0 + i).toISOString(), labels: { region: 'eu' } });
      }
      const got = await drain(N);
      logger.close();
      expect(errors).toEqual([]);
      expect(got).toHaveLength(N);
      const byIndex = new Map(got.map((l) => [Number(/order (\d+)/.exec(l.message)?.[1]), l]));
      for (let i = 0; i < N; i++) {
        const level = NPM_LEVELS[i % NPM_LEVELS.length];
        expect(byIndex.get(i)).toMatchObject({
          message: `order ${i} processed`,
          source: 'shop',
          level: OURS[level],
          timestamp: new Date(T0 + i).toISOString(),
          attributes: { job: 'shop', level, region: 'eu' },
        });
      }
    });
  }

  it('winston-loki is told of a refused entry (400, Loki-style text) and the others of the push are stored', async () => {
    const errors: Error[] = [];
    const logger = winston.createLogger({ transports: [winstonLoki(false, (e) => errors.push(e))] });
    logger.info('fine one');
    logger.info('x'.repeat(MAX_MESSAGE + 1));
    logger.info('fine two');
    const got = await drain(2);
    logger.close();
    expect(got.map((l) => l.message).sort()).toEqual(['fine one', 'fine two']);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/400/);
  });

  it(`pino-loki stores all ${N}: the JSON line read as pino's log (msg, level), labels as attributes`, async () => {
    const stream = pinoLoki({
      host: base,
      basicAuth: { username: 'shipper', password: KEY },
      labels: { service_name: 'billing' },
      // pino-loki sends pino's trace as Loki's `debug` unless told otherwise; the label wins over the line's level.
      levelMap: { 10: 'trace' },
      batching: { interval: 0.2 },
      silenceErrors: false,
    });
    const logger = pino({ level: 'trace', base: { pid: process.pid } }, stream);
    const methods = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
    // pino-loki's level labels (warning, critical) are aliases logad reads as WARN, FATAL.
    const LOKI_LEVEL = { trace: 'trace', debug: 'debug', info: 'info', warn: 'warning', error: 'error', fatal: 'critical' } as const;
    const t0 = Date.now();
    for (let i = 0; i < N; i++) logger[methods[i % methods.length]]({ invoice: i }, `invoice ${i} sent`);
    const got = await drain(N);
    expect(got).toHaveLength(N);
    const byIndex = new Map(got.map((l) => [Number(/invoice (\d+)/.exec(l.message)?.[1]), l]));
    for (let i = 0; i < N; i++) {
      const l = byIndex.get(i)!;
      expect(l).toMatchObject({
        message: `invoice ${i} sent`,
        source: 'billing',
        level: methods[i % methods.length].toUpperCase(),
        attributes: { invoice: i, pid: process.pid, service_name: 'billing', level: LOKI_LEVEL[methods[i % methods.length]] },
      });
      expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(t0 - 5);
      expect(Date.parse(l.timestamp)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('pino-loki reports a refused entry as Loki clients show it (the 400 and its text)', async () => {
    const reported: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void reported.push(args.map(String).join(' ')));
    try {
      const stream = pinoLoki({ host: base, basicAuth: { username: 'shipper', password: KEY }, labels: { job: 'billing' }, batching: { interval: 0.2 } });
      const logger = pino({}, stream);
      logger.info('fine');
      logger.info('y'.repeat(MAX_MESSAGE + 1));
      const got = await drain(1);
      expect(got.map((l) => l.message)).toEqual(['fine']);
      expect(reported.join('\n')).toMatch(/entry \d+ for stream .*message must be at most 2048 bytes[\s\S]*total ignored: 1 out of 2/);
    } finally {
      spy.mockRestore();
    }
  });
});
