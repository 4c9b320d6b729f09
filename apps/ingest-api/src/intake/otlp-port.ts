import { HttpTimeouts, closeQuietConnections, httpServerTimeouts } from '@logad/server';
import type { FastifyInstance } from 'fastify';
import { RequestListener, Server, createServer } from 'node:http';
import { OTLP_LOGS_PATH } from './otlp-answer';

/**
 * The OTLP port (4318 by default): a second listener handing its requests to the same Fastify app
 * (same hooks, auth, limits and intake), serving only `/v1/logs` so that the query API and the
 * dashboard stay on the main port. Call before the app listens (it adds a close hook); `listen`
 * after. Slow senders meet the main port's time limits here too.
 */
export function otlpPort(fastify: FastifyInstance, timeouts: HttpTimeouts): { listen(port: number, host: string): Promise<Server> } {
  const handler = fastify.server.listeners('request')[0] as RequestListener;
  const server = createServer(httpServerTimeouts(timeouts), (req, res) => {
    if ((req.url ?? '').split('?')[0] === OTLP_LOGS_PATH) return handler(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 5, message: `only POST ${OTLP_LOGS_PATH} is served on the OTLP port` }));
  });
  const quiet = closeQuietConnections(server);
  fastify.addHook('onClose', async () => {
    if (!server.listening) return;
    quiet.begin();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    listen: (port, host) =>
      new Promise<Server>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
      }),
  };
}
