// A stand-in for ml-api on loopback HTTP for the worker's client tests: it reads each request's body
// (JSON or MessagePack, as its Content-Type says) and answers what the test's handler says. Real
// sockets, so keep-alive and framing are exercised.
import { MSGPACK_TYPE, unpackMsgpack } from '@logad/server';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackMlApi {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 that calls `answer` with each request's parsed body. */
export async function startLoopbackMlApi(answer: (body: unknown, res: ServerResponse, req: IncomingMessage) => void): Promise<LoopbackMlApi> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      answer((req.headers['content-type'] ?? '').startsWith(MSGPACK_TYPE) ? unpackMsgpack(bytes) : (JSON.parse(bytes.toString()) as unknown), res, req);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // closeAllConnections: a client's spare pooled socket would hold close() (Node waits for it).
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}

/** A 200 with a JSON body. */
export function answerJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
