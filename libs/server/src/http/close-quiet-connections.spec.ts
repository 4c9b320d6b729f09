// A real HTTP server on loopback and real client sockets: close() waits for an answer in progress,
// and for nothing else.
import { createServer, Server } from 'node:http';
import { AddressInfo, Socket, connect } from 'node:net';
import { closeQuietConnections } from './close-quiet-connections';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

describe('closeQuietConnections', () => {
  it('closes a connection that never sent a request, and one stopped mid-headers, which Node alone would wait for', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const quiet = closeQuietConnections(server);
    const port = await listen(server);
    const silent = await open(port);
    const partial = await open(port);
    partial.write('POST /x HTTP/1.1\r\nHost: a\r\n');
    await new Promise((r) => setTimeout(r, 50));

    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    quiet.begin();
    await Promise.all([closed(silent), closed(partial), done]);
  });

  it('lets an answer in progress finish, then closes its kept-alive connection', async () => {
    let answer!: () => void;
    const server = createServer((_req, res) => {
      answer = () => res.end('done');
    });
    const quiet = closeQuietConnections(server);
    const port = await listen(server);
    const client = await open(port);
    let got = '';
    client.on('data', (b) => (got += b.toString()));
    client.write('GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n');
    while (!answer) await new Promise((r) => setTimeout(r, 5));

    let serverClosed = false;
    const done = new Promise<void>((resolve) => server.close(() => resolve((serverClosed = true) && undefined)));
    quiet.begin();
    await new Promise((r) => setTimeout(r, 50));
    expect(client.destroyed).toBe(false);
    expect(serverClosed).toBe(false);
    answer();
    await Promise.all([closed(client), done]);
    expect(got).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\ndone$/);
  });

  it('refuses nothing before begin(): connections stay open across requests', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    closeQuietConnections(server);
    const port = await listen(server);
    const client = await open(port);
    let got = '';
    client.on('data', (b) => (got += b.toString()));
    for (let i = 0; i < 2; i++) client.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    while ((got.match(/\r\n\r\nok/g) ?? []).length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(client.destroyed).toBe(false);
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
