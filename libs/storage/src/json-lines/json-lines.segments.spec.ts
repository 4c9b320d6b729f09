// Segments: each writer appends to files of its own; readers read every segment and count a log once.
import { ScoredRecord } from '@logad/contracts';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageContract } from '../contract/storage.contract';
import { StorageInvalidOptionsError } from '../errors/storage-invalid-options.error';
import { StorageOpenError } from '../errors/storage-open.error';
import { JsonLinesRecordSink } from './json-lines.record-sink';
import { JsonLinesStore } from './json-lines.store';
import { JsonLinesStoreOptions } from './json-lines-store.options';
import { listStoreFiles } from './list-store-files';
import { readJsonLines } from './read-json-lines';

const contractDirs: string[] = [];
afterAll(async () => {
  await Promise.all(contractDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describeStorageContract('json-lines, one segment per writer', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'logad-storage-segments-contract-'));
  contractDirs.push(dir);
  return () => new JsonLinesStore({ dir, fsync: 'never', segment: 'auto' });
});

function record(id: string, isAnomaly = false): ScoredRecord {
  return {
    id,
    timestamp: '2024-01-01T00:00:00.000Z',
    source: 'svc',
    level: 'INFO',
    message: `message ${id}`,
    template_id: 7,
    template: 'message <*>',
    anomaly_score: isAnomaly ? -0.1 : 0.1,
    is_anomaly: isAnomaly,
    prediction: isAnomaly ? -1 : 1,
    model_version: 'v1',
    received_at: 1,
    stored_at: 2,
  };
}

async function idsIn(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of readJsonLines<ScoredRecord>(path)) out.push(r.id);
  return out;
}

describe('JSON Lines segments', () => {
  let dir: string;
  const open: JsonLinesRecordSink[] = [];
  async function sink(opts: Partial<JsonLinesStoreOptions> = {}): Promise<JsonLinesRecordSink> {
    const s = new JsonLinesStore({ dir, fsync: 'never', segment: 'auto', ...opts }).sink;
    await s.open();
    open.push(s);
    return s;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-segments-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('gives each writer its own files, takes no shared lock, and a closed segment back to the next writer', async () => {
    const one = await sink();
    const two = await sink();
    expect([one.segment, two.segment]).toEqual(['w1', 'w2']);
    await one.write([record('a'), record('b', true)]);
    await two.write([record('c')]);
    expect(await idsIn(join(dir, 'normal_logs.w1.jsonl'))).toEqual(['a']);
    expect(await idsIn(join(dir, 'anomalous_logs.w1.jsonl'))).toEqual(['b']);
    expect(await idsIn(join(dir, 'normal_logs.w2.jsonl'))).toEqual(['c']);
    expect((await readdir(dir)).filter((n) => n.includes('write.lock'))).toEqual([]);
    await one.close();
    const again = await sink();
    expect(again.segment).toBe('w1');
    // Its own old ids and the other segment's are indexed at open: a redelivered job is dropped.
    expect(await again.write([record('a'), record('c'), record('d')])).toEqual({ written: 1, duplicates: 2 });
  });

  it('refuses a named segment a live process holds, and a name that is not one', async () => {
    await sink({ segment: 'blue' });
    await expect(sink({ segment: 'blue' })).rejects.toBeInstanceOf(StorageOpenError);
    expect(() => new JsonLinesStore({ dir, segment: 'a.b' })).toThrow(StorageInvalidOptionsError);
  });

  it('drops its own duplicates; one log in two segments is read once by the counting queries', async () => {
    const one = await sink();
    const two = await sink();
    await one.write([record('x'), record('y')]);
    expect(await one.write([record('x')])).toEqual({ written: 0, duplicates: 1 });
    // A resend taken by the other, already running, writer: it cannot see one's appends.
    expect(await two.write([record('x'), record('z')])).toEqual({ written: 2, duplicates: 0 });
    const store = new JsonLinesStore({ dir });
    const stats = await store.queries.templateStats({});
    expect(stats.map((s) => [s.template_id, s.count])).toEqual([[7, 3]]);
    const series = await store.queries.timeSeries({ since: '2024-01-01T00:00:00.000Z', until: '2024-01-01T01:00:00.000Z', bucketSeconds: 3600 });
    expect(series.reduce((n, b) => n + b.logs, 0)).toBe(3);
    const page = await store.queries.queryRecords({ kind: 'all' });
    expect(page.items.map((r) => r.id).sort()).toEqual(['x', 'y', 'z']);
  });

  it('rotates its own files by size, keeps reading them on open, and readers list them', async () => {
    const one = await sink({ rotateBytes: 2048 });
    const ids: string[] = [];
    for (let b = 0; b < 20; b++) {
      const batch = Array.from({ length: 5 }, (_, i) => record(`r-${b}-${i}`, i === 0));
      ids.push(...batch.map((r) => r.id));
      await one.write(batch);
    }
    expect(one.rotated.length).toBeGreaterThan(2);
    expect(one.rotated.every((p) => /\/(normal|anomalous)_logs\.w1\.\d{4}-.*\.jsonl$/.test(p))).toBe(true);
    const seen: string[] = [];
    for (const live of ['normal_logs.jsonl', 'anomalous_logs.jsonl']) for (const f of await listStoreFiles(dir, live)) seen.push(...(await idsIn(f)));
    expect(seen.sort()).toEqual([...ids].sort());
    await one.close();
    const again = await sink();
    expect(await again.write([record('r-0-1'), record('r-19-4')])).toEqual({ written: 0, duplicates: 2 });
  });
});
