// `npm start`'s launcher as a user runs it (built JS, real processes, loopback, real Redis at REDIS_URL),
// and its fallback to one process with an in-memory queue when no Redis answers.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../bench/processes';

// Generous: it starts real processes, and CI machines are sometimes slow.
jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'tools/dist/start/main.js');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('npm start (launcher)', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-start-'));
    output = '';
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function launch(extraEnv: Record<string, string>) {
    const ingestPort = await freePort();
    const mlPort = await freePort();
    child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        INGEST_PORT: String(ingestPort),
        ML_API_PORT: String(mlPort),
        MODEL_DIR: join(dir, 'models'),
        LOGS_DIR: join(dir, 'logs'),
        QUEUE_NAME: `test-${randomUUID()}`,
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const end = Date.now() + 120_000;
    while (!output.includes('logad is running')) {
      if (child.exitCode !== null || Date.now() > end) throw new Error(`launcher did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return `http://127.0.0.1:${ingestPort}/api/v1/logs`;
  }

  async function seedCasesLandRight(url: string) {
    const send = async (message: string) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
      expect(res.status).toBe(202);
      return ((await res.json()) as { ids: string[] }).ids[0];
    };
    const normalId = await send('User login successful');
    const anomalyId = await send('DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption');
    const read = async (f: string) =>
      (await readFile(join(dir, 'logs', f), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).id as string);
    const end = Date.now() + 90_000;
    for (;;) {
      const normal = await read('normal_logs.jsonl');
      const anomalous = await read('anomalous_logs.jsonl');
      if (normal.includes(normalId) && anomalous.includes(anomalyId)) return;
      if (Date.now() > end) throw new Error(`seed cases not stored right: normal=${normal} anomalous=${anomalous}\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('trains a model when there is none, starts the three apps on Redis, and stores the seed cases right', async () => {
    const url = await launch({ REDIS_URL: redisUrl });
    expect(output).toContain('training one');
    expect(output).toContain('queue on Redis');
    expect(output).toMatch(/dashboard\s+http:\/\/127\.0\.0\.1:\d+\/dashboard\//);
    const dashboardUrl = /dashboard\s+(\S+)/.exec(output)![1];
    const page = await fetch(dashboardUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>');
    expect(existsSync(join(dir, 'models/current.json'))).toBe(true);
    await seedCasesLandRight(url);
    child!.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  });

  it('runs everything in one process with an in-memory queue when Redis does not answer, and says so', async () => {
    const url = await launch({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(output).toContain('Redis does not answer');
    expect(output).toContain('in-memory queue');
    await seedCasesLandRight(url);
  });
});
