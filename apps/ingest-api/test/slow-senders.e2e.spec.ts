// Slow senders against the real ingest-api on loopback over a real Redis (REDIS_URL): headers or a
// body trickled a byte at a time get 408 and a closed connection within HTTP_HEADERS_TIMEOUT_MS /
// HTTP_REQUEST_TIMEOUT_MS (plus Node's check interval), on one route of each protocol and on the
// OTLP port, and nothing of the trickled request is enqueued.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { IntakeHarness, freePort, startIntakeHarness } from './intake-harness';

jest.setTimeout(60_000);
const HEADERS_MS = 600;
const REQUEST_MS = 1500;


/** Sends `head` then `body`, `chunk` bytes every `everyMs` (the head at once when `headAtOnce`); resolves with what came back and when the server closed. */
function trickle(port: number, head: Buffer, body: Buffer, everyMs: number, chunk = 1, headAtOnce = false): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const all = headAtOnce ? body : Buffer.concat([head, body]);
    const socket = connect(port, '127.0.0.1');
    if (headAtOnce) socket.write(head);
    let answer = '';
    let at = 0;
    const timer = setInterval(() => {
      if (at >= all.length || socket.destroyed) return clearInterval(timer);
      socket.write(all.subarray(at, at + chunk));
      at += chunk;
    }, everyMs);
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', () => undefined); // a write after the server closed
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ ms: Date.now() - started, answer });
    });
    // The client never closes first: a server that never gives up is this test's timeout.
    setTimeout(() => socket.destroy(), 20_000).unref();
  });
}

describe('ingest-api: slow senders (e2e)', () => {
  let h: IntakeHarness;
  let port: number;
  let otlpPort: number;

  beforeAll(async () => {
    otlpPort = await freePort();
    h = await startIntakeHarness('slow', {
      OTLP_PORT: String(otlpPort),
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    });
    port = Number(new URL(h.base).port);
  });
  afterAll(() => h.close());

  const marker = `slow-${randomUUID()}`;
  const routes: { name: string; port: () => number; path: string; type: string; body: Buffer }[] = [
    { name: 'logad', port: () => port, path: '/api/v1/logs', type: 'application/json', body: Buffer.from(JSON.stringify({ message: `${marker} logad` })) },
    {
      name: 'OTLP (its own port)',
      port: () => otlpPort,
      path: '/v1/logs',
      type: 'application/json',
      body: Buffer.from(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: `${marker} otlp` } }] }] }] })),
    },
    {
      name: 'Loki',
      port: () => port,
      path: '/loki/api/v1/push',
      type: 'application/json',
      body: Buffer.from(JSON.stringify({ streams: [{ stream: { job: 'slow' }, values: [[`${Date.now()}000000`, `${marker} loki`]] }] })),
    },
    {
      name: 'Elasticsearch',
      port: () => port,
      path: '/_bulk',
      type: 'application/x-ndjson',
      body: Buffer.from(`{"index":{"_index":"logs-slow"}}\n{"message":"${marker} es"}\n`),
    },
  ];
  const headOf = (r: (typeof routes)[number]) =>
    Buffer.from(
      `POST ${r.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${r.type}\r\nContent-Length: ${r.body.length}\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`,
    );

  it.each(routes.map((r) => [r.name, r] as const))('%s: headers trickled a byte every 20 ms: 408 and closed within HTTP_HEADERS_TIMEOUT_MS', async (_n, r) => {
    const { ms, answer } = await trickle(r.port(), headOf(r), r.body, 20);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_MS * 0.9);
    expect(ms).toBeLessThan(HEADERS_MS + 1500);
  });

  it.each(routes.map((r) => [r.name, r] as const))(
    '%s: body trickled a byte every 50 ms: 408 and closed within HTTP_REQUEST_TIMEOUT_MS, nothing taken',
    async (_n, r) => {
      const { ms, answer } = await trickle(r.port(), headOf(r), r.body, 50, 1, true);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(REQUEST_MS * 0.9);
      expect(ms).toBeLessThan(REQUEST_MS + 1500);
    },
  );

  it('a sender slow but within the limits is answered as usual, and nothing trickled past them was enqueued', async () => {
    // The whole request in 8 pieces over ~400 ms: slow, but inside both limits.
    for (const r of routes) {
      const body = Buffer.from(r.body.toString().replace(marker, `${marker}-ok`));
      const { answer } = await trickle(
        r.port(),
        Buffer.from(
          headOf(r)
            .toString()
            .replace(/Content-Length: \d+/, `Content-Length: ${body.length}`)
            .replace('Host:', 'Connection: close\r\nHost:'),
        ),
        body,
        50,
        Math.ceil((headOf(r).length + body.length) / 8),
      );
      expect([r.name, answer.split('\r\n')[0], answer.split('\r\n\r\n')[1]]).toEqual([
        r.name,
        expect.stringMatching(/^HTTP\/1\.1 20[024] /),
        expect.anything(),
      ]);
    }
    const got = await h.drain(routes.length);
    expect(got.map((l) => l.message).sort()).toEqual(routes.map(() => expect.stringContaining(`${marker}-ok`)));
    expect(got.filter((l) => !l.message.includes(`${marker}-ok`))).toEqual([]);
  });
});
