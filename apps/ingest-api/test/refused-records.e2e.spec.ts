// logad_ingest_refused_records_total{format,reason} read from the real ingest-api's /metrics (real
// Redis at REDIS_URL, real HTTP, TCP and UDP on loopback): every format counts what it refuses.
import { IntakeHarness, startIntakeHarness } from './intake-harness';
import { freeSyslogPort, metricValue, openTcp, sendUdp } from './syslog-clients';

jest.setTimeout(60_000);

describe('refused records counter (e2e)', () => {
  let h: IntakeHarness;
  let syslogPort: number;
  beforeAll(async () => {
    syslogPort = await freeSyslogPort();
    h = await startIntakeHarness('refused', { SYSLOG_PORT: String(syslogPort), SYSLOG_MAX_MESSAGE_BYTES: '4096' });
  });
  afterAll(() => h.close());

  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  const refused = (format: string, reason: string) => metricValue(h.base, 'logad_ingest_refused_records_total', { format, reason });
  const long = 'x'.repeat(70 * 1024);

  it('logad JSON: each bad record of a refused batch by its reason; an unreadable body once', async () => {
    const res = await post(
      '/api/v1/logs',
      JSON.stringify([{ message: 'ok' }, { message: 'a', level: 'NOPE' }, { message: long }, { message: 'b', timestamp: 'soon' }]),
    );
    expect(res.status).toBe(400);
    expect((await post('/api/v1/logs', '{"message":')).status).toBe(400);
    expect(await refused('logad', 'invalid_level')).toBe(1);
    expect(await refused('logad', 'message_too_long')).toBe(1);
    expect(await refused('logad', 'invalid_timestamp')).toBe(1);
    expect(await refused('logad', 'undecodable')).toBe(1);
  });

  it('OTLP: the records partial_success counts, by reason; a body that does not decode once', async () => {
    const rec = (body?: string) => (body === undefined ? {} : { body: { stringValue: body } });
    const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [rec('ok'), rec(), rec(long), { ...rec('t'), traceId: 'zz' }] }] }] });
    const res = await post('/v1/logs', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ partialSuccess: { rejectedLogRecords: '3' } });
    expect((await post('/v1/logs', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]) as never, 'application/x-protobuf')).status).toBe(400);
    expect(await refused('otlp', 'invalid_message')).toBe(1);
    expect(await refused('otlp', 'message_too_long')).toBe(1);
    expect(await refused('otlp', 'invalid_id')).toBe(1);
    expect(await refused('otlp', 'undecodable')).toBe(1);
  });

  it('Loki: the entries its 400 names; Elasticsearch: the items that failed', async () => {
    const ns = `${Date.now()}000000`;
    const loki = await post(
      '/loki/api/v1/push',
      JSON.stringify({
        streams: [
          {
            stream: { job: 'j' },
            values: [
              [ns, 'ok'],
              [ns, long],
              [ns, ''],
            ],
          },
        ],
      }),
    );
    expect(loki.status).toBe(400);
    expect(await refused('loki', 'message_too_long')).toBe(1);
    expect(await refused('loki', 'invalid_message')).toBe(1);
    const bulk = ['{"index":{"_index":"a"}}', '{"message":"ok"}', '{"delete":{"_index":"a","_id":"1"}}', '{"index":{"_index":"a"}}', '{not json', ''].join(
      '\n',
    );
    const es = await post('/_bulk', bulk, 'application/x-ndjson');
    expect(es.status).toBe(200);
    expect(await es.json()).toMatchObject({ errors: true });
    expect(await refused('elasticsearch', 'unsupported_action')).toBe(1);
    expect(await refused('elasticsearch', 'undecodable')).toBe(1);
  });

  it('syslog: a datagram that is not syslog, one over the limit, and a frame whose count is broken', async () => {
    await sendUdp(syslogPort, ['no pri here', Buffer.alloc(5000, 0x61)]);
    const c = await openTcp(syslogPort);
    c.socket.write('12a4 <13>x');
    await c.closed;
    await new Promise((r) => setTimeout(r, 200));
    expect(await refused('syslog', 'undecodable')).toBe(1);
    expect(await refused('syslog', 'frame_too_large')).toBe(1);
    expect(await refused('syslog', 'bad_octet_count')).toBe(1);
  });

  it('does not count refusals that are no verdict on the content, nor good records', async () => {
    expect((await post('/api/v1/logs', JSON.stringify({ message: 'fine' }))).status).toBe(202);
    expect(await refused('logad', 'invalid_record')).toBe(0);
    expect(await metricValue(h.base, 'logad_ingest_refused_records_total', { format: 'logad' })).toBe(4);
  });
});
