// HTTP bench target (child process): the floor of what any route can do on this machine —
// Fastify parses the JSON body, the handler counts the items and answers 202.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.post('/api/v1/logs', async (req, reply) => {
  const n = Array.isArray(req.body) ? req.body.length : 1;
  void reply.code(202);
  return { accepted: n };
});
app
  .listen({ port: 0, host: '127.0.0.1' })
  .then(() => process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`))
  .catch((err: Error) => {
    process.stderr.write(`bare-fastify target failed: ${err.message}\n`);
    process.exit(1);
  });
