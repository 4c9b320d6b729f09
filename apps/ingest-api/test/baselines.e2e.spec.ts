// GET /api/v1/baselines over loopback HTTP: ingest-api asks a real ml-api (its internal token set)
// and passes the answer on, or says plainly that it cannot. The queue is in-process: the route never
// touches it.
import { BaselinesInfo } from '@logad/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMlApi } from '../../ml-api/src/bootstrap';
import { loadMlApiConfig } from '../../ml-api/src/config/ml-api.config';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';

const TOKEN = 'internal-baselines-token';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('GET /api/v1/baselines (e2e, real ml-api)', () => {
  let dir: string;
  let ml: NestFastifyApplication;
  let mlUrl: string;
  const apps: NestFastifyApplication[] = [];

  async function ingest(env: Record<string, string>): Promise<string> {
    const a = await startIngestApi(
      loadIngestConfig({
        INGEST_PORT: '0',
        QUEUE_DRIVER: 'memory',
        QUEUE_NAME: `test-${randomUUID()}`,
        LOG_LEVEL: 'silent',
        LOGS_DIR: join(dir, 'logs'),
        ...env,
      }),
    );
    apps.push(a);
    return (await a.getUrl()).replace('[::1]', '127.0.0.1');
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-baselines-'));
    // No model: ml-api still describes its (empty) baselines.
    ml = await startMlApi(
      loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: join(dir, 'models'), ML_API_TOKEN: TOKEN, LOG_LEVEL: 'silent', BASELINE_SAVE_MS: '0' }),
    );
    mlUrl = (await ml.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    for (const a of apps) await a.close();
    await ml?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("passes ml-api's answer on, sending ML_API_TOKEN", async () => {
    const base = await ingest({ ML_API_URL: mlUrl, ML_API_TOKEN: TOKEN });
    const direct = await fetch(`${mlUrl}/baselines`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(direct.status).toBe(200);
    const res = await fetch(`${base}/api/v1/baselines`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as BaselinesInfo;
    expect(body).toEqual(await direct.json());
    expect(body).toEqual({ learning_period_ms: expect.any(Number), sources: [] });
  });

  it('answers 503 query:ml-api-unavailable, saying why, when ml-api refuses the token or does not answer', async () => {
    const wrongToken = await ingest({ ML_API_URL: mlUrl, ML_API_TOKEN: 'not-the-token' });
    const refused = await fetch(`${wrongToken}/api/v1/baselines`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    const refusedBody = (await refused.json()) as { code: string; message: string };
    expect(refusedBody).toMatchObject({
      statusCode: 503,
      code: 'query:ml-api-unavailable',
      message: expect.stringMatching(/ml-api answered 401 .*unauthorized/),
    });
    expect(refusedBody.message).not.toContain('not-the-token');

    const down = await ingest({ ML_API_URL: `http://127.0.0.1:${await closedPort()}` });
    const res = await fetch(`${down}/api/v1/baselines`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      code: 'query:ml-api-unavailable',
      message: expect.stringMatching(/^ml-api does not answer at http:\/\/127\.0\.0\.1:\d+\/baselines .*ML_API_URL/),
    });
    // The rest of the query API does not depend on ml-api.
    expect((await fetch(`${down}/api/v1/anomalies`)).status).toBe(200);
  });
});
