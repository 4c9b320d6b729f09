import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiKeyScope } from './api-key-scopes';
import { ApiKeyVerifier } from './api-key-verifier';

/**
 * A route's access rule, in its Fastify route config (`@RouteConfig({ auth: 'ingest' })` on a Nest
 * handler, `{ config: { auth: 'public' } }` on a Fastify route): the scope it needs, or `public`.
 */
export type RouteAuth = ApiKeyScope | 'public';

/** What the auth hook leaves on the request for the handlers after it. */
export interface AuthenticatedRequest {
  /** The key's digest prefix when a key was checked (rate limits are per key), else undefined. */
  logadKeyId?: string;
}

export interface AuthHookOptions {
  /**
   * Route patterns (`routeOptions.url`, e.g. `/dashboard/:file`) that hold no data and need no key,
   * for routes registered where a route config cannot be set.
   * @defaultValue none
   */
  readonly publicRoutes?: readonly string[];
}

/**
 * The API-key check, decided per route before the body is read (an unauthenticated client cannot
 * make us parse megabytes). Each route states its rule in its config; a route that states none
 * needs `read` for GET/HEAD and `admin` otherwise, so that a route added without thought is closed,
 * not open. Requests that match no route get their 404 without a key.
 */
export function installAuthHook(fastify: FastifyInstance, keys: ApiKeyVerifier, opts: AuthHookOptions = {}): void {
  const publicRoutes = new Set(opts.publicRoutes ?? []);
  fastify.addHook('onRequest', async (req) => {
    const rule = routeAuth(req, publicRoutes);
    if (rule === 'public') return;
    (req as FastifyRequest & AuthenticatedRequest).logadKeyId = keys.verify(req.headers, rule);
  });
}

/** The rule of the route a request matched (see {@link installAuthHook}). */
export function routeAuth(req: FastifyRequest, publicRoutes: ReadonlySet<string> = new Set()): RouteAuth {
  const route = req.routeOptions;
  if (route.url === undefined || publicRoutes.has(route.url)) return 'public';
  const declared = (route.config as { auth?: RouteAuth } | undefined)?.auth;
  if (declared !== undefined) return declared;
  return req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'admin';
}
