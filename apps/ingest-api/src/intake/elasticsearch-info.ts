import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseJsonBody } from '../body/parse-json-body';
import { parseNdjson } from '../body/parse-ndjson';
import { wantsText } from '../body/register-body-parsers';
import { InvalidUtf8Problem } from '../body/body.problems';
import { isUtf8 } from 'node:buffer';

/**
 * The Elasticsearch version logad answers as. Clients check `version.number` (the 8.x and 9.x
 * clients refuse a major below 8) and the `X-Elastic-Product: Elasticsearch` header.
 */
export const ES_VERSION = '8.17.0';

/** `GET /` as Elasticsearch answers it, for clients that probe before writing. */
export function elasticsearchInfo(): unknown {
  return {
    name: 'logad',
    cluster_name: 'logad',
    cluster_uuid: 'logad-ingest',
    version: {
      number: ES_VERSION,
      build_flavor: 'default',
      build_type: 'docker',
      build_hash: 'logad',
      build_date: '2024-12-11T12:08:05.663969764Z',
      build_snapshot: false,
      lucene_version: '9.12.0',
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}

/**
 * Whether a `GET /` comes from an Elasticsearch client (which asks for JSON: the vendor type or
 * `application/json`) rather than a browser or curl (`text/html`, `*\/*`: the dashboard's redirect).
 */
export const wantsJson = (req: FastifyRequest): boolean => /json/i.test(String(req.headers.accept ?? ''));

/**
 * What makes Elasticsearch clients talk to ingest-api: the product header on every answer of an
 * Elasticsearch route (errors included), `GET /`/`HEAD /` for non-browser callers (see
 * {@link rootForElasticsearch}), and the vendor content types of the 8.x/9.x clients.
 */
export function registerElasticsearchCompat(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (req, reply) => {
    const config = req.routeOptions?.config as { errorFormat?: string } | undefined;
    if (config?.errorFormat === 'elasticsearch' || (req.routeOptions?.url === '/' && wantsJson(req))) reply.header('x-elastic-product', 'Elasticsearch');
  });
  const decode = (body: Buffer): string => {
    if (!isUtf8(body)) throw new InvalidUtf8Problem();
    return body.toString('utf8');
  };
  fastify.addContentTypeParser(['application/vnd.elasticsearch+json', 'application/vnd.elasticsearch+x-ndjson'], { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const text = decode(body as Buffer);
      if (wantsText(req.routeOptions?.config)) return done(null, text);
      done(null, /x-ndjson/i.test(String(req.headers['content-type'])) ? parseNdjson(text) : parseJsonBody(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

/** `GET /` for a caller that asks for JSON: Elasticsearch's info, so that its clients connect. */
export function rootForElasticsearch(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.type('application/json').send(elasticsearchInfo());
}
