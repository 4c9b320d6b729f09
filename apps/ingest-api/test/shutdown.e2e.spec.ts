// ingest-api's close over real sockets on loopback: a client's spare pooled connection (connected,
// nothing sent) or a sender stopped mid-headers, on the main port and the OTLP port, does not hold
// the shutdown; Node's own close waits for both (stops 17 and 18 failed on it).
import { randomUUID } from 'node:crypto';
import { Socket, connect } from 'node:net';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';
import { freePort } from './intake-harness';

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

describe('ingest-api shutdown (e2e)', () => {
  it('closes at once with silent and half-sent connections open on both ports, after answering the request in flight', async () => {
    const otlpPort = await freePort();
    const app = await startIngestApi(
      loadIngestConfig({ INGEST_PORT: '0', OTLP_PORT: String(otlpPort), QUEUE_DRIVER: 'memory', QUEUE_NAME: `test-${randomUUID()}`, LOG_LEVEL: 'silent' }),
    );
    const port = Number(new URL(await app.getUrl()).port);
    const sockets = [await open(port), await open(port), await open(otlpPort), await open(otlpPort)];
    sockets[1].write('POST /api/v1/logs HTTP/1.1\r\nHost: a\r\n');
    sockets[3].write('POST /v1/logs HTTP/1.1\r\nHost: a\r\n');
    // A request whose body is still on its way when the close starts: answered, then its connection closed.
    const inFlight = await open(port);
    let answer = '';
    inFlight.on('data', (b) => (answer += b.toString()));
    const body = '{"message":"sent during shutdown"}';
    inFlight.write(`POST /api/v1/logs HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 100));

    const started = Date.now();
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 100));
    inFlight.write(body.slice(10));
    await Promise.all([closing, ...sockets.map(closed), closed(inFlight)]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 202 /);
  });
});
