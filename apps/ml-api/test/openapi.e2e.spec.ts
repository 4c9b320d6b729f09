// ml-api's OpenAPI document and Swagger UI, served by the app itself over loopback HTTP.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMlApi } from '../src/bootstrap';
import { loadMlApiConfig } from '../src/config/ml-api.config';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, unknown>; security?: unknown[] }>
  >;
  components: {
    schemas: Record<string, { type?: string; required?: string[]; properties?: Record<string, Record<string, unknown>> }>;
    securitySchemes?: Record<string, unknown>;
  };
};

describe('ml-api OpenAPI and /docs (e2e)', () => {
  let dir: string;
  let app: NestFastifyApplication;
  let base: string;

  async function start(env: Record<string, string> = {}) {
    app = await startMlApi(loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: dir, MODEL_RELOAD_MS: '0', LOG_LEVEL: 'silent', ...env }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-ml-docs-'));
  });
  afterEach(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves an OpenAPI 3 document of its routes, with request bodies referencing the contract schemas', async () => {
    await start();
    const res = await fetch(`${base}/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(Object.keys(doc.paths).sort()).toEqual(expect.arrayContaining(['/predict', '/predict/batch', '/predict/sessions', '/model', '/health', '/ready']));
    const predict = doc.paths['/predict'].post;
    expect(predict.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PredictDto' });
    expect(doc.paths['/predict/batch'].post.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PredictBatchDto' });
    expect(doc.paths['/predict/sessions'].post.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PredictSessionsDto' });

    const s = doc.components.schemas;
    expect(s.PredictDto).toMatchObject({ type: 'object', required: ['message'], properties: { message: { type: 'string', minLength: 1 } } });
    expect(s.PredictBatchDto.required).toEqual(['messages']);
    expect(s.PredictBatchDto.properties?.messages).toMatchObject({ type: 'array', maxItems: 10000, minItems: 1, items: { type: 'string' } });
    // Nested DTOs are followed: the sessions' items are described too.
    expect(s.PredictSessionsDto.properties?.sessions).toMatchObject({ type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/SessionInputDto' } });
    expect(s.SessionInputDto.required).toEqual(['key', 'messages']);

    // Every 4xx/5xx answer is documented with the one error body.
    expect(s.ErrorBody).toMatchObject({ required: ['statusCode', 'error', 'code', 'message'] });
    const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
    expect(predict.responses['400']).toMatchObject(errorRef);
    expect(predict.responses['503']).toMatchObject({ ...errorRef, description: expect.stringContaining('ml:model-not-loaded') });
    expect(doc.paths['/predict/sessions'].post.responses['409']).toMatchObject(errorRef);
    expect(predict.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Prediction' } } } });
    // Without ML_API_TOKEN nothing is secured.
    expect(predict.security).toBeUndefined();
  });

  it('serves Swagger UI whose script and style load from the app itself', async () => {
    await start();
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThanOrEqual(1);
    for (const a of assets) {
      expect(a.startsWith('/docs/')).toBe(true); // same origin: no CDN
      const r = await fetch(`${base}${a}`);
      expect({ a, status: r.status }).toEqual({ a, status: 200 });
      const type = r.headers.get('content-type') ?? '';
      if (a.endsWith('.js')) expect(type).toContain('javascript');
      if (a.endsWith('.css')) expect(type).toContain('text/css');
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const init = await (await fetch(`${base}/docs/assets/swagger-initializer.js`)).text();
    expect(init).toContain("url: '/docs/openapi.json'");
    expect((await fetch(`${base}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/docs/assets/index.js`)).status).toBe(404);
  });

  it('with ML_API_TOKEN, documents the bearer token on scoring routes and leaves /docs open', async () => {
    await start({ ML_API_TOKEN: 'internal-secret' });
    expect((await fetch(`${base}/model`)).status).toBe(401);
    const res = await fetch(`${base}/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.components.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/predict'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/predict'].post.responses['401']).toBeDefined();
    expect(doc.paths['/health'].get.security).toBeUndefined();
  });
});
