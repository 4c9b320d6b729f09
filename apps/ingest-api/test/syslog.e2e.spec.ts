// The syslog listener of the real ingest-api over real Redis (REDIS_URL), spoken to over real TCP
// and UDP sockets on loopback: framing, mapping, batching, back-pressure and hostile senders. What
// landed is read back from the queue; what was refused, from /metrics. The real daemons (rsyslog,
// syslog-ng) are driven in tools/e2e/syslog-daemons.e2e.spec.ts.
import { QueuedLog } from '@logad/contracts';
import { IntakeHarness, startIntakeHarness } from './intake-harness';
import { eventually, freeSyslogPort, metricValue, openTcp, sendTcp, sendUdp } from './syslog-clients';

jest.setTimeout(60_000);

const octets = (msg: string) => `${Buffer.byteLength(msg)} ${msg}`;
const bsd = (i: number) => `<11>Dec  7 09:54:30 web-1 checkout[42]: line ${i}`;

describe('syslog listener (e2e)', () => {
  let h: IntakeHarness;
  let port: number;
  const start = async (env: Record<string, string> = {}) => {
    port = await freeSyslogPort();
    h = await startIntakeHarness('syslog', { SYSLOG_PORT: String(port), SYSLOG_FRAME_TIMEOUT_MS: '500', ...env });
  };
  afterEach(async () => {
    await h?.close();
  });
  const messages = (logs: QueuedLog[]) => logs.map((l) => l.message).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

  it('takes octet-counted and LF-framed messages on one connection, split anywhere, and UDP datagrams on the same port', async () => {
    await start();
    const stream = Buffer.from(
      octets('<165>1 2026-12-07T09:54:16.248031+00:00 vm checkout 99 ID7 [meta sequenceId="1"] five-four-two-four') +
        `${bsd(1)}\n` +
        octets(`${bsd(2)}\n`) +
        `${bsd(3)}\r\n`,
    );
    // Cut in three places, one inside a count and one inside a multi-byte character's frame.
    await sendTcp(port, [stream.subarray(0, 1), stream.subarray(1, 40), stream.subarray(40, 120), stream.subarray(120)]);
    await sendUdp(port, ['<14>Dec  7 09:54:30 web-2 api: over udp\n', '<15>1 - web-3 worker - - - udp 5424']);
    const got = await h.drain(6);
    expect(messages(got)).toEqual(['five-four-two-four', 'line 1', 'line 2', 'line 3', 'over udp', 'udp 5424']);
    expect(got.find((l) => l.message === 'five-four-two-four')).toMatchObject({
      source: 'checkout',
      level: 'INFO',
      timestamp: '2026-12-07T09:54:16.248Z',
      attributes: { hostname: 'vm', facility: 'local4', severity: 'notice', procid: '99', msgid: 'ID7', structured_data: { meta: { sequenceId: '1' } } },
    });
    expect(got.find((l) => l.message === 'line 1')).toMatchObject({ source: 'checkout', level: 'ERROR', attributes: { hostname: 'web-1', procid: '42' } });
    expect(got.find((l) => l.message === 'udp 5424')).toMatchObject({ source: 'worker', level: 'DEBUG' });
    expect(await metricValue(h.base, 'logad_syslog_messages_total', { transport: 'tcp' })).toBe(4);
    expect(await metricValue(h.base, 'logad_syslog_messages_total', { transport: 'udp' })).toBe(2);
    expect(await metricValue(h.base, 'logad_logs_accepted_total')).toBe(6);
  });

  it('batches a stream into few queue jobs, not one per line (a flood of tiny frames)', async () => {
    await start();
    const n = 20_000;
    const lines = Array.from({ length: n }, (_, i) => `<14>m${i}\n`).join('');
    await sendTcp(port, [lines]);
    await eventually(async () => (await metricValue(h.base, 'logad_logs_accepted_total')) === n);
    const c = await h.queue.counts();
    expect(c.waiting).toBeGreaterThanOrEqual(n / 500);
    expect(c.waiting).toBeLessThan(n / 100);
    expect(await h.drain(n)).toHaveLength(n);
  });

  it('closes a connection whose count lies or is too large, keeping what came whole before, storing nothing partial', async () => {
    await start();
    // More announced than sent, then the end: the partial frame is dropped.
    await sendTcp(port, [octets('<13>whole before'), '500 <13>partial']);
    // 10 MB announced: closed as soon as the count is read, the 10 MB never buffered.
    const big = await openTcp(port);
    big.socket.write(`${10 * 1024 * 1024} <13>`);
    big.socket.write(Buffer.alloc(1024 * 1024, 0x61));
    await big.closed;
    // A 10 MB line without LF: closed at the limit.
    const line = await openTcp(port);
    line.socket.write('<13>');
    line.socket.write(Buffer.alloc(10 * 1024 * 1024, 0x61));
    await line.closed;
    // A count that is not a number.
    const nan = await openTcp(port);
    nan.socket.write('12a4 <13>x');
    await nan.closed;
    // A count that lies, and the sender keeps the connection open: the frame deadline closes it.
    const hung = await openTcp(port);
    hung.socket.write('100 <13>short');
    await hung.closed;
    // The listener still serves.
    await sendTcp(port, [`${bsd(9)}\n`]);
    expect(messages(await h.drain(2, 500))).toEqual(['line 9', 'whole before']);
    const closed = (reason: string) => metricValue(h.base, 'logad_syslog_connections_closed_total', { reason });
    expect(await closed('syslog:truncated-frame')).toBe(1);
    expect(await closed('syslog:frame-too-large')).toBe(2);
    expect(await closed('syslog:bad-octet-count')).toBe(1);
    expect(await closed('frame-timeout')).toBe(1);
  });

  it('closes a slow sender trickling a frame, and an idle connection', async () => {
    await start({ SYSLOG_IDLE_TIMEOUT_MS: '400' });
    const slow = await openTcp(port);
    const frame = `${bsd(1)}\n`;
    let sent = 0;
    const trickle = setInterval(() => !slow.socket.destroyed && slow.socket.write(frame[sent++ % frame.length]), 100);
    const began = Date.now();
    await slow.closed;
    clearInterval(trickle);
    expect(Date.now() - began).toBeLessThan(3000);
    const idle = await openTcp(port);
    await idle.closed;
    expect(await metricValue(h.base, 'logad_syslog_connections_closed_total', { reason: 'frame-timeout' })).toBe(1);
    expect(await metricValue(h.base, 'logad_syslog_connections_closed_total', { reason: 'idle-timeout' })).toBe(1);
    expect(await h.drain(0)).toEqual([]);
  });

  it('drops binary garbage (TCP and UDP) without a crash, counting it, and stores none of it', async () => {
    await start({ SYSLOG_MAX_MESSAGE_BYTES: '4096' });
    // A fixed pseudo-random stream (an LCG, so that the case is the same on every run).
    let x = 12345;
    const garbage = Buffer.alloc(200_000, 0).map(() => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x >> 16;
    });
    for (let k = 0; k < 5; k++) {
      const c = await openTcp(port);
      c.socket.write(garbage.subarray(k * 40_000, (k + 1) * 40_000));
      c.socket.end();
      await c.closed;
    }
    await sendUdp(port, [garbage.subarray(0, 1000), Buffer.from([0x3c, 0x31, 0x3e]), Buffer.from('no pri'), garbage.subarray(5000, 5000 + 65_000)]);
    await sendTcp(port, ['\n\n<13>a real one\n']);
    expect(messages(await h.drain(1, 500))).toEqual(['a real one']);
    expect(await metricValue(h.base, 'logad_syslog_dropped_total', { transport: 'udp', reason: 'invalid' })).toBe(3);
    expect(await metricValue(h.base, 'logad_syslog_dropped_total', { transport: 'udp', reason: 'too-large' })).toBe(1);
  });

  it('refuses connections past SYSLOG_MAX_CONNECTIONS, counted', async () => {
    await start({ SYSLOG_MAX_CONNECTIONS: '2' });
    const kept = [await openTcp(port), await openTcp(port)];
    const refused = await openTcp(port);
    await refused.closed;
    expect(await metricValue(h.base, 'logad_syslog_connections_closed_total', { reason: 'too-many-connections' })).toBe(1);
    expect(await metricValue(h.base, 'logad_syslog_connections')).toBe(2);
    for (const k of kept) k.socket.write(`${bsd(1)}\n`);
    expect(await h.drain(2)).toHaveLength(2);
    for (const k of kept) k.socket.destroy();
  });

  it('keeps a TCP sender within RATE_LIMIT_PER_KEY (per address) by pausing it, losing nothing', async () => {
    await start({ RATE_LIMIT_PER_KEY: '100' });
    const n = 400;
    const began = Date.now();
    await sendTcp(port, [Array.from({ length: n }, (_, i) => `${bsd(i)}\n`).join('')]);
    const got = await h.drain(n);
    expect(got).toHaveLength(n);
    // A burst of 200, then 100/s: the last batches waited for the bucket.
    expect(Date.now() - began).toBeGreaterThan(1500);
    expect(await metricValue(h.base, 'logad_syslog_dropped_total')).toBe(0);
  });

  it('on back-pressure pauses a TCP sender and retries until all is stored; drops UDP, counted', async () => {
    // One waiting job is the high-water mark, and one is waiting: every batch is refused until the queue is consumed.
    await start({ QUEUE_HIGH_WATER: '1', RECORDS_PER_JOB: '1000' });
    await h.queue.enqueue([{ id: 'filler', timestamp: new Date().toISOString(), receivedAt: Date.now(), source: null, level: null, message: 'filler' }]);
    const n = 3000;
    const tcp = sendTcp(port, [Array.from({ length: n }, (_, i) => `${bsd(i)}\n`).join('')]);
    await eventually(async () => (await metricValue(h.base, 'logad_syslog_messages_total', { transport: 'tcp' })) >= 1000);
    await new Promise((r) => setTimeout(r, 600));
    expect(await metricValue(h.base, 'logad_logs_accepted_total')).toBe(0);
    // UDP meanwhile: its batch is dropped and counted.
    await sendUdp(port, ['<14>Dec  7 09:54:30 web-2 api: dropped']);
    await eventually(async () => (await metricValue(h.base, 'logad_syslog_dropped_total', { transport: 'udp', reason: 'backpressure' })) === 1);
    // The queue is consumed: the paused sender's batches go through on retry, none lost.
    const got = await h.drain(n + 1);
    await tcp;
    expect(got).toHaveLength(n + 1);
    expect(new Set(got.map((l) => l.message)).size).toBe(n + 1);
    expect(await metricValue(h.base, 'logad_syslog_dropped_total', { transport: 'tcp' })).toBe(0);
  });
});
