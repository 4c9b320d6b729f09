import { LogQueue } from '@logad/queue';
import { checkReadiness, closeQuietConnectionsOnClose } from '@logad/server';
import Fastify, { FastifyInstance } from 'fastify';
import { WorkerMetrics } from './worker.metrics';

/**
 * The worker's own small HTTP server: `/health`, `/ready` (Redis answers), `/metrics`. Several
 * workers on one host would fight over one port: when it is taken, this one takes a free port
 * (and says which) rather than refuse to process logs over a metrics endpoint.
 */
export async function startWorkerHttp(
  host: string,
  port: number,
  queue: LogQueue,
  metrics: WorkerMetrics,
  onPortTaken: (port: number) => void,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  // A scraper's spare connection must not hold the worker's shutdown.
  closeQuietConnectionsOnClose(app);
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    const r = await checkReadiness({ queue: async () => (await queue.ping(), { status: 'up' }) });
    void reply.code(r.status === 'ok' ? 200 : 503);
    return r;
  });
  app.get('/metrics', async (_req, reply) => {
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  try {
    await app.listen({ host, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    onPortTaken(port);
    await app.listen({ host, port: 0 });
  }
  return app;
}
