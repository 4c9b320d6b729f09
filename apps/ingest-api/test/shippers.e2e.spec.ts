// What Vector and Fluent Bit send, byte for byte (bodies and headers built from their sources, cited
// per case), posted to the real ingest-api with a real Redis (REDIS_URL); what was queued is read back
// by consuming the queue. docs/shipping.md holds the configurations that produce these requests.
import { LogJob, QueuedLog } from '@logad/contracts';
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'shipper-key-1';

// Vector's http sink (vectordotdev/vector):
// - src/sinks/http/config.rs: Content-Type is `application/json` for the json codec with the default
//   framing, `application/x-ndjson` with `framing.method = "newline_delimited"`; `compression = "gzip"`
//   sets `Content-Encoding: gzip`; `auth.strategy = "bearer"` sets `Authorization: Bearer <token>`;
//   `request.headers` are added as they are.
// - src/codecs/encoding/config.rs: for a message-based sink (http) the json codec's default framing is
//   `character_delimited` with `,`; src/sinks/http/encoder.rs then drops the last comma and wraps the
//   batch in `[` `]` (a JSON array), or, for newline_delimited, drops the trailing newline.
// - Events serialize as JSON objects with sorted keys (a BTreeMap); timestamps as RFC 3339 with
//   `SecondsFormat::AutoSi` (vrl `timestamp_to_string`), e.g. nanoseconds: `…00.123456789Z`.
// - src/http.rs: `User-Agent: Vector/<version>`.
const vectorEvents = [
  // `file` source events after docs/shipping.md's `remap` (source set, level normalised, host and file
  // copied into attributes).
  '{"attributes":{"file":"/var/log/checkout/app.log","host":"web-1"},"file":"/var/log/checkout/app.log","host":"web-1","level":"WARN","message":"Payment provider timeout after 30000 ms","source":"checkout","source_type":"file","timestamp":"2026-11-26T09:30:00.123456789Z"}',
  // serde_json escapes quotes and control characters (ESC as \u001b) and writes other UTF-8 as is.
  '{"attributes":{"file":"/var/log/checkout/app.log","host":"web-1"},"file":"/var/log/checkout/app.log","host":"web-1","level":"ERROR","message":"\\u001b[31mcard declined\\u001b[0m for \\"Zoë\\"\\tretrying","source":"checkout","source_type":"file","timestamp":"2026-11-26T09:30:01Z"}',
  // A line without a level: the remap drops the field.
  '{"attributes":{"file":"/var/log/checkout/app.log","host":"web-1"},"file":"/var/log/checkout/app.log","host":"web-1","message":"GET /cart 200 12ms","source":"checkout","source_type":"file","timestamp":"2026-11-26T09:30:02.500Z"}',
];

// Fluent Bit's http output (fluent/fluent-bit):
// - plugins/out_http/http.c: `format json_lines` sets `Content-Type: application/x-ndjson` since
//   fluent/fluent-bit#8715 (2024; `application/json` before); `format json` sets `application/json`;
//   `compress gzip` sets `Content-Encoding: gzip` (flb_http_set_content_encoding_gzip); `User-Agent:
//   Fluent-Bit`; each `header K V` is added as is.
// - src/flb_pack.c (flb_pack_msgpack_to_json_format): the date key comes first, then the record's keys;
//   json_lines ends every record with `\n` (the last one too); keys are joined with `,`, no spaces;
//   `json_date_format iso8601` writes `%Y-%m-%dT%H:%M:%S.<6 digits>Z`, `double` writes seconds with
//   `%.16g`, `epoch_ms` integer milliseconds; the default key is `date`.
// - Records from `tail` carry the line in `log`; the `modify` filter (`Rename log message`, `Add source …`)
//   of docs/shipping.md turns it into logad's `message`.
const fluentLines = (dateKey: string, date: string) =>
  `{"${dateKey}":${date},"message":"GET /api/v1/cart 502 upstream prematurely closed connection","source":"nginx"}\n` +
  `{"${dateKey}":${date},"message":"worker process 4711 exited on signal 9","source":"nginx"}\n`;

