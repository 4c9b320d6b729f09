// The seeded mutation fuzzer against every route that takes a body, on the real ingest-api on
// loopback over a real Redis (REDIS_URL): valid bodies broken the ways hostile senders break them
// (test/fuzz/mutate.ts), each answered without a 5xx, its 4xx in the route's own protocol shape,
// nothing of a refused request stored, and a good request to every route still stored after the run.
// FUZZ_CASES (cases per route, default 60) and FUZZ_SEED replay or lengthen it.
import { QueuedLog } from '@logad/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { otlpSchema } from '../src/intake/formats/otlp-schema';
import { Rng, WRONG_TYPES, encode, mutate } from './fuzz/mutate';
import { Protocol, ROUTE_SEEDS, RouteSeed, frame } from './fuzz/route-seeds';
import { IntakeHarness, freePort, startIntakeHarness } from './intake-harness';
import { servedRoutes } from './served-routes';

const CASES = Number(process.env.FUZZ_CASES ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 11);
/** `FUZZ_ONLY=6:299` replays one case (route index : case number) and prints what came back. */
const ONLY = process.env.FUZZ_ONLY?.split(':').map(Number);
const MAX_BODY = 256 * 1024;
const MAX_BATCH = 100;
jest.setTimeout(60_000 + CASES * 1000); // about 21 requests per case number, slow on a loaded machine

/** What is wrong with a 4xx answer's shape for `protocol` (undefined: nothing). */
function shapeProblem(protocol: Protocol, status: number, sentType: string | undefined, type: string, body: Buffer, headers: Headers): string | undefined {
  const asJson = (): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  if (protocol === 'logad') {
    const j = asJson();
    if (!/^application\/json/.test(type) || !j) return `not JSON (${type})`;
    if (j.statusCode !== status || typeof j.code !== 'string' || typeof j.message !== 'string' || j.message.length < 5)
      return `not logad's error body: ${body.toString().slice(0, 200)}`;
    return undefined;
  }
  if (protocol === 'loki') {
    if (!/^text\/plain/.test(type) || body.length < 5) return `not Loki's plain text (${type}): ${body.toString().slice(0, 200)}`;
    return headers.get('x-logad-error-code') ? undefined : 'no x-logad-error-code header';
  }
  if (protocol === 'elasticsearch') {
    const j = asJson() as { error?: { type?: unknown; reason?: unknown }; status?: unknown } | undefined;
    if (!j || typeof j.error?.type !== 'string' || typeof j.error.reason !== 'string' || j.status !== status)
      return `not Elasticsearch's error: ${body.toString().slice(0, 200)}`;
    return undefined;
  }
  // OTLP: a google.rpc.Status in the request's encoding (protobuf when it said protobuf, else JSON).
  const protobuf = /^application\/(x-)?protobuf\s*(;|$)/i.test(sentType ?? '');
  let s: { code?: unknown; message?: unknown } | undefined;
  if (protobuf) {
    if (!/^application\/x-protobuf/.test(type)) return `a protobuf request answered in ${type}`;
    try {
      s = otlpSchema().status.toObject(otlpSchema().status.decode(body)) as typeof s;
    } catch (err) {
      return `not a google.rpc.Status: ${(err as Error).message}`;
    }
  } else s = asJson() as typeof s;
  if (!s || typeof s.code !== 'number' || typeof s.message !== 'string' || !/^[a-z0-9-]+:[a-z0-9-]+: ./.test(s.message))
    return `not an OTLP Status: ${body.toString().slice(0, 200)}`;
  return undefined;
}

