// End-to-end over loopback HTTP against a real Redis (REDIS_URL): ingest-api as it runs, with BullMQ.
import { LogJob, QueuedLog } from '@logad/contracts';
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { loadIngestConfig } from '../src/config/ingest.config';
import { startIngestApi } from '../src/bootstrap';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('ingest-api (e2e)', () => {
  let app: NestFastifyApplication;
  let base: string;
  let queueName: string;
  let queue: BullMqLogQueue;

  async function start(env: Record<string, string> = {}) {
    queueName = `test-${randomUUID()}`;
    app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: queueName, LOG_LEVEL: 'silent', ...env }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    queue = new BullMqLogQueue({ name: queueName, redisUrl });
  }

  /** Everything ingest enqueued, read back by consuming the real queue. */
  async function drain(expected: number): Promise<QueuedLog[]> {
    const got: QueuedLog[] = [];
    await queue.consume(async (job: LogJob) => {
      got.push(...job.records);
    });
    const end = Date.now() + 5_000;
    while (got.length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100)); // nothing more should arrive
    return got;
  }

  const post = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${base}/api/v1/logs`, { method: 'POST', headers, body });

  beforeEach(() => start());
  afterEach(async () => {
    await app.close();
    await queue.obliterate();
    await queue.close();
  });

  it('accepts one log with 202 and its id, after it is in the queue', async () => {
    const res = await post(JSON.stringify({ message: 'User login failed', source: 'auth-service', level: 'warn' }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: number; ids: string[] };
    expect(body.accepted).toBe(1);
    expect(body.ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    const [queued] = await drain(1);
    expect(queued).toMatchObject({ id: body.ids[0], message: 'User login failed', source: 'auth-service', level: 'WARN' });
  });

  it('carries the request id to the queue, answers /ready, and counts what it accepts and refuses at /metrics', async () => {
    const res = await post(JSON.stringify([{ message: 'a' }, { message: 'b' }]), { 'content-type': 'application/json', 'x-request-id': 'req-42' });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect((await post('{"message":')).status).toBe(400);
    const got = await drain(2);
    expect(got.map((l) => l.requestId)).toEqual(['req-42', 'req-42']);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { queue: { status: 'up' } } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/logad_logs_accepted_total\{[^}]*\} 2/);
    expect(metrics).toMatch(/logad_requests_rejected_total\{[^}]*reason="ingest:malformed-json"[^}]*\} 1/);
    expect(metrics).toMatch(/logad_queue_jobs\{[^}]*state="waiting"[^}]*\} \d+/);
  });

  it('accepts a JSON array and NDJSON, keeping client ids', async () => {
    const arr = await post(
      JSON.stringify([
        { message: 'a', id: 'c-1' },
        { message: 'b', timestamp: 1700000000000 },
      ]),
    );
    expect(arr.status).toBe(202);
    const nd = await post('{"message":"c","level":"ERROR"}\n\n{"message":"d"}\n', { 'content-type': 'application/x-ndjson' });
    expect(nd.status).toBe(202);
    expect(((await nd.json()) as { accepted: number }).accepted).toBe(2);
    const got = await drain(4);
    expect(got.map((l) => l.message).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(got.find((l) => l.message === 'a')?.id).toBe('c-1');
    expect(got.find((l) => l.message === 'b')?.timestamp).toBe('2023-11-14T22:13:20.000Z');
  });

  it('answers 400 naming the field, and enqueues nothing of that request', async () => {
    const res = await post(JSON.stringify([{ message: 'fine' }, { message: 'x', level: 'LOUD' }]));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string; details: { field: string }[] };
    expect(body.code).toBe('ingest:validation-failed');
    expect(body.details).toEqual([{ field: '[1].level', message: expect.stringContaining('level must be one of') }]);
    const single = await post(JSON.stringify({ source: 'svc' }));
    expect(single.status).toBe(400);
    expect(((await single.json()) as { details: { field: string }[] }).details[0].field).toBe('message');
    expect(await drain(0)).toEqual([]);
  });

  it('answers 400 for malformed JSON, a bad NDJSON line (named), and a body that is not a log', async () => {
    const bad = await post('{"message": "x"');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('ingest:malformed-json');
    const nd = await post('{"message":"ok"}\n{oops}\n', { 'content-type': 'application/x-ndjson' });
    expect(nd.status).toBe(400);
    expect(await nd.json()).toMatchObject({ code: 'ingest:invalid-ndjson', details: { line: 2 } });
    const str = await post('"just a string"');
    expect(str.status).toBe(400);
    expect(await drain(0)).toEqual([]);
  });

  it('answers 413 for an over-size body and for a message over the limit, 415 for a wrong content type', async () => {
    await app.close();
    await queue.close();
    await start({ MAX_BODY_BYTES: '2048', MAX_MESSAGE_BYTES: '100' });
    const big = await post(JSON.stringify({ message: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      code: 'http:body-too-large',
      message: expect.stringContaining('2048 bytes (MAX_BODY_BYTES'),
      details: { limitBytes: 2048 },
    });
    const long = await post(JSON.stringify({ message: 'y'.repeat(101) }));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { message: string }).message).toContain('message must be at most 100 bytes');
    const text = await post('User login failed', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({
      code: 'http:unsupported-media-type',
      message: expect.stringContaining('send application/json or application/x-ndjson'),
      details: { accepted: ['application/json', 'application/x-ndjson'] },
    });
    const gz = await post(gzipSync('{"message":"x"}'), { 'content-type': 'application/xml' });
    expect(gz.status).toBe(415);
    expect(await drain(0)).toEqual([]);
  });

  it('answers 429 with Retry-After while the queue is above its high-water mark, and accepts again once drained', async () => {
    await app.close();
    await queue.close();
    await start({ QUEUE_HIGH_WATER: '2', RECORDS_PER_JOB: '1' });
    expect((await post(JSON.stringify([{ message: 'a' }, { message: 'b' }]))).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300)); // the depth is read at most every 250 ms
    const full = await post(JSON.stringify({ message: 'c' }));
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('2');
    expect(((await full.json()) as { code: string }).code).toBe('ingest:queue-full');
    expect(await drain(2)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await post(JSON.stringify({ message: 'd' }))).status).toBe(202);
  });

  it('answers 503 with Retry-After, never 202, when Redis does not answer', async () => {
    await app.close();
    await queue.close();
    queue = new BullMqLogQueue({ name: `test-${randomUUID()}`, redisUrl });
    app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const res = await post(JSON.stringify({ message: 'User login failed' }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { code: string }).code).toBe('queue:unavailable');
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toEqual({ status: 'ok', queue: 'down' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'error', error: { queue: { status: 'down' } } });
  });
});