describe('shippers: Vector and Fluent Bit requests (e2e)', () => {
  let app: NestFastifyApplication;
  let base: string;
  let queue: BullMqLogQueue;

  beforeEach(async () => {
    const queueName = `test-shippers-${randomUUID()}`;
    app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: queueName, LOG_LEVEL: 'silent', API_KEYS: KEY }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    queue = new BullMqLogQueue({ name: queueName, redisUrl });
  });
  afterEach(async () => {
    await app.close();
    await queue.obliterate();
    await queue.close();
  });

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

  const post = (headers: Record<string, string>, body: string | Buffer) => fetch(`${base}/api/v1/logs`, { method: 'POST', headers, body });
  const byTime = (logs: QueuedLog[]) => [...logs].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.message.localeCompare(b.message));

  it('Vector, json codec (a JSON array), gzip, bearer auth: accepted with every field', async () => {
    const body = gzipSync(`[${vectorEvents.join(',')}]`);
    const res = await post(
      {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${KEY}`,
        'user-agent': 'Vector/0.43.0 (x86_64-unknown-linux-gnu)',
      },
      body,
    );
    expect(res.status).toBe(202);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(3);
    const got = byTime(await drain(3));
    // Vector's own fields (`source_type`, and `file`/`host` again) are kept in attributes, under the remap's.
    const attributes = { file: '/var/log/checkout/app.log', host: 'web-1', source_type: 'file' };
    expect(got).toEqual([
      expect.objectContaining({
        message: 'Payment provider timeout after 30000 ms',
        source: 'checkout',
        level: 'WARN',
        timestamp: '2026-11-26T09:30:00.123Z',
        attributes,
      }),
      expect.objectContaining({
        message: '\u001b[31mcard declined\u001b[0m for "Zoë"\tretrying',
        source: 'checkout',
        level: 'ERROR',
        timestamp: '2026-11-26T09:30:01.000Z',
        attributes,
      }),
      expect.objectContaining({ message: 'GET /cart 200 12ms', source: 'checkout', level: null, timestamp: '2026-11-26T09:30:02.500Z', attributes }),
    ]);
  });

  it('Vector, newline_delimited framing (NDJSON without a final newline), gzip, X-API-Key header', async () => {
    const body = gzipSync(vectorEvents.join('\n'));
    const res = await post(
      { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip', 'x-api-key': KEY, 'user-agent': 'Vector/0.43.0 (x86_64-unknown-linux-gnu)' },
      body,
    );
    expect(res.status).toBe(202);
    const got = byTime(await drain(3));
    expect(got.map((l) => [l.source, l.level, l.timestamp])).toEqual([
      ['checkout', 'WARN', '2026-11-26T09:30:00.123Z'],
      ['checkout', 'ERROR', '2026-11-26T09:30:01.000Z'],
      ['checkout', null, '2026-11-26T09:30:02.500Z'],
    ]);
  });

  it("Vector's healthcheck (HEAD healthcheck.uri, expects 200) passes on /health", async () => {
    const res = await fetch(`${base}/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
  });

  it('Fluent Bit json_lines, iso8601 dates, gzip: accepted as application/x-ndjson (newer releases) and as application/json (older)', async () => {
    const body = gzipSync(fluentLines('timestamp', '"2026-11-26T09:30:02.654321Z"'));
    for (const contentType of ['application/x-ndjson', 'application/json']) {
      const res = await post({ 'content-type': contentType, 'content-encoding': 'gzip', 'user-agent': 'Fluent-Bit', 'x-api-key': KEY }, body);
      expect({ contentType, status: res.status }).toEqual({ contentType, status: 202 });
      expect(((await res.json()) as { accepted: number }).accepted).toBe(2);
    }
    const got = byTime(await drain(4));
    expect(got).toHaveLength(4);
    for (const l of got) expect(l).toMatchObject({ source: 'nginx', level: null, timestamp: '2026-11-26T09:30:02.654Z' });
    expect(got.map((l) => l.message)).toEqual([
      'GET /api/v1/cart 502 upstream prematurely closed connection',
      'GET /api/v1/cart 502 upstream prematurely closed connection',
      'worker process 4711 exited on signal 9',
      'worker process 4711 exited on signal 9',
    ]);
  });

  it('Fluent Bit json (an array) and json_lines with epoch_ms dates are accepted', async () => {
    const array = `[{"timestamp":"2026-11-26T09:30:02.654321Z","message":"disk /var at 91%","source":"node-exporter"}]`;
    expect((await post({ 'content-type': 'application/json', 'user-agent': 'Fluent-Bit', 'x-api-key': KEY }, array)).status).toBe(202);
    const ms = fluentLines('timestamp', '1795685402654');
    expect((await post({ 'content-type': 'application/x-ndjson', 'user-agent': 'Fluent-Bit', 'x-api-key': KEY }, ms)).status).toBe(202);
    const got = await drain(3);
    expect(got.map((l) => l.timestamp).sort()).toEqual(['2026-11-26T09:30:02.654Z', '2026-11-26T09:30:02.654Z', '2026-11-26T09:30:02.654Z']);
  });

  it("Fluent Bit's default date (key `date`, float seconds) is ignored: the receive time is kept", async () => {
    const before = Date.now();
    const res = await post({ 'content-type': 'application/x-ndjson', 'user-agent': 'Fluent-Bit', 'x-api-key': KEY }, fluentLines('date', '1795685402.654321'));
    expect(res.status).toBe(202);
    const got = await drain(2);
    for (const l of got) expect(Date.parse(l.timestamp)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('reads float epoch seconds (`json_date_format double`) by magnitude', async () => {
    const headers = { 'content-type': 'application/x-ndjson', 'user-agent': 'Fluent-Bit', 'x-api-key': KEY };
    expect((await post(headers, fluentLines('timestamp', '1795685402.654321'))).status).toBe(202);
    const got = await drain(2);
    expect(got.map((l) => l.timestamp)).toEqual([new Date(1795685402654).toISOString(), new Date(1795685402654).toISOString()]);
  });

  it('refuses, naming the field, what Fluent Bit sends without the documented settings', async () => {
    const headers = { 'content-type': 'application/x-ndjson', 'user-agent': 'Fluent-Bit', 'x-api-key': KEY };
    // No `modify` filter: the line is still in `log`.
    const raw = await post(headers, '{"date":1795685402.654321,"log":"GET / 200"}\n');
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 'ingest:validation-failed', details: [expect.objectContaining({ field: '[0].message' })] });
    // Without the key: 401, before the body is read.
    const { 'x-api-key': _key, ...anonymous } = headers;
    expect((await post(anonymous, fluentLines('timestamp', '"2026-11-26T09:30:02.654321Z"'))).status).toBe(401);
    expect(await drain(0)).toEqual([]);
  });

  it('reads application/json as NDJSON only when it is not one JSON value', async () => {
    const headers = { 'content-type': 'application/json', 'x-api-key': KEY };
    // One value over several lines stays one value.
    expect((await post(headers, '{\n  "message": "pretty\\nprinted",\n  "level": "info"\n}\n')).status).toBe(202);
    // Not one value, and the first line is no value either: malformed JSON, as before.
    const broken = await post(headers, '{\n  "message": "x",\n');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe('ingest:malformed-json');
    // Lines of values with a bad one: the NDJSON answer names the line.
    const badLine = await post(headers, '{"message":"a"}\n{oops}\n');
    expect(badLine.status).toBe(400);
    expect(await badLine.json()).toMatchObject({ code: 'ingest:invalid-ndjson', details: { line: 2 } });
    // Prototype poisoning is refused on that path too.
    const poisoned = await post(headers, '{"message":"a"}\n{"message":"b","__proto__":{"x":1}}\n');
    expect(poisoned.status).toBe(400);
    expect(((await poisoned.json()) as { code: string }).code).toBe('ingest:forbidden-key');
    const got = await drain(1);
    expect(got.map((l) => [l.message, l.level])).toEqual([['pretty\nprinted', 'INFO']]);
  });
});
