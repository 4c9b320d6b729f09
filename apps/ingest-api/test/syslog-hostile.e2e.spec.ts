// Hostile syslog senders against the real listener of the real ingest-api (real Redis at REDIS_URL,
// real TCP and UDP sockets on loopback): lying counts, oversized frames, invalid UTF-8, slow
// senders, a crowd of connections, oversized and garbage datagrams. After each, the process still
// answers /health and takes a good frame; nothing partial is stored; what was refused is counted.
import { QueuedLog } from '@logad/contracts';
import { IntakeHarness, startIntakeHarness } from './intake-harness';
import { eventually, freeSyslogPort, metricValue, openTcp, sendTcp, sendUdp } from './syslog-clients';

jest.setTimeout(60_000);

const LIMIT = 4096;
const FRAME_TIMEOUT_MS = 500;
const octets = (msg: string) => `${Buffer.byteLength(msg)} ${msg}`;

describe('syslog listener: hostile senders (e2e)', () => {
  let h: IntakeHarness;
  let port: number;
  beforeEach(async () => {
    port = await freeSyslogPort();
    h = await startIntakeHarness('syslog-hostile', {
      SYSLOG_PORT: String(port),
      SYSLOG_MAX_MESSAGE_BYTES: String(LIMIT),
      SYSLOG_FRAME_TIMEOUT_MS: String(FRAME_TIMEOUT_MS),
      SYSLOG_MAX_CONNECTIONS: '20',
    });
  });
  afterEach(() => h.close());

  const refused = (reason: string) => metricValue(h.base, 'logad_ingest_refused_records_total', { format: 'syslog', reason });
  const messages = (logs: QueuedLog[]) => logs.map((l) => l.message).sort();

  /** /health answers and a good frame is taken; then exactly `stored` (and that frame) are in the queue. */
  async function expectStillServing(stored: string[]): Promise<void> {
    expect((await fetch(`${h.base}/health`)).status).toBe(200);
    await sendTcp(port, ['<13>good after\n']);
    expect(messages(await h.drain(stored.length + 1, 400))).toEqual([...stored, 'good after'].sort());
  }

  it('a count longer than the data, then the end: the partial frame is dropped, what came whole kept', async () => {
    await sendTcp(port, [octets('<13>whole before'), '500 <13>partial, never complete']);
    await eventually(async () => (await refused('truncated_frame')) === 1);
    await expectStillServing(['whole before']);
  });

  it('a count that lies on a connection kept open: closed at the frame deadline, nothing partial stored', async () => {
    const c = await openTcp(port);
    c.socket.write(`${octets('<13>whole before')}100 <13>short`);
    const began = Date.now();
    await c.closed;
    expect(Date.now() - began).toBeLessThan(FRAME_TIMEOUT_MS + 1500);
    expect(await refused('frame_timeout')).toBe(1);
    await expectStillServing(['whole before']);
  });

  it('a count beyond the frame limit: closed as soon as the count is read, the body never buffered', async () => {
    const c = await openTcp(port);
    c.socket.write(`${10 * 1024 * 1024} <13>`);
    c.socket.write(Buffer.alloc(1024 * 1024, 0x61));
    await c.closed;
    expect(await refused('frame_too_large')).toBe(1);
    await expectStillServing([]);
  });

  it('a count that is not digits, and a count of 0: closed', async () => {
    for (const bad of ['12a4 <13>x', '0 <13>x', '-5 <13>x']) {
      const c = await openTcp(port);
      c.socket.write(bad);
      await c.closed;
    }
    // '-5' is no count: it is an LF-framed line, not syslog ('-' is no PRI); it waits for its LF and times out.
    expect(await refused('bad_octet_count')).toBe(2);
    await expectStillServing([]);
  });

  it('an LF-framed frame above the limit, with and without its LF: closed at the limit', async () => {
    for (const tail of ['', '\n']) {
      const c = await openTcp(port);
      c.socket.write(`<13>fine\n<13>${'a'.repeat(LIMIT + 10)}${tail}`);
      await c.closed;
    }
    expect(await refused('frame_too_large')).toBe(2);
    await expectStillServing(['fine', 'fine']);
  });

  it('invalid UTF-8: the bytes become U+FFFD in that record only, nothing else changes', async () => {
    const bad = Buffer.concat([Buffer.from('<13>bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes\n')]);
    await sendTcp(port, [bad, Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xc0, 0x80, 0x0a])]);
    await sendUdp(port, [Buffer.concat([Buffer.from('<14>udp '), Buffer.from([0xed, 0xa0, 0x80])])]);
    await expect(eventually(async () => (await metricValue(h.base, 'logad_logs_accepted_total')) === 3)).resolves.toBeUndefined();
    const got = messages(await h.drain(3, 300));
    expect(got).toEqual(['bad \ufffd\ufffd\ufffd bytes', 'udp \ufffd\ufffd\ufffd', '\ufffd\ufffd'].sort());
    await sendTcp(port, ['<13>good after\n']);
    await eventually(async () => (await metricValue(h.base, 'logad_logs_accepted_total')) === 4);
    expect((await fetch(`${h.base}/health`)).status).toBe(200);
  });

  it('a slow sender trickling a frame byte by byte (each byte resets the idle timer): closed at the frame deadline, nothing stored', async () => {
    const c = await openTcp(port);
    const frame = '<13>Dec  7 09:54:30 web-1 slow: trickled one byte at a time\n';
    let sent = 0;
    const trickle = setInterval(() => !c.socket.destroyed && sent < frame.length - 1 && c.socket.write(frame[sent++]), 50);
    const began = Date.now();
    await c.closed;
    clearInterval(trickle);
    expect(Date.now() - began).toBeLessThan(FRAME_TIMEOUT_MS + 1500);
    expect(await refused('frame_timeout')).toBe(1);
    await expectStillServing([]);
  });

  it('as many connections as SYSLOG_MAX_CONNECTIONS at once each deliver; one more is refused; room again once they close', async () => {
    const conns = await Promise.all(Array.from({ length: 20 }, () => openTcp(port)));
    await eventually(async () => (await metricValue(h.base, 'logad_syslog_connections')) === 20);
    const extra = await openTcp(port);
    await extra.closed;
    expect(await metricValue(h.base, 'logad_syslog_connections_closed_total', { reason: 'too-many-connections' })).toBe(1);
    await Promise.all(conns.map((c, i) => new Promise<void>((r) => c.socket.end(`<13>conn ${String(i).padStart(2, '0')}\n`, () => r()))));
    await Promise.all(conns.map((c) => c.closed));
    await eventually(async () => (await metricValue(h.base, 'logad_syslog_connections')) === 0);
    await expectStillServing(Array.from({ length: 20 }, (_, i) => `conn ${String(i).padStart(2, '0')}`));
  });

  it('a datagram above the limit and garbage datagrams: dropped and counted, the next one taken', async () => {
    let x = 7;
    const garbage = Buffer.alloc(3000).map(() => (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16);
    await sendUdp(port, [Buffer.alloc(LIMIT + 1, 0x61), garbage, Buffer.from('no pri'), Buffer.from('<999>x'), Buffer.from('<13>')]);
    await eventually(async () => (await refused('frame_too_large')) === 1);
    await eventually(async () => (await refused('undecodable')) + (await refused('invalid_message')) === 4);
    await sendUdp(port, ['<13>udp good']);
    await expectStillServing(['udp good']);
  });
});
