// What the syslog suites share: a port free for both TCP and UDP, raw senders, and reading /metrics.
import { createSocket } from 'node:dgram';
import { AddressInfo, Socket, createServer, connect } from 'node:net';

/** A port that both TCP and UDP can bind on 127.0.0.1 now (the listener takes one number for both). */
export async function freeSyslogPort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const udp = createSocket('udp4');
    const ok = await new Promise<boolean>((r) => {
      udp.once('error', () => r(false));
      udp.bind(port, '127.0.0.1', () => r(true));
    });
    udp.close();
    await new Promise<void>((r) => server.close(() => r()));
    if (ok) return port;
  }
}

/** A TCP connection to the listener, with a promise for when the listener closes it. */
export async function openTcp(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // a reset from the listener is what some tests expect
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  return { socket, closed };
}

/** Writes each chunk (waiting for each to be flushed), then ends the connection and waits for it to close. */
export async function sendTcp(port: number, chunks: Array<string | Buffer>): Promise<void> {
  const { socket, closed } = await openTcp(port);
  for (const c of chunks) await new Promise<void>((r) => socket.write(c, () => r()));
  socket.end();
  await closed;
}

/** One datagram per message. */
export async function sendUdp(port: number, messages: Array<string | Buffer>): Promise<void> {
  const udp = createSocket('udp4');
  for (const m of messages) await new Promise<void>((r, j) => udp.send(m, port, '127.0.0.1', (err) => (err ? j(err) : r())));
  udp.close();
}

/** The value of a counter or gauge in `GET /metrics` with these labels (summed over the others; 0 when absent). */
export async function metricValue(base: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => have.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

/** Polls `check` until it holds or `ms` passed. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
