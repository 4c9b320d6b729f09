import { toErrorAnswer } from '@logad/server';
import { NotFoundException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DashboardAsset, loadDashboardAssets } from './dashboard-assets';

/**
 * Same-origin only: no inline script or style, no third-party anything (the page loads nothing
 * from outside the app), and no framing (clickjacking of the Mute buttons).
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Serves the dashboard: `GET /` and `GET /dashboard` redirect to `/dashboard/`, which is
 * `index.html`; `GET /dashboard/<file>` the other files. Outside `/api/`, so the page loads
 * without an API key and then asks for one when the query API answers 401.
 */
export function registerDashboard(
  fastify: FastifyInstance,
  assets: ReadonlyMap<string, DashboardAsset> = loadDashboardAssets(),
  /** Answers `GET /` for callers that ask for JSON (Elasticsearch clients probing the server). */
  rootForApis?: (req: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  const send = (req: FastifyRequest, reply: FastifyReply, name: string) => {
    const asset = assets.get(name);
    if (!asset) {
      const a = toErrorAnswer(new NotFoundException(`no dashboard file ${name}`));
      return reply.code(a.statusCode).type('application/json').send(a.body);
    }
    // Revalidated on every load (a new version shows at once), answered 304 when unchanged.
    void reply.headers(SECURITY_HEADERS).header('cache-control', 'no-cache').header('etag', asset.etag);
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  };
  fastify.get('/', (req, reply) =>
    rootForApis && /json/i.test(String(req.headers.accept ?? '')) ? rootForApis(req, reply) : reply.redirect('/dashboard/', 302),
  );
  fastify.get('/dashboard', (_req, reply) => reply.redirect('/dashboard/', 302));
  fastify.get('/dashboard/', (req, reply) => send(req, reply, 'index.html'));
  fastify.get<{ Params: { file: string } }>('/dashboard/:file', (req, reply) => send(req, reply, req.params.file));
}