describe('ingest-api: fuzzed requests on every route with a body (e2e)', () => {
  let harness: IntakeHarness;
  let app: NestFastifyApplication;
  let base: string;
  let otlpBase: string;
  let logsDir: string;
  const enqueued: QueuedLog[] = [];

  beforeAll(async () => {
    logsDir = mkdtempSync(join(tmpdir(), 'logad-fuzz-'));
    const otlpPort = await freePort();
    harness = await startIntakeHarness('fuzz', {
      OTLP_PORT: String(otlpPort),
      LOGS_DIR: logsDir,
      MAX_BODY_BYTES: String(MAX_BODY),
      MAX_BATCH_SIZE: String(MAX_BATCH),
      QUEUE_HIGH_WATER: '1000000',
    });
    ({ app, base } = harness);
    otlpBase = `http://127.0.0.1:${otlpPort}`;
    await harness.collect(enqueued);
  });
  afterAll(async () => {
    await harness.close();
    rmSync(logsDir, { recursive: true, force: true });
  });

  const urlOf = (seed: RouteSeed, i: number) => `${seed.port === 'otlpPort' ? otlpBase : base}${seed.path(i)}`;

  describe('what the fuzzer found (regressions)', () => {
    it('a body that says gzip and is not, on a route that never reads it (no parser for its type): a 4xx, not a crash', async () => {
      for (const [path, method, type] of [
        ['/_refresh', 'POST', 'text/plain'],
        ['/api/v1/templates/1/mute', 'PUT', 'multipart/form-data; boundary=x'],
        ['/logs-fuzz', 'PUT', 'application/x-www-form-urlencoded'],
      ]) {
        const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': type, 'content-encoding': 'gzip' }, body: 'not gzip at all' });
        expect([path, res.status]).toEqual([path, 415]);
      }
      expect((await fetch(`${base}/health`)).status).toBe(200);
    });

    it('a query-API body nested 20,000 deep: 400 validation-failed, not a stack overflow (500)', async () => {
      const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
      for (const [method, path] of [
        ['PUT', '/api/v1/templates/7/mute'],
        ['PUT', '/api/v1/templates/7/confirm'],
        ['POST', '/api/v1/records/r1/confirm'],
      ]) {
        const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: `{"template":"t","x":${deep}}` });
        const body = (await res.json()) as { code: string; message: string };
        expect([path, res.status, body.code]).toEqual([path, 400, 'http:validation-failed']);
        expect(body.message).toContain('levels deep');
      }
    });
  });

  it('fuzzes every route that takes a body (the list is read from the running app)', () => {
    const fuzzed = new Set(ROUTE_SEEDS.map((s) => `${s.method} ${s.route}`));
    const withBody = servedRoutes(app).filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');
    expect(withBody.map((r) => `${r.method} ${r.route}`).filter((r) => !fuzzed.has(r))).toEqual([]);
  });

  it(`${CASES} mutated requests per route (seed ${SEED}): no 5xx, 4xx in the route's shape, nothing refused is stored, good requests still are`, async () => {
    interface Case {
      seed: RouteSeed;
      i: number;
      marker: string;
      what: string;
      body: Buffer;
      type?: string;
      encoding?: string;
    }
    const cases: Case[] = [];
    ROUTE_SEEDS.forEach((seed, ri) => {
      for (let i = 0; i < CASES; i++) {
        if (ONLY && (ONLY[0] !== ri || ONLY[1] !== i)) continue;
        const rng = new Rng(SEED * 1_000_003 + ri * 100_003 + i);
        // A marker that one mutation cannot turn into another case's: the id twice.
        const marker = `fz${ri}x${i}q${ri}x${i}z`;
        const count = rng.chance(0.1) ? MAX_BATCH + 1 + rng.int(MAX_BATCH * 50) : 1 + rng.int(5);
        let body = seed.body(marker, count);
        const steps: string[] = [`${count} records`];
        const compressedFirst = seed.snappy && rng.chance(0.25);
        if (compressedFirst) body = frame(seed, body);
        for (let k = 1 + rng.int(3); k > 0; k--) {
          const m = mutate(rng, body, compressedFirst ? 'json' : seed.kind, MAX_BODY);
          steps.push(m.name);
          body = m.body;
        }
        const wire = encode(rng, body, MAX_BODY, !!seed.snappy && !compressedFirst);
        steps.push(wire.name);
        const type = rng.chance(0.15) ? rng.pick(WRONG_TYPES) : seed.contentType;
        if (type !== seed.contentType) steps.push(`content-type ${type}`);
        cases.push({ seed, i, marker, what: steps.join(', '), body: wire.body, type, encoding: wire.encoding });
      }
    });

    const problems: string[] = [];
    const statuses = new Map<string, number>();
    const refusedMarkers = new Set<string>();
    /** Loki's 400 that refuses some entries and takes the rest ("total ignored: n out of m"), as Loki's distributor does: at most m − n may be stored. */
    const partial = new Map<string, number>();
    let closed = 0;
    let next = 0;
    async function lane() {
      while (next < cases.length) {
        const c = cases[next++];
        const where = `${c.seed.name} case ${c.i} (${c.what})`;
        const headers: Record<string, string> = {};
        if (c.type !== undefined) headers['content-type'] = c.type;
        if (c.encoding) headers['content-encoding'] = c.encoding;
        let res: Response;
        let body: Buffer;
        try {
          res = await fetch(urlOf(c.seed, c.i), { method: c.seed.method, headers, body: c.body, signal: AbortSignal.timeout(15_000) });
          body = Buffer.from(await res.arrayBuffer());
        } catch (err) {
          // The server may close a connection on a body it refused before reading it all; a hang is a failure.
          if ((err as Error).name === 'TimeoutError') problems.push(`${where}: no answer in 15 s`);
          closed++;
          if (ONLY) console.log(`${where} -> closed: ${(err as Error).message} ${String((err as { cause?: unknown }).cause)}`);
          refusedMarkers.add(c.marker);
          continue;
        }
        if (ONLY)
          console.log(
            `${where} -> ${res.status} ${body.toString().slice(0, 2000)}\nsent ${JSON.stringify(headers)} ${c.body.toString('base64').slice(0, 4000)}`,
          );
        const key = `${c.seed.protocol} ${res.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res.status >= 500) problems.push(`${where}: ${res.status} ${body.toString().slice(0, 300)}`);
        else if (res.status >= 400) {
          const ignored = c.seed.protocol === 'loki' && res.status === 400 ? /total ignored: (\d+) out of (\d+)\s*$/.exec(body.toString()) : null;
          if (ignored) partial.set(c.marker, Number(ignored[2]) - Number(ignored[1]));
          else refusedMarkers.add(c.marker);
          const p = shapeProblem(c.seed.protocol, res.status, c.type, res.headers.get('content-type') ?? '', body, res.headers);
          if (p) problems.push(`${where}: ${res.status} ${p}`);
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, lane));
    expect(problems).toEqual([]);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    // A good request to each route, after the run: still taken and stored.
    const good = new Map<RouteSeed, string>();
    for (const [ri, seed] of ROUTE_SEEDS.entries()) {
      const marker = `good${ri}-${randomUUID()}`;
      good.set(seed, marker);
      const res = await fetch(urlOf(seed, CASES + ri), {
        method: seed.method,
        headers: { 'content-type': seed.contentType },
        body: frame(seed, seed.body(marker, 3)),
      });
      const text = await res.text();
      if (seed.name === 'confirm a record') expect([res.status, text]).toEqual([404, expect.stringContaining('no stored record')]);
      else expect(`${seed.name} -> ${res.status} ${text.slice(0, 200)}`).toMatch(/-> 2\d\d /);
    }
    const queued = ROUTE_SEEDS.filter((s) => s.storedIn === 'queue');
    const has = (m: string) => enqueued.filter((l) => l.message.includes(m)).length;
    const end = Date.now() + 10_000;
    while (queued.some((s) => has(good.get(s)!) < 3) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(queued.map((s) => [s.name, has(good.get(s)!)])).toEqual(queued.map((s) => [s.name, 3]));
    const mutes = JSON.stringify(await (await fetch(`${base}/api/v1/mutes`)).json());
    const verdicts = JSON.stringify(await (await fetch(`${base}/api/v1/feedback`)).json());
    expect(mutes).toContain(good.get(ROUTE_SEEDS.find((s) => s.storedIn === 'mutes')!)!);
    expect(verdicts).toContain(good.get(ROUTE_SEEDS.find((s) => s.storedIn === 'feedback')!)!);

    // Nothing of a refused request reached the queue or the store.
    await new Promise((r) => setTimeout(r, 300));
    const leaked = [...refusedMarkers].filter((m) => enqueued.some((l) => l.message.includes(m)) || mutes.includes(m) || verdicts.includes(m));
    expect(leaked.map((m) => [m, enqueued.filter((l) => l.message.includes(m)).map((l) => l.message)])).toEqual([]);
    const overTaken = [...partial].filter(([m, taken]) => enqueued.filter((l) => l.message.includes(m)).length > taken);
    expect(overTaken).toEqual([]);
    // Most cases are refused, and every protocol saw both outcomes (the fuzzer is not all noise).
    if (!ONLY) expect(refusedMarkers.size).toBeGreaterThan(cases.length / 3);
    console.log(
      `fuzzed ${cases.length} requests (seed ${SEED}): ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, ${closed} closed early, ${enqueued.length} records enqueued`,
    );
  });
});
