// Elasticsearch's clients, as they are (@elastic/elasticsearch's helpers.bulk, pino-elasticsearch,
// winston-elasticsearch), writing to the real ingest-api with a real Redis (REDIS_URL); what was
// queued is read back by consuming the queue and every field checked. docs/shipping.md holds the snippets.
import { Client } from '@elastic/elasticsearch';
import { QueuedLog } from '@logad/contracts';
import pino from 'pino';
import pinoElastic from 'pino-elasticsearch';
import winston from 'winston';
import { ElasticsearchTransport } from 'winston-elasticsearch';
import { IntakeHarness, startIntakeHarness } from './intake-harness';

const KEY = 'es-key-1';
const N = 100;
const MAX_MESSAGE = 2048;

describe('Elasticsearch clients: helpers.bulk, pino-elasticsearch, winston-elasticsearch (e2e)', () => {
  let h: IntakeHarness;
  let base: string;

  beforeEach(async () => {
    h = await startIntakeHarness('es', { API_KEYS: `${KEY}:ingest`, MAX_MESSAGE_BYTES: String(MAX_MESSAGE) });
    base = h.base;
  });
  afterEach(() => h.close());
  const drain = (expected: number): Promise<QueuedLog[]> => h.drain(expected);

  const T0 = Date.parse('2026-12-01T10:00:00.000Z');
  const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

  it(`@elastic/elasticsearch: info() sees Elasticsearch; helpers.bulk stores all ${N} ECS documents (flattened and nested) and drops the bad one as ES does`, async () => {
    const client = new Client({ node: base, auth: { apiKey: { id: 'shipper', api_key: KEY } } });
    const info = await client.info();
    expect(info.version.number).toMatch(/^8\./);
    const docs = Array.from({ length: N }, (_, i) =>
      i % 2 === 0
        ? {
            '@timestamp': new Date(T0 + i).toISOString(),
            message: `payment ${i} settled`,
            'log.level': LEVELS[i % 4],
            'service.name': 'payments',
            'trace.id': `t${i}`,
          }
        : {
            '@timestamp': new Date(T0 + i).toISOString(),
            message: `payment ${i} settled`,
            log: { level: LEVELS[i % 4], logger: 'pay' },
            service: { name: 'payments', version: '1.2' },
          },
    );
    const dropped: { status: number; error: unknown }[] = [];
    const stats = await client.helpers.bulk({
      datasource: [...docs, { message: 'z'.repeat(MAX_MESSAGE + 1) }],
      onDocument: () => ({ create: { _index: 'logs-payments' } }),
      onDrop: (d) => void dropped.push({ status: d.status, error: d.error }),
    });
    await client.close();
    expect(stats).toMatchObject({ total: N + 1, successful: N, failed: 1 });
    expect(dropped).toEqual([{ status: 400, error: { type: 'document_parsing_exception', reason: expect.stringContaining(`at most ${MAX_MESSAGE} bytes`) } }]);
    const got = await drain(N);
    expect(got).toHaveLength(N);
    const byIndex = new Map(got.map((l) => [Number(/payment (\d+)/.exec(l.message)?.[1]), l]));
    for (let i = 0; i < N; i++) {
      expect(byIndex.get(i)).toMatchObject({
        message: `payment ${i} settled`,
        source: 'payments',
        level: LEVELS[i % 4].toUpperCase(),
        timestamp: new Date(T0 + i).toISOString(),
        attributes: i % 2 === 0 ? { 'trace.id': `t${i}` } : { log: { logger: 'pay' }, service: { version: '1.2' } },
      });
    }
  });

  it(`pino-elasticsearch stores all ${N} (msg, numeric level, time, service) and reports a refused one as an insertError`, async () => {
    const insertErrors: Error[] = [];
    const stream = pinoElastic({ node: base, index: 'logs-billing', esVersion: 8, flushBytes: 1000, flushInterval: 100, auth: { apiKey: KEY } });
    stream.on('insertError', (e: Error) => insertErrors.push(e));
    const logger = pino({ level: 'trace', base: { service: 'billing' } }, stream);
    const methods = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
    const t0 = Date.now();
    for (let i = 0; i < N; i++) logger[methods[i % methods.length]]({ invoice: i }, `invoice ${i} sent`);
    logger.info('w'.repeat(MAX_MESSAGE + 1));
    const got = await drain(N);
    stream.end();
    expect(got).toHaveLength(N);
    const byIndex = new Map(got.map((l) => [Number(/invoice (\d+)/.exec(l.message)?.[1]), l]));
    for (let i = 0; i < N; i++) {
      const l = byIndex.get(i)!;
      expect(l).toMatchObject({
        message: `invoice ${i} sent`,
        source: 'billing',
        level: methods[i % methods.length].toUpperCase(),
        attributes: { invoice: i },
      });
      expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(t0 - 5);
      expect(Date.parse(l.timestamp)).toBeLessThanOrEqual(Date.now());
    }
    expect(insertErrors).toHaveLength(1);
    // pino-elasticsearch's "Dropped document" error carries the item's status and error as ES gave them.
    expect(JSON.stringify({ ...insertErrors[0] })).toMatch(/document_parsing_exception.*at most 2048 bytes/);
  });

  it(`winston-elasticsearch stores all ${N} (severity, @timestamp, fields.service) after its health and template probes`, async () => {
    const errors: Error[] = [];
    const transport = new ElasticsearchTransport({ level: 'silly', clientOpts: { node: base, auth: { apiKey: KEY } }, flushInterval: 100 });
    transport.on('error', (e: Error) => errors.push(e));
    const logger = winston.createLogger({ level: 'silly', transports: [transport], defaultMeta: { service: 'shop' } });
    const NPM = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
    const OURS = { error: 'ERROR', warn: 'WARN', info: 'INFO', http: 'INFO', verbose: 'DEBUG', debug: 'DEBUG', silly: 'TRACE' } as const;
    const t0 = Date.now();
    for (let i = 0; i < N; i++) logger.log(NPM[i % NPM.length], `order ${i} shipped`, { orderId: i });
    const got = await drain(N);
    logger.close();
    expect(errors).toEqual([]);
    expect(got).toHaveLength(N);
    const byIndex = new Map(got.map((l) => [Number(/order (\d+)/.exec(l.message)?.[1]), l]));
    for (let i = 0; i < N; i++) {
      const l = byIndex.get(i)!;
      expect(l).toMatchObject({ message: `order ${i} shipped`, source: 'shop', level: OURS[NPM[i % NPM.length]], attributes: { orderId: i } });
      expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(t0 - 5);
    }
  });

  it('a bulk with one bad source line answers per item (errors: true) and stores the others; a bad action line refuses all, in ES shape', async () => {
    const post = (body: string) =>
      fetch(`${base}/logs-x/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `ApiKey ${KEY}` }, body });
    const res = await post(
      '{"index":{"_id":"a-1"}}\n{"message":"good one","level":"warn"}\n{"index":{}}\n{"message": broken\n{"create":{}}\n{"msg":"good two"}\n',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    const body = (await res.json()) as { errors: boolean; items: Record<string, { status: number; _id: string; error?: { type: string } }>[] };
    expect(body.errors).toBe(true);
    expect(body.items.map((it) => Object.keys(it)[0])).toEqual(['index', 'index', 'create']);
    expect(body.items.map((it) => Object.values(it)[0].status)).toEqual([201, 400, 201]);
    expect(body.items[0].index._id).toBe('a-1');
    expect(body.items[1].index.error?.type).toBe('document_parsing_exception');
    const bad = await post('{"explode":{}}\n{"message":"m"}\n');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      status: 400,
      error: { type: 'illegal_argument_exception', reason: expect.stringContaining('Malformed action/metadata line [1]') },
    });
    const got = await drain(2);
    expect(got.map((l) => [l.id, l.message, l.level])).toEqual(
      expect.arrayContaining([
        ['a-1', 'good one', 'WARN'],
        [expect.any(String), 'good two', null],
      ]),
    );
    expect(got).toHaveLength(2);
  });
});
