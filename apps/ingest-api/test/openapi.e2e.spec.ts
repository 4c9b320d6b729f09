// ingest-api's OpenAPI document and Swagger UI over loopback HTTP (real Redis at REDIS_URL, as ingest runs).
import { LOG_LEVELS } from '@logad/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Schema = { type?: string; required?: string[]; enum?: unknown[]; oneOf?: Schema[]; items?: Schema; $ref?: string; properties?: Record<string, Schema> };
type Op = {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
};

describe('ingest-api OpenAPI and /docs (e2e)', () => {
  let app: NestFastifyApplication;
  let base: string;

  async function start(env: Record<string, string> = {}) {
    app = await startIngestApi(
      loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: `test-docs-${randomUUID()}`, LOG_LEVEL: 'silent', ...env }),
    );
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }
  afterEach(() => app.close());

  it('documents POST /api/v1/logs with the CreateLogDto schema, its bodies and every error answer', async () => {
    await start();
    const res = await fetch(`${base}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/logs', '/health', '/ready']));

    const log = doc.components.schemas.CreateLogDto;
    expect(log.type).toBe('object');
    expect(log.required).toEqual(['message']);
    expect(Object.keys(log.properties ?? {}).sort()).toEqual(['attributes', 'id', 'level', 'message', 'source', 'timestamp']);
    expect(log.properties?.message).toMatchObject({ type: 'string', minLength: 1 });
    expect(log.properties?.level).toMatchObject({ type: 'string', enum: [...LOG_LEVELS] });
    expect(log.properties?.timestamp.oneOf?.map((s) => s.type)).toEqual(['string', 'integer']);
    expect(log.properties?.id).toMatchObject({ type: 'string', pattern: '^[A-Za-z0-9._:-]+$' });
    expect(log.properties?.attributes).toMatchObject({ type: 'object' });

    const ingest = doc.paths['/api/v1/logs'].post;
    const ref = { $ref: '#/components/schemas/CreateLogDto' };
    expect(ingest.requestBody?.content['application/json'].schema.oneOf).toEqual([ref, expect.objectContaining({ type: 'array', items: ref })]);
    expect(ingest.requestBody?.content['application/x-ndjson']).toBeDefined();
    expect(ingest.responses['202'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/IngestAccepted' });
    for (const status of ['400', '413', '415', '429', '500', '503']) {
      expect({ status, schema: ingest.responses[status]?.content?.['application/json'].schema }).toEqual({
        status,
        schema: { $ref: '#/components/schemas/ErrorBody' },
      });
    }
    expect(ingest.responses['400'].description).toContain('ingest:validation-failed');
    expect(ingest.responses['429'].description).toContain('ingest:queue-full');
    expect(doc.components.schemas.ErrorBody.required).toEqual(['statusCode', 'error', 'code', 'message']);
    expect(ingest.security).toBeUndefined();
  });

  it('serves Swagger UI whose assets load from the app', async () => {
    await start();
    const html = await (await fetch(`${base}/docs`)).text();
    expect(html).toContain('id="swagger-ui"');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css']));
    for (const a of assets) {
      const r = await fetch(`${base}${a}`);
      expect({ a, status: r.status }).toEqual({ a, status: 200 });
    }
  });

  it('with API_KEYS, /docs stays open while ingestion asks for a key, and the document says so', async () => {
    await start({ API_KEYS: 'k-1' });
    expect((await fetch(`${base}/api/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"x"}' })).status).toBe(401);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    expect((await fetch(`${base}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
    const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as Doc;
    expect(Object.keys(doc.components.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'bearer']);
    const ingest = doc.paths['/api/v1/logs'].post;
    expect(ingest.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(Object.keys(ingest.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(doc.paths['/health'].get.security).toBeUndefined();
  });
});
