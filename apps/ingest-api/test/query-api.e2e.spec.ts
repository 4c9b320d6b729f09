// The query API and the dashboard's routes over loopback HTTP, reading real JSON Lines files that
// JsonLinesStore wrote (as a worker would), and once PostgreSQL (TEST_DATABASE_URL). The queue is
// in-process: these routes never touch it.
import { LOG_LEVELS, Mute, Page, ScoredRecord, SessionRecord, TemplateFeedback, TemplateStat, derivedTemplateId } from '@logad/contracts';
import { JsonLinesStore, PostgresStore } from '@logad/storage';
import { Client } from 'pg';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';

const NOW = Date.now();
const SOURCES = ['api', 'db', 'auth'] as const;

/** 90 records over the last ~55 minutes, every 4th anomalous, five templates, three sources; newest first. */
function dataset(): ScoredRecord[] {
  const out: ScoredRecord[] = [];
  for (let k = 0; k < 90; k++) {
    const anomalous = k % 4 === 0;
    const tid = k % 5;
    out.push({
      id: `rec-${String(k).padStart(3, '0')}`,
      // Pairs share a millisecond, so the id breaks ties.
      timestamp: new Date(NOW - 5_000 - Math.floor(k / 2) * 73_000).toISOString(),
      source: SOURCES[k % 3],
      level: anomalous ? 'ERROR' : LOG_LEVELS[k % 4],
      message: `message ${k} of template ${tid}`,
      anomaly_score: anomalous ? -0.1 : 0.1,
      is_anomaly: anomalous,
      prediction: anomalous ? -1 : 1,
      model_version: 'v-test',
      score: anomalous ? 70 + (k % 30) : 10 + (k % 30),
      template: `template ${tid} <*>`,
      template_id: tid,
      ...(anomalous ? { kind: k % 8 === 0 ? ('new_pattern' as const) : ('rare' as const), reason: `why ${k}` } : {}),
      received_at: NOW,
      stored_at: NOW,
    });
  }
  const key = (r: ScoredRecord) => `${new Date(r.timestamp).getTime()} ${r.id}`;
  return out.sort((a, b) => (key(a) < key(b) ? 1 : -1));
}

function session(i: number): SessionRecord {
  const ended = NOW - i * 60_000;
  return {
    id: `blk_${i}@rec-${i}`,
    key: `blk_${i}`,
    line_ids: [`rec-${i}`],
    line_count: 1,
    started_at: new Date(ended - 30_000).toISOString(),
    ended_at: new Date(ended).toISOString(),
    closed_by: 'idle',
    is_anomaly: true,
    anomaly_score: -0.2,
    score: 75,
    reason: `unseen transition ${i}`,
    unseen_templates: [],
    model_version: 'v-test',
    stored_at: NOW,
  };
}

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Array<{ field: string; message: string }>;
}

