// Access control of ingest-api and ml-api over loopback, with a real Redis (REDIS_URL) behind ingest.
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';
import { servedRoutes } from './served-routes';
import { startMlApi } from '../../ml-api/src/bootstrap';
import { loadMlApiConfig } from '../../ml-api/src/config/ml-api.config';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'ingest-key-0123456789';

describe('access control (e2e)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let queueName: string;

  beforeAll(async () => {
    queueName = `test-${randomUUID()}`;
    app = await startIngestApi(
      loadIngestConfig({
        INGEST_PORT: '0',
        REDIS_URL: redisUrl,
        QUEUE_NAME: queueName,
        LOG_LEVEL: 'silent',
        API_KEYS: `${KEY},other-key`,
        REVOKED_API_KEYS: 'old-key',
        RATE_LIMIT_PER_KEY: '50',
      }),
    );
    url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/logs`;
  });
  afterAll(async () => {
    await app.close();
    const q = new BullMqLogQueue({ name: queueName, redisUrl });
    await q.obliterate();
    await q.close();
  });

  const post = (headers: Record<string, string>, n = 1) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(Array.from({ length: n }, (_, i) => ({ message: `m${i}` }))),
    });

  it('answers 401 with no key and with an unknown key, saying how to send one', async () => {
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as { message: string }).message).toContain('Authorization: Bearer');
    expect((await post({ authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('answers 403 for a revoked key', async () => {
    const res = await post({ 'x-api-key': 'old-key' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('auth:revoked-key');
  });

  it('accepts a configured key by Bearer or X-API-Key, and keeps /health open', async () => {
    expect((await post({ authorization: `Bearer ${KEY}` })).status).toBe(202);
    expect((await post({ 'x-api-key': 'other-key' })).status).toBe(202);
    expect((await fetch(url.replace('/api/v1/logs', '/health'))).status).toBe(200);
  });

  it("takes Loki's basic auth (the key as password) and Elasticsearch's ApiKey (raw or base64 id:key) and basic auth, refusing in each protocol's shape", async () => {
    const base = url.replace('/api/v1/logs', '');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const push = (headers: Record<string, string>) =>
      fetch(`${base}/loki/api/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ streams: [{ stream: { job: 'auth' }, values: [[String(Date.now() * 1e6), 'm']] }] }),
      });
    expect((await push({ authorization: `Basic ${b64(`promtail:other-key`)}` })).status).toBe(204);
    expect((await push({ authorization: `Bearer other-key` })).status).toBe(204);
    const noKey = await push({});
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await noKey.text()).toMatch(/API key is required/);
    expect((await push({ authorization: `Basic ${b64('promtail:wrong')}` })).status).toBe(401);
    expect((await push({ authorization: `Basic ${b64('promtail:old-key')}` })).status).toBe(403);

    const bulk = (headers: Record<string, string>) =>
      fetch(`${base}/logs/_bulk`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...headers },
        body: '{"create":{}}\n{"message":"m"}\n',
      });
    for (const authorization of ['ApiKey other-key', `ApiKey ${b64('my-id:other-key')}`, `Basic ${b64('elastic:other-key')}`]) {
      expect((await bulk({ authorization })).status).toBe(200);
    }
    const denied = await bulk({ authorization: `ApiKey ${b64('my-id:nope')}` });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(await denied.json()).toMatchObject({ status: 401, error: { type: 'security_exception', reason: 'unknown API key' } });
    // The probes need the key too; GET / (what clients check first) is open, as the dashboard's redirect was.
    expect((await fetch(`${base}/_license`)).status).toBe(401);
    expect((await fetch(`${base}/_license`, { headers: { authorization: 'ApiKey other-key' } })).status).toBe(200);
    const root = await fetch(`${base}/`, { headers: { accept: 'application/json' } });
    expect(root.status).toBe(200);
    expect(root.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(((await root.json()) as { version: { number: string } }).version.number).toMatch(/^8\./);
    const browser = await fetch(`${base}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
  });

  it('refuses a request without a key on every route it serves but the public ones (read from its route tree)', async () => {
    const base = url.replace('/api/v1/logs', '');
    const open = new Set([
      '/',
      '/metrics',
      '/docs',
      '/docs/openapi.json',
      '/docs/assets/:file',
      '/dashboard',
      '/dashboard/',
      '/dashboard/:file',
      '/health',
      '/ready',
    ]);
    const routes = servedRoutes(app).filter((r) => !open.has(r.route));
    expect(routes.length).toBeGreaterThan(30);
    const unguarded: string[] = [];
    for (const r of routes) {
      const withBody = r.method !== 'GET' && r.method !== 'HEAD';
      const res = await fetch(`${base}${r.path}`, {
        method: r.method,
        headers: withBody ? { 'content-type': 'application/json' } : {},
        body: withBody ? '{}' : undefined,
      });
      await res.arrayBuffer();
      if (res.status !== 401) unguarded.push(`${r.method} ${r.route} -> ${res.status}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('answers 429 with Retry-After once a key exceeds its rate, without touching other keys', async () => {
    expect((await post({ authorization: `Bearer ${KEY}` }, 90)).status).toBe(202);
    const limited = await post({ authorization: `Bearer ${KEY}` }, 60);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post({ 'x-api-key': 'other-key' }, 60)).status).toBe(202);
  });

  it('gives each key its scopes: a shipper key ships but cannot read, a read key reads but cannot ship or mute', async () => {
    const scoped = await startIngestApi(
      loadIngestConfig({
        INGEST_PORT: '0',
        REDIS_URL: redisUrl,
        QUEUE_NAME: queueName,
        LOG_LEVEL: 'silent',
        API_KEYS: 'ship-key:ingest,dash-key:read,ops-key:read+admin,legacy-key',
      }),
    );
    const base = (await scoped.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      const ship = (key: string) =>
        fetch(`${base}/api/v1/logs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: '{"message":"m"}',
        });
      const read = (key: string) => fetch(`${base}/api/v1/mutes`, { headers: { authorization: `Bearer ${key}` } });
      const mute = (key: string) =>
        fetch(`${base}/api/v1/templates/not-a-template/mute`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: '{}',
        });
      expect((await ship('ship-key')).status).toBe(202);
      const denied = await read('ship-key');
      expect(denied.status).toBe(403);
      expect(((await denied.json()) as { code: string }).code).toBe('auth:missing-scope');
      expect((await mute('ship-key')).status).toBe(403);
      expect((await ship('dash-key')).status).toBe(403);
      expect((await read('dash-key')).status).toBe(200);
      expect((await mute('dash-key')).status).toBe(403);
      expect((await mute('ops-key')).status).not.toBe(403); // past auth (the body is then judged)
      // Confirming is a change too: admin only, whichever route.
      const confirm = (key: string, path: string, method: string) =>
        fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{}' });
      for (const [path, method] of [
        ['/api/v1/templates/1/confirm', 'PUT'],
        ['/api/v1/records/no-such-record/confirm', 'POST'],
      ] as const) {
        expect((await confirm('dash-key', path, method)).status).toBe(403);
        expect((await confirm('ops-key', path, method)).status).not.toBe(403);
      }
      expect((await fetch(`${base}/api/v1/feedback`, { headers: { authorization: 'Bearer dash-key' } })).status).toBe(200);
      // A key without scopes keeps what every key could do before scopes: everything.
      expect((await ship('legacy-key')).status).toBe(202);
      expect((await read('legacy-key')).status).toBe(200);
      // Open: health, metrics, docs, the dashboard's files, and 404s.
      for (const path of ['/health', '/metrics', '/docs/openapi.json', '/dashboard/']) expect((await fetch(`${base}${path}`)).status).toBe(200);
      expect((await fetch(`${base}/no-such-route`)).status).toBe(404);
    } finally {
      await scoped.close();
    }
  });

  it('refuses a misspelt scope at boot, naming API_KEYS', () => {
    expect(() => loadIngestConfig({ API_KEYS: 'ship-key:ingets' })).toThrow(/API_KEYS.*ingets/);
  });

  it('ml-api accepts scoring calls only with its internal token when one is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logad-auth-'));
    const ml = await startMlApi(loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: dir, ML_API_TOKEN: 'internal-secret', LOG_LEVEL: 'silent' }));
    const base = (await ml.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      const call = (headers: Record<string, string>) =>
        fetch(`${base}/predict`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"message":"x"}' });
      expect((await call({})).status).toBe(401);
      expect((await call({ authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await call({ authorization: 'Bearer internal-secret' })).status).toBe(503); // past auth: no model yet
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      await ml.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
