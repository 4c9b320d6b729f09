import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  readonly status: number;
  /** The answer's `Content-Type`, '' when it has none. */
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * One request and its whole answer over kept-alive connections, within `timeoutMs` from start to
 * the last byte of the body. The worker calls ml-api once per batch: `fetch` spends about a third
 * of a millisecond per call on its Request, Headers and web streams, node:http a fraction of that.
 */
export class HttpExchange {
  private readonly agent: HttpAgent;
  private readonly https: boolean;

  constructor(baseUrl: string) {
    this.https = new URL(baseUrl).protocol === 'https:';
    this.agent = this.https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  send(url: URL, method: 'GET' | 'POST', headers: Record<string, string>, payload: Buffer | undefined, timeoutMs: number): Promise<HttpAnswer> {
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = (this.https ? httpsRequest : httpRequest)(
        url,
        { method, agent: this.agent, headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            const contentType = res.headers['content-type'] ?? '';
            resolve({ status: res.statusCode ?? 0, contentType, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
          });
          res.on('error', fail);
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`no whole answer within ${timeoutMs} ms`)), timeoutMs);
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(payload);
    });
  }

  /** Closes the idle kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
