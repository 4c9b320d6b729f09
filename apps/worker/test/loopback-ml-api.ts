// A stand-in for ml-api on loopback HTTP for the worker's client tests: it reads each request's JSON
// body and answers what the test's handler says. Real sockets, so keep-alive and framing are exercised.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackMlApi {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 that calls `answer` with each request's parsed body. */
export async function startLoopbackMlApi(answer: (body: unknown, res: ServerResponse) => void): Promise<LoopbackMlApi> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => answer(JSON.parse(text) as unknown, res));
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