describe('query API (e2e)', () => {
  const data = dataset();
  const anomalies = data.filter((r) => r.is_anomaly);
  let dir: string;
  let base: string;
  const apps: NestFastifyApplication[] = [];

  async function start(env: Record<string, string>): Promise<string> {
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
    dir = await mkdtemp(join(tmpdir(), 'logad-query-api-'));
    const writer = new JsonLinesStore({ dir: join(dir, 'logs'), fsync: 'never' });
    await writer.sink.open();
    // In a shuffled order and several writes, as jobs arrive.
    const shuffled = [...data].sort((a, b) => (a.id.charCodeAt(5) % 7) - (b.id.charCodeAt(5) % 7) || (a.id < b.id ? -1 : 1));
    for (let i = 0; i < shuffled.length; i += 25) await writer.sink.write(shuffled.slice(i, i + 25));
    await writer.sink.writeSessions([0, 1, 2, 3, 4].map(session));
    await writer.sink.close();
    base = await start({});
  });

  // Stops 17 and 18 failed here: undici had left a pooled connection that never sent a request, and
  // Node's close waited for it (closeQuietConnections in @logad/server now closes such connections).
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const get = async <T>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> => {
    const res = await fetch(`${base}${path}`, { headers });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
  const ids = (rs: ScoredRecord[]) => rs.map((r) => r.id);

  it('lists anomalies newest first, filtered by source, level (any case), template and time window', async () => {
    const all = await get<Page<ScoredRecord>>('/api/v1/anomalies');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ items: anomalies, next_cursor: null });

    const since = new Date(NOW - 30 * 60_000).toISOString();
    const until = new Date(NOW - 10 * 60_000).toISOString();
    const cases: Array<[string, (r: ScoredRecord) => boolean]> = [
      ['source=db', (r) => r.source === 'db'],
      ['level=error', (r) => r.level === 'ERROR'],
      ['template_id=0', (r) => r.template_id === 0],
      ['kind=new_pattern', (r) => r.kind === 'new_pattern'],
      ['kind=rare&source=db', (r) => r.kind === 'rare' && r.source === 'db'],
      [`since=${since}&until=${until}`, (r) => r.timestamp >= since && r.timestamp < until],
      ['source=api&template_id=4', (r) => r.source === 'api' && r.template_id === 4],
      ['source=nowhere', () => false],
      ['source=&level=', () => true], // empty form fields are no filter
    ];
    for (const [q, keep] of cases) {
      const res = await get<Page<ScoredRecord>>(`/api/v1/anomalies?${q}`);
      expect({ q, status: res.status, ids: ids(res.body.items) }).toEqual({ q, status: 200, ids: ids(anomalies.filter(keep)) });
    }
  });

  it('pages with the keyset cursor without repeating or skipping, and lists records of each kind', async () => {
    const seen: ScoredRecord[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: Page<ScoredRecord> } = await get<Page<ScoredRecord>>(`/api/v1/records?kind=all&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items);
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(ids(seen)).toEqual(ids(data));
    expect(pages).toBe(Math.ceil(data.length / 7));

    expect(ids((await get<Page<ScoredRecord>>('/api/v1/records?kind=normal&limit=1000')).body.items)).toEqual(ids(data.filter((r) => !r.is_anomaly)));
    expect(ids((await get<Page<ScoredRecord>>('/api/v1/records')).body.items)).toEqual(ids(anomalies));
    const dbWarn = await get<Page<ScoredRecord>>('/api/v1/records?kind=all&source=db&level=WARN');
    expect(ids(dbWarn.body.items)).toEqual(ids(data.filter((r) => r.source === 'db' && r.level === 'WARN')));
    expect(dbWarn.body.items.length).toBeGreaterThan(0);
  });

  it('shows the lines around a record from the same source, oldest first, and 404 for an unknown id', async () => {
    const target = anomalies[5];
    const sameSource = [...data].reverse().filter((r) => r.source === target.source);
    const i = sameSource.findIndex((r) => r.id === target.id);
    const res = await get<{ items: ScoredRecord[] }>(`/api/v1/records/${target.id}/around?before=3&after=2`);
    expect(res.status).toBe(200);
    expect(ids(res.body.items)).toEqual(ids(sameSource.slice(i - 3, i + 3)));
    expect(new Set(res.body.items.map((r) => r.is_anomaly)).size).toBe(2); // both stores
    const dflt = await get<{ items: ScoredRecord[] }>(`/api/v1/records/${target.id}/around`);
    expect(ids(dflt.body.items)).toEqual(ids(sameSource.slice(Math.max(0, i - 20), i + 21)));

    const missing = await get<ErrorBody>('/api/v1/records/no-such-record/around');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('http:not-found');
    const badId = await get<ErrorBody>(`/api/v1/records/${encodeURIComponent('bad id!')}/around`);
    expect(badId.status).toBe(400);
    expect(badId.body.details?.map((d) => d.field)).toContain('id');
  });

  it('counts templates over a window, lists new ones, and lists anomalous sessions page by page', async () => {
    const res = await get<Array<TemplateStat & { muted: boolean }>>('/api/v1/templates');
    expect(res.status).toBe(200);
    const expected = [0, 1, 2, 3, 4]
      .map((tid) => {
        const rs = data.filter((r) => r.template_id === tid);
        const times = rs.map((r) => Date.parse(r.timestamp));
        return {
          template_id: tid,
          template: `template ${tid} <*>`,
          count: rs.length,
          anomalies: rs.filter((r) => r.is_anomaly).length,
          first_seen: new Date(Math.min(...times)).toISOString(),
          last_seen: new Date(Math.max(...times)).toISOString(),
          muted: false,
          confirmed: false,
        };
      })
      .sort((a, b) => b.count - a.count || a.template_id - b.template_id);
    expect(res.body).toEqual(expected);
    expect((await get<TemplateStat[]>('/api/v1/templates?limit=2')).body).toEqual(expected.slice(0, 2));
    const cut = new Date(NOW - 20 * 60_000).toISOString();
    const windowed = await get<TemplateStat[]>(`/api/v1/templates?since=${cut}`);
    expect(windowed.body.map((t) => t.count).reduce((a, b) => a + b, 0)).toBe(data.filter((r) => r.timestamp >= cut).length);
    // Every template already occurred before `cut`: none is new since then.
    expect((await get<TemplateStat[]>(`/api/v1/templates?new_since=${cut}`)).body).toEqual([]);
    const ofDb = (await get<TemplateStat[]>('/api/v1/templates?source=db')).body;
    expect(ofDb.map((t) => t.count).reduce((a, b) => a + b, 0)).toBe(data.filter((r) => r.source === 'db').length);
    expect(ofDb.length).toBeGreaterThan(0);
    expect((await get<TemplateStat[]>(`/api/v1/templates?new_since=${new Date(NOW - 3 * 3_600_000).toISOString()}`)).body).toHaveLength(5);

    const first = await get<Page<SessionRecord>>('/api/v1/sessions?limit=2');
    expect(first.body.items.map((s) => s.key)).toEqual(['blk_0', 'blk_1']);
    const second = await get<Page<SessionRecord>>(`/api/v1/sessions?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((s) => s.key)).toEqual(['blk_2', 'blk_3']);
    const windowSessions = await get<Page<SessionRecord>>(`/api/v1/sessions?since=${new Date(NOW - 150_000).toISOString()}`);
    expect(windowSessions.body.items.map((s) => s.key)).toEqual(['blk_0', 'blk_1', 'blk_2']);
  });

  it('answers logs/s and anomalies/s per bucket over the last hour, or over a given window', async () => {
    interface Stats {
      since: string;
      until: string;
      bucket_seconds: number;
      totals: { logs: number; anomalies: number };
      buckets: Array<{ start: string; logs: number; anomalies: number; logs_per_s: number; anomalies_per_s: number }>;
    }
    const res = await get<Stats>('/api/v1/stats');
    expect(res.status).toBe(200);
    const { since, until, bucket_seconds, buckets, totals } = res.body;
    expect(bucket_seconds).toBe(60);
    expect(Date.parse(since) % 60_000).toBe(0);
    expect(Date.parse(until) - Date.parse(since)).toBeGreaterThanOrEqual(3_600_000);
    expect(buckets.length).toBe(Math.ceil((Date.parse(until) - Date.parse(since)) / 60_000));
    const inWindow = data.filter((r) => r.timestamp >= since && r.timestamp < until);
    expect(totals).toEqual({ logs: inWindow.length, anomalies: inWindow.filter((r) => r.is_anomaly).length });
    expect(totals.logs).toBe(data.length);
    for (const b of buckets.slice(0, -1)) {
      const start = Date.parse(b.start);
      const rs = data.filter((r) => Date.parse(r.timestamp) >= start && Date.parse(r.timestamp) < start + 60_000);
      expect(b).toEqual({
        start: b.start,
        logs: rs.length,
        anomalies: rs.filter((r) => r.is_anomaly).length,
        logs_per_s: expect.any(Number),
        anomalies_per_s: expect.any(Number),
      });
      expect(b.logs_per_s).toBeCloseTo(rs.length / 60, 3);
    }

    const s = new Date(NOW - 40 * 60_000).toISOString();
    const u = new Date(NOW - 20 * 60_000).toISOString();
    const fixed = await get<Stats>(`/api/v1/stats?since=${s}&until=${u}&bucket=300`);
    expect(fixed.body.buckets).toHaveLength(4);
    expect(fixed.body.totals.logs).toBe(data.filter((r) => r.timestamp >= s && r.timestamp < u).length);
    expect(fixed.body.buckets[0].logs_per_s).toBeCloseTo(fixed.body.buckets[0].logs / 300, 3);
    // source: every panel of the dashboard filters by it, the chart's counters too.
    const db = await get<Stats>('/api/v1/stats?source=db');
    const dbRecords = data.filter((r) => r.source === 'db');
    expect(db.body.totals).toEqual({ logs: dbRecords.length, anomalies: dbRecords.filter((r) => r.is_anomaly).length });
  });

  it('refuses bad parameters with 400, naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/anomalies?limit=0', 'limit'],
      ['/api/v1/anomalies?limit=1001', 'limit'],
      ['/api/v1/anomalies?limit=ten', 'limit'],
      ['/api/v1/anomalies?limit=1&limit=2', 'limit'],
      ['/api/v1/anomalies?since=yesterday', 'since'],
      ['/api/v1/anomalies?until=2024-13-45T00:00:00Z', 'until'],
      ['/api/v1/anomalies?level=LOUD', 'level'],
      ['/api/v1/anomalies?template_id=1.5', 'template_id'],
      [`/api/v1/anomalies?source=${encodeURIComponent('a\u0001b')}`, 'source'],
      ['/api/v1/records?kind=some', 'kind'],
      ['/api/v1/anomalies?kind=normal', 'kind'],
      ['/api/v1/records/rec-001/around?before=-1', 'before'],
      ['/api/v1/records/rec-001/around?after=5000', 'after'],
      ['/api/v1/templates?new_since=soon', 'new_since'],
      ['/api/v1/sessions?limit=abc', 'limit'],
      ['/api/v1/stats?bucket=0', 'bucket'],
    ];
    for (const [path, field] of cases) {
      const res = await get<ErrorBody>(path);
      expect({ path, status: res.status, code: res.body.code, fields: res.body.details?.map((d) => d.field) }).toEqual({
        path,
        status: 400,
        code: 'http:validation-failed',
        fields: [field],
      });
      expect(res.body.message).toContain(field);
    }
    // What only the store can judge is a 400 too, with the store's code and reason.
    for (const [path, reason] of [
      ['/api/v1/anomalies?cursor=not-a-cursor', /cursor/],
      [`/api/v1/stats?since=${new Date(NOW - 30 * 86_400_000).toISOString()}&bucket=1`, /buckets/],
      [`/api/v1/stats?since=${new Date(NOW + 60_000).toISOString()}`, /until must be after since/],
    ] as const) {
      const res = await get<ErrorBody>(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'storage:invalid-query' });
      expect(res.body.message).toMatch(reason);
    }
  });

  it('mutes and unmutes a template, persisting the mute beside the logs', async () => {
    const put = (id: string, body: unknown) =>
      fetch(`${base}/api/v1/templates/${id}/mute`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await put('2', { template: 'template 2 <*>', note: 'known noisy job' });
    expect(res.status).toBe(200);
    const mute = (await res.json()) as Mute;
    expect(mute).toEqual({ template_id: 2, template: 'template 2 <*>', note: 'known noisy job', muted_at: expect.any(String) });
    expect((await get<Mute[]>('/api/v1/mutes')).body).toEqual([mute]);
    expect((await get<Array<{ template_id: number; muted: boolean }>>('/api/v1/templates')).body.filter((t) => t.muted).map((t) => t.template_id)).toEqual([2]);
    const file = JSON.parse(await readFile(join(dir, 'logs', 'muted_templates.json'), 'utf8')) as { mutes: Mute[] };
    expect(file.mutes).toEqual([mute]);

    for (const [id, body, field] of [
      ['2', {}, 'template'],
      ['2', { template: '' }, 'template'],
      ['2', { template: 'x', note: 'n'.repeat(1001) }, 'note'],
      ['2', { template: 'x', note: 7 }, 'note'],
      ['two', { template: 'x' }, 'id'],
      ['2.5', { template: 'x' }, 'id'],
      ['99999999999', { template: 'x' }, 'id'],
    ] as const) {
      const bad = await put(id, body);
      const b = (await bad.json()) as ErrorBody;
      expect({ id, body, status: bad.status, fields: b.details?.map((d) => d.field) }).toEqual({ id, body, status: 400, fields: [field] });
    }

    const del = await fetch(`${base}/api/v1/templates/2/mute`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await fetch(`${base}/api/v1/templates/2/mute`, { method: 'DELETE' })).status).toBe(204);
    expect((await get<Mute[]>('/api/v1/mutes')).body).toEqual([]);
    expect((await get<Array<{ muted: boolean }>>('/api/v1/templates')).body.every((t) => !t.muted)).toBe(true);
  });

  it('confirms a template (or the template of a record), lists both verdicts, and withdraws, persisting beside the mutes', async () => {
    const send = (method: string, path: string, body?: unknown) =>
      body === undefined
        ? fetch(`${base}${path}`, { method })
        : fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await send('PUT', '/api/v1/templates/3/confirm', { template: 'template 3 <*>', note: 'INC-7' });
    expect(res.status).toBe(200);
    const confirmed = (await res.json()) as TemplateFeedback;
    expect(confirmed).toEqual({ template_id: 3, verdict: 'confirm', template: 'template 3 <*>', note: 'INC-7', at: expect.any(String) });
    const templates = (await get<Array<{ template_id: number; muted: boolean; confirmed: boolean }>>('/api/v1/templates')).body;
    expect(templates.filter((t) => t.confirmed).map((t) => t.template_id)).toEqual([3]);
    expect(JSON.parse(await readFile(join(dir, 'logs', 'confirmed_templates.json'), 'utf8'))).toMatchObject({ version: 1, confirms: [{ template_id: 3 }] });

    // A record's confirmation confirms its template; a mute of it is replaced (one verdict per template).
    const record = anomalies.find((r) => r.template_id === 1)!;
    await send('PUT', '/api/v1/templates/1/mute', { template: 'template 1 <*>' });
    const byRecord = await send('POST', `/api/v1/records/${record.id}/confirm`, { note: 'seen in prod' });
    expect(byRecord.status).toBe(200);
    expect(await byRecord.json()).toMatchObject({ template_id: 1, verdict: 'confirm', template: record.template, note: 'seen in prod' });
    expect((await send('POST', `/api/v1/records/${data.find((r) => r.template_id === 4)!.id}/confirm`)).status).toBe(200);
    const feedback = (await get<TemplateFeedback[]>('/api/v1/feedback')).body;
    expect(feedback.map((f) => [f.template_id, f.verdict])).toEqual([
      [4, 'confirm'],
      [1, 'confirm'],
      [3, 'confirm'],
    ]);
    expect((await get<Mute[]>('/api/v1/mutes')).body).toEqual([]);

    const missing = await send('POST', '/api/v1/records/no-such-record/confirm', {});
    expect(missing.status).toBe(404);
    for (const [method, path, body, field] of [
      ['PUT', '/api/v1/templates/3/confirm', {}, 'template'],
      ['PUT', '/api/v1/templates/x/confirm', { template: 'x' }, 'id'],
      ['POST', `/api/v1/records/${record.id}/confirm`, { note: 7 }, 'note'],
      ['POST', '/api/v1/records/bad%20id/confirm', {}, 'id'],
    ] as const) {
      const bad = await send(method, path, body);
      const b = (await bad.json()) as ErrorBody;
      expect({ path, status: bad.status, fields: b.details?.map((d) => d.field) }).toEqual({ path, status: 400, fields: [field] });
    }

    for (const id of [1, 3, 4]) expect((await send('DELETE', `/api/v1/templates/${id}/confirm`)).status).toBe(204);
    expect((await send('DELETE', '/api/v1/templates/3/confirm')).status).toBe(204);
    expect((await get<TemplateFeedback[]>('/api/v1/feedback')).body).toEqual([]);
  });

  it('serves the dashboard outside /api/: redirects, files with a strict CSP, 304 when unchanged, 404 otherwise', async () => {
    for (const path of ['/', '/dashboard']) {
      const res = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/dashboard/');
    }
    const page = await fetch(`${base}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const html = await page.text();
    // Every asset the page names is served by the app itself: no CDN, no external font.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const m of html.matchAll(/(?:src|href)="([^"#]+)"/g)) {
      const asset = await fetch(new URL(m[1], `${base}/dashboard/`));
      expect({ asset: m[1], status: asset.status }).toEqual({ asset: m[1], status: 200 });
    }
    const js = await fetch(`${base}/dashboard/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const again = await fetch(`${base}/dashboard/app.js`, { headers: { 'if-none-match': js.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const missing = await fetch(`${base}/dashboard/secrets.txt`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).code).toBe('http:not-found');
    expect((await fetch(`${base}/dashboard/..%2Fpackage.json`)).status).toBe(404);
  });

  it('guards the query API with the API keys of ingestion, and leaves the dashboard page open', async () => {
    const url = await start({ API_KEYS: 'dash-key-123', REVOKED_API_KEYS: 'old-key' });
    for (const path of ['/api/v1/anomalies', '/api/v1/records/rec-001/around', '/api/v1/templates', '/api/v1/mutes', '/api/v1/sessions', '/api/v1/stats']) {
      const none = await fetch(`${url}${path}`);
      expect({ path, status: none.status }).toEqual({ path, status: 401 });
      expect((await fetch(`${url}${path}`, { headers: { 'x-api-key': 'old-key' } })).status).toBe(403);
      expect((await fetch(`${url}${path}`, { headers: { 'x-api-key': 'dash-key-123' } })).status).toBe(200);
    }
    const mute = await fetch(`${url}/api/v1/templates/1/mute`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"template":"t"}' });
    expect(mute.status).toBe(401);
    expect((await fetch(`${url}/dashboard/`)).status).toBe(200);
  });

  it('reads PostgreSQL the same way when STORAGE_URL names it', async () => {
    const dbUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `test_${randomUUID().replace(/-/g, '')}`;
    const writer = new PostgresStore({ url: dbUrl, schema, poolSize: 2 });
    await writer.sink.open();
    try {
      await writer.sink.write(data);
      const url = await start({ STORAGE_URL: `${dbUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}` });
      const fromPg = await fetch(`${url}/api/v1/anomalies?source=db&limit=1000`);
      expect(fromPg.status).toBe(200);
      expect(ids(((await fromPg.json()) as Page<ScoredRecord>).items)).toEqual(ids(anomalies.filter((r) => r.source === 'db')));
      const stats = (await (await fetch(`${url}/api/v1/stats`)).json()) as { totals: { logs: number } };
      expect(stats.totals.logs).toBe(data.length);
      const put = await fetch(`${url}/api/v1/templates/-77/mute`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"template":"new one <*>"}',
      });
      expect(put.status).toBe(200);
      expect(await writer.feedback.listMutes()).toEqual([{ template_id: -77, template: 'new one <*>', note: null, muted_at: expect.any(String) }]);

      // What the dashboard asks of PostgreSQL: kind and source filters, and Confirm given and withdrawn.
      const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
        const res = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        return (await res.json()) as T;
      };
      const newPatterns = await json<Page<ScoredRecord>>('/api/v1/anomalies?kind=new_pattern&limit=1000');
      expect(ids(newPatterns.items)).toEqual(ids(anomalies.filter((r) => r.kind === 'new_pattern')));
      const dbStats = await json<{ totals: { logs: number } }>('/api/v1/stats?source=db');
      expect(dbStats.totals.logs).toBe(data.filter((r) => r.source === 'db').length);
      const dbTemplates = await json<TemplateStat[]>('/api/v1/templates?source=db');
      expect(dbTemplates.reduce((n, t) => n + t.count, 0)).toBe(data.filter((r) => r.source === 'db').length);
      await json<TemplateFeedback>('/api/v1/templates/2/confirm', { method: 'PUT', body: '{"template":"template 2 <*>","note":"INC-9"}' });
      expect(
        (await json<Array<{ template_id: number; confirmed: boolean }>>('/api/v1/templates')).filter((t) => t.confirmed).map((t) => t.template_id),
      ).toEqual([2]);
      // A record stored without a template id is confirmed by the id derived from its text, as the dashboard names it.
      const unseen: ScoredRecord = { ...anomalies[0], id: 'rec-unseen', source: 'other', template: 'brand new <*>', template_id: undefined };
      await writer.sink.write([unseen]);
      const byRecord = await json<TemplateFeedback>('/api/v1/records/rec-unseen/confirm', { method: 'POST', body: '{}' });
      expect(byRecord).toMatchObject({ template_id: derivedTemplateId('brand new <*>'), verdict: 'confirm', template: 'brand new <*>' });
      expect((await json<TemplateFeedback[]>('/api/v1/feedback')).map((f) => [f.template_id, f.verdict])).toEqual([
        [derivedTemplateId('brand new <*>'), 'confirm'],
        [2, 'confirm'],
        [-77, 'mute'],
      ]);
      for (const id of [2, derivedTemplateId('brand new <*>')])
        expect((await fetch(`${url}/api/v1/templates/${id}/confirm`, { method: 'DELETE' })).status).toBe(204);
      expect((await writer.feedback.listFeedback()).map((f) => f.verdict)).toEqual(['mute']);
    } finally {
      await writer.sink.close();
      const admin = new Client({ connectionString: dbUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });

  it('answers 503 when the store cannot answer, while ingestion keeps working', async () => {
    // A file where the logs directory should be: every scan fails.
    const notADir = join(dir, 'not-a-dir');
    await writeFile(notADir, 'x');
    const broken = await start({ LOGS_DIR: notADir });
    const res = await fetch(`${broken}/api/v1/anomalies`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as ErrorBody).code).toBe('storage:query-failed');

    // PostgreSQL that does not answer: ingest-api still starts and takes logs; queries say why they cannot.
    const noDb = await start({ STORAGE_URL: 'postgres://logad@127.0.0.1:1/logad' });
    const q = await fetch(`${noDb}/api/v1/anomalies`);
    expect(q.status).toBe(503);
    const body = (await q.json()) as ErrorBody;
    expect(body.code).toBe('storage:not-open');
    expect(body.message).toMatch(/not reachable/);
    const ingest = await fetch(`${noDb}/api/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"still here"}' });
    expect(ingest.status).toBe(202);
  });
});
