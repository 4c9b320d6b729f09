import { OpenApiSpec, serveOpenApi } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

const LOG = { $ref: '#/components/schemas/CreateLogDto' };

/**
 * What ingest-api's OpenAPI document says beyond its controllers: the bodies these parsers take
 * (one log, an array, NDJSON; gzip/deflate) and the answers of `POST /api/v1/logs`.
 */
export function ingestOpenApi(secured: boolean): OpenApiSpec {
  return {
    title: 'logad ingest-api',
    description:
      'Send log lines to logad. A request is all or nothing: every log is valid and all are queued (202), or none is. ' +
      'Shippers should retry 429, 503 (both carry Retry-After), 408 and other 5xx, and not retry other 4xx. ' +
      'See docs/api.md and docs/shipping.md (Vector, Fluent Bit).',
    auth: secured ? 'api-key' : undefined,
    securedPrefix: '/api/',
    schemas: {
      IngestAccepted: {
        type: 'object',
        required: ['accepted', 'ids'],
        properties: {
          accepted: { type: 'integer', description: 'logs queued' },
          ids: { type: 'array', items: { type: 'string' }, description: 'their ids, in request order (yours when you sent `id`)' },
        },
      },
    },
    routes: {
      'POST /api/v1/logs': {
        summary: 'Queue logs for scoring',
        requestBody: {
          required: true,
          description:
            'One log, a JSON array of logs, or NDJSON (one log per line). Also read as NDJSON: an `application/json` body of several ' +
            'newline-separated values (Fluent Bit `json_lines` in releases before fluent/fluent-bit#8715). `Content-Encoding: gzip` or `deflate` is decoded; ' +
            'MAX_BODY_BYTES applies to the decoded size. Fields other than these are ignored.',
          content: {
            'application/json': { schema: { oneOf: [LOG, { type: 'array', items: LOG, minItems: 1, description: 'at most MAX_BATCH_SIZE (10000) logs' }] } },
            'application/x-ndjson': { schema: { type: 'string', description: 'one JSON log object per line; blank lines are skipped' } },
          },
        },
        responses: {
          '202': { description: 'every log is in the queue', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestAccepted' } } } },
          '400':
            'a field breaks a rule (`ingest:validation-failed`, `details` names each, e.g. `[3].level`) or the body cannot be read ' +
            '(`ingest:malformed-json`, `ingest:invalid-ndjson`, `ingest:invalid-utf8`, `ingest:forbidden-key`, `ingest:bad-compression`); nothing was accepted',
          '415': 'another content type (`http:unsupported-media-type`) or encoding (`ingest:unsupported-encoding`)',
          '429': 'the key sent more than RATE_LIMIT_PER_KEY logs/s over every replica (`auth:rate-limited`) or the queue is full (`ingest:queue-full`); retry after Retry-After',
          '503':
            'Redis does not answer (`queue:unavailable`, or `auth:rate-limit-unavailable` for the shared rate limit): nothing was accepted; retry after Retry-After',
        },
      },
      'GET /health': { summary: 'Liveness, and whether the queue answers' },
      'GET /ready': { summary: 'Readiness: 200 when Redis answers', responses: { '503': 'the queue does not answer' } },
    },
  };
}

/** `GET /docs` (Swagger UI) and `GET /docs/openapi.json`, outside `/api/`: open even with API_KEYS (they hold no data). */
export function registerIngestOpenApi(app: NestFastifyApplication, apiKeys: readonly unknown[], revokedApiKeys: readonly string[] = []): void {
  serveOpenApi(app, ingestOpenApi(apiKeys.length > 0 || revokedApiKeys.length > 0));
}
