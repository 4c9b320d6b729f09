// OTLP/HTTP logs (`POST /v1/logs`) against the real ingest-api on loopback and a real Redis
// (REDIS_URL): both encodings, the answers the OTLP/HTTP spec asks for (ExportLogsServiceResponse,
// partial_success, google.rpc.Status in the request's encoding, Retry-After), the 415 check of
// every intake route, and the OTLP port. Requests are built with the opentelemetry-proto schema.
import { LogJob, QueuedLog } from '@logad/contracts';
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';
import { otlpSchema } from '../src/intake/formats/otlp-schema';
import { freePort } from './intake-harness';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'otlp-key-1';
const PB = { 'content-type': 'application/x-protobuf', authorization: `Bearer ${KEY}` };
const JSON_H = { 'content-type': 'application/json', 'x-api-key': KEY };

const request = (records: unknown[], service = 'checkout') => ({
  resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeLogs: [{ scope: { name: 'e2e' }, logRecords: records }] }],
});
const protobuf = (req: unknown) => Buffer.from(otlpSchema().request.encode(otlpSchema().request.fromObject(req as Record<string, unknown>)).finish());
const status = async (res: Response) => otlpSchema().status.toObject(otlpSchema().status.decode(new Uint8Array(await res.arrayBuffer()))) as { code: number; message: string };


describe('ingest-api: OTLP/HTTP logs (e2e)', () => {
  let app: NestFastifyApplication;
  let base: string;
  let queue: BullMqLogQueue;

  async function start(env: Record<string, string> = {}) {
    const name = `test-otlp-${randomUUID()}`;
    app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: name, LOG_LEVEL: 'silent', API_KEYS: KEY, ...env }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    queue = new BullMqLogQueue({ name, redisUrl });
  }
  afterEach(async () => {
    await app.close();
    await queue.obliterate();
    await queue.close();
  });

  async function drain(expected: number): Promise<QueuedLog[]> {
    const got: QueuedLog[] = [];
    await queue.consume(async (job: LogJob) => {
      got.push(...job.records);
    });
    const end = Date.now() + 5_000;
    while (got.length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    return got;
  }
  const post = (body: string | Buffer, headers: Record<string, string>, path = '/v1/logs') => fetch(`${base}${path}`, { method: 'POST', headers, body });

  it('takes protobuf (also gzipped) and answers an empty ExportLogsServiceResponse in protobuf', async () => {
    await start();
    const rec = { timeUnixNano: '1765065600000000000', severityNumber: 9, severityText: 'INFO', body: { stringValue: 'user 42 logged in' } };
    const res = await post(protobuf(request([rec, { ...rec, severityNumber: 17, body: { stringValue: 'card declined' } }])), PB);
    if (res.status !== 200) throw new Error(JSON.stringify(await status(res)));
    expect(res.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
    expect(Buffer.from(await res.arrayBuffer())).toHaveLength(0); // no partial_success: nothing set
    const gz = await post(gzipSync(protobuf(request([rec], 'gz')), {}), { ...PB, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    const got = await drain(3);
    expect(got.map((l) => [l.source, l.level, l.message, l.timestamp])).toEqual([
      ['checkout', 'INFO', 'user 42 logged in', '2025-12-07T00:00:00.000Z'],
      ['checkout', 'ERROR', 'card declined', '2025-12-07T00:00:00.000Z'],
      ['gz', 'INFO', 'user 42 logged in', '2025-12-07T00:00:00.000Z'],
    ]);
  });

  it('OTLP/JSON: refused records come back as partial_success while the others are stored', async () => {
    await start();
    const res = await post(JSON.stringify(request([{ body: { stringValue: 'kept' } }, { body: { stringValue: '' } }, { severityText: 'WARN' }])), JSON_H);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedLogRecords).toBe('2');
    expect(body.partialSuccess.errorMessage).toContain('logRecords[1]: the record has no body');
    expect((await drain(1)).map((l) => l.message)).toEqual(['kept']);
    const pb = await post(protobuf(request([{ body: { stringValue: 'kept' } }, {}])), PB);
    const bytes = new Uint8Array(await pb.arrayBuffer());
    const decoded = otlpSchema().response.toObject(otlpSchema().response.decode(bytes), { longs: Number });
    expect(decoded).toMatchObject({ partialSuccess: { rejectedLogRecords: 1, errorMessage: expect.stringContaining('no body') } });
  });

  it('answers 400 with a google.rpc.Status in the request encoding; nothing is stored', async () => {
    await start();
    const bad = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), PB);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
    expect(await status(bad)).toMatchObject({ code: 3, message: expect.stringMatching(/^otlp:invalid-request: the OTLP request does not decode/) });
    const badJson = await post('{"resourceLogs": [', JSON_H);
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ code: 3, message: expect.stringMatching(/^ingest:malformed-json/) });
    const allRefused = await post(JSON.stringify(request([{}])), JSON_H);
    expect(allRefused.status).toBe(400);
    expect(((await allRefused.json()) as { message: string }).message).toMatch(/^ingest:validation-failed: .*no body/);
    const noKey = await post(protobuf(request([{ body: { stringValue: 'x' } }])), { 'content-type': 'application/x-protobuf' });
    expect(noKey.status).toBe(401);
    expect((await status(noKey)).code).toBe(16);
    expect(await drain(0)).toEqual([]);
  });

  it('every intake route refuses, with 415, a content type it does not take', async () => {
    await start();
    const toNative = await post(protobuf(request([{ body: { stringValue: 'x' } }])), PB, '/api/v1/logs');
    expect(toNative.status).toBe(415);
    expect(await toNative.json()).toMatchObject({ code: 'http:unsupported-media-type', details: { accepted: ['application/json', 'application/x-ndjson'] } });
    const ndjson = await post('{"message":"x"}', { ...JSON_H, 'content-type': 'application/x-ndjson' });
    expect(ndjson.status).toBe(415);
    expect(((await ndjson.json()) as { message: string }).message).toContain('application/x-protobuf');
    expect(await drain(0)).toEqual([]);
  });

  it('back-pressure and an unreachable queue answer 429 and 503 with Retry-After', async () => {
    await start({ QUEUE_HIGH_WATER: '1' });
    const body = protobuf(request([{ body: { stringValue: 'x' } }]));
    expect((await post(body, PB)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300)); // the queue depth is re-read every 250 ms
    const full = await post(body, PB);
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('2');
    expect(await status(full)).toMatchObject({ code: 8, message: expect.stringMatching(/^ingest:queue-full/) });
    await app.close();
    app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const down = await post(body, { 'content-type': 'application/x-protobuf' });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect((await status(down)).code).toBe(14);
    const limited = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: `test-otlp-${randomUUID()}`, LOG_LEVEL: 'silent', RATE_LIMIT_PER_KEY: '1' }));
    try {
      const url = (await limited.getUrl()).replace('[::1]', '127.0.0.1');
      const many = protobuf(request(Array.from({ length: 5 }, () => ({ body: { stringValue: 'x' } }))));
      const res = await fetch(`${url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: many });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await status(res)).message).toMatch(/^auth:rate-limited/);
    } finally {
      await limited.close();
    }
  });

  it('serves /v1/logs, and only it, on OTLP_PORT', async () => {
    const port = await freePort();
    await start({ OTLP_PORT: String(port) });
    const res = await fetch(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: PB, body: protobuf(request([{ body: { stringValue: 'via 4318' } }])) });
    expect(res.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/records`, { headers: PB })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404);
    expect((await drain(1)).map((l) => l.message)).toEqual(['via 4318']);
  });
});
