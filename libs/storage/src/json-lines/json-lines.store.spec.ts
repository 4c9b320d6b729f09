import { ScoredRecord } from '@logad/contracts';
import { appendFile, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageContract } from '../contract/storage.contract';
import { T0, arrivalReference, dataset, makeRecord, newestFirst } from '../contract/storage-contract.data';
import { STORAGE_ERROR_CODES } from '../errors/error-codes';
import { StorageNotOpenError } from '../errors/storage-not-open.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { JsonLinesRecordSink } from './json-lines.record-sink';
import { JsonLinesStore } from './json-lines.store';
import { JsonLinesFile } from './json-lines-file';
import { listStoreFiles } from './list-store-files';
import { readJsonLines } from './read-json-lines';

const contractDirs: string[] = [];
afterAll(async () => {
  await Promise.all(contractDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describeStorageContract('json-lines', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'logad-storage-contract-'));
  contractDirs.push(dir);
  return () => new JsonLinesStore({ dir, fsync: 'never' });
});

function record(id: string, isAnomaly: boolean, message = `message ${id}`): ScoredRecord {
  return {
    id,
    timestamp: '2024-01-01T00:00:00.000Z',
    source: 'svc',
    level: 'INFO',
    message,
    anomaly_score: isAnomaly ? -0.1 : 0.1,
    is_anomaly: isAnomaly,
    prediction: isAnomaly ? -1 : 1,
    model_version: 'v1',
    received_at: 1,
    stored_at: 2,
  };
}

async function readAll(path: string): Promise<ScoredRecord[]> {
  const out: ScoredRecord[] = [];
  for await (const r of readJsonLines<ScoredRecord>(path)) out.push(r);
  return out;
}

describe('JsonLinesRecordSink', () => {
  let dir: string;
  const open: JsonLinesRecordSink[] = [];
  async function storage(opts: Partial<ConstructorParameters<typeof JsonLinesStore>[0]> = {}) {
    const s = new JsonLinesStore({ dir, ...opts }).sink;
    await s.open();
    open.push(s);
    return s;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-storage-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps normal and anomalous records in their own files', async () => {
    const s = await storage();
    expect(await s.write([record('a', false), record('b', true), record('c', false)])).toEqual({ written: 3, duplicates: 0 });
    expect((await readAll(s.normalPath)).map((r) => r.id)).toEqual(['a', 'c']);
    expect((await readAll(s.anomalousPath)).map((r) => r.id)).toEqual(['b']);
    expect(await readAll(join(dir, 'anomalous_logs.jsonl'))).toEqual([record('b', true)]);
  });

  it('stores newlines, quotes, ANSI escapes and NULs verbatim on one line', async () => {
    const s = await storage();
    const nasty = 'line1\nline2\r\n"quoted" \\ \u001b[31mred\u001b[0m \u0000 \u2028 end';
    await s.write([record('x', false, nasty), record('y', false)]);
    const text = await readFile(s.normalPath, 'utf8');
    expect(text.split('\n')).toHaveLength(3); // two lines and the final newline
    expect((await readAll(s.normalPath))[0].message).toBe(nasty);
  });

  it('keeps one record per id: within a batch, across writes, and after reopening', async () => {
    const s = await storage();
    expect(await s.write([record('a', false), record('a', false)])).toEqual({ written: 1, duplicates: 1 });
    expect(await s.write([record('a', false), record('b', true)])).toEqual({ written: 1, duplicates: 1 });
    await s.close();
    open.pop();
    const again = await storage();
    expect(await again.write([record('a', false), record('b', true), record('c', true)])).toEqual({ written: 1, duplicates: 2 });
    expect((await readAll(again.normalPath)).map((r) => r.id)).toEqual(['a']);
    expect((await readAll(again.anomalousPath)).map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('sees ids that another process appended to the same files', async () => {
    const one = await storage();
    const two = await storage();
    await one.write([record('a', false), record('b', true)]);
    expect(await two.write([record('a', false), record('b', true), record('c', false)])).toEqual({ written: 1, duplicates: 2 });
    expect(await one.write([record('c', false)])).toEqual({ written: 0, duplicates: 1 });
  });

  it('closes a torn last line on open, skips it when reading, and keeps appending whole lines', async () => {
    const s = await storage();
    await s.write([record('a', false)]);
    await s.close();
    open.pop();
    await appendFile(join(dir, 'normal_logs.jsonl'), '{"id":"torn","mess');
    const again = await storage();
    expect(again.repairedTornLines).toBe(1);
    await again.write([record('b', false)]);
    expect((await readAll(again.normalPath)).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('rotates by size without losing or repeating a line, also when two writers share the files', async () => {
    const one = await storage({ rotateBytes: 4096, fsync: 'never' });
    const two = await storage({ rotateBytes: 4096, fsync: 'never' });
    const ids: string[] = [];
    for (let b = 0; b < 40; b++) {
      const batch = Array.from({ length: 10 }, (_, i) => record(`r-${b}-${i}`, i % 5 === 0));
      ids.push(...batch.map((r) => r.id));
      await (b % 2 ? one : two).write(batch);
      await (b % 2 ? two : one).write(batch.slice(0, 3)); // redelivered part: must not be written again
    }
    expect(one.rotated.length + two.rotated.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const kind of ['normal_logs.jsonl', 'anomalous_logs.jsonl']) {
      for (const f of await listStoreFiles(dir, kind)) for (const r of await readAll(f)) seen.push(r.id);
    }
    expect(seen.sort()).toEqual(ids.sort());
  });

  it('writes concurrent writes together, each with its own counts, a copy across them once', async () => {
    const s = await storage({ fsync: 'always' });
    const results = await Promise.all([
      s.write([record('a', false), record('b', true)]),
      s.write([record('b', true), record('c', false), record('c', false)]),
      s.write([record('a', false)]),
    ]);
    expect(results).toEqual([
      { written: 2, duplicates: 0 },
      { written: 1, duplicates: 2 },
      { written: 0, duplicates: 1 },
    ]);
    expect((await readAll(join(dir, 'normal_logs.jsonl'))).map((r) => r.id)).toEqual(['a', 'c']);
    expect((await readAll(join(dir, 'anomalous_logs.jsonl'))).map((r) => r.id)).toEqual(['b']);
  });

  it('fails only the write whose record cannot be serialised, not the others written with it', async () => {
    const s = await storage();
    const bad = { ...record('bad', false), attributes: { n: BigInt(1) } } as ScoredRecord;
    const [first, second, third] = await Promise.allSettled([s.write([record('x', false)]), s.write([record('y', false), bad]), s.write([record('z', false)])]);
    expect(first).toEqual({ status: 'fulfilled', value: { written: 1, duplicates: 0 } });
    expect(second).toMatchObject({ status: 'rejected', reason: expect.any(StorageWriteError) });
    expect(third).toEqual({ status: 'fulfilled', value: { written: 1, duplicates: 0 } });
    // Nothing of the failed write was kept: its retry (without the bad record) stores it.
    expect(await s.write([record('y', false)])).toEqual({ written: 1, duplicates: 0 });
    expect((await readAll(join(dir, 'normal_logs.jsonl'))).map((r) => r.id)).toEqual(['x', 'z', 'y']);
  });

  it('drops a copy within one write even when the write holds more records than its dedupe window', async () => {
    const s = await storage({ dedupeWindow: 2 });
    expect(await s.write(['a', 'b', 'c', 'a'].map((id) => record(id, false)))).toEqual({ written: 3, duplicates: 1 });
  });

  it('forgets the oldest ids beyond its dedupe window', async () => {
    const s = await storage({ dedupeWindow: 2 });
    await s.write([record('a', false), record('b', false), record('c', false)]);
    expect(await s.write([record('c', false)])).toEqual({ written: 0, duplicates: 1 });
    expect(await s.write([record('a', false)])).toEqual({ written: 1, duplicates: 0 });
  });

  it('fails writes with typed errors when not open or when the disk is full, and remembers nothing it did not write', async () => {
    const closed = new JsonLinesStore({ dir }).sink;
    await expect(closed.write([record('a', false)])).rejects.toBeInstanceOf(StorageNotOpenError);
    // /dev/full answers every write with ENOSPC: a real full disk.
    await symlink('/dev/full', join(dir, 'full.jsonl'));
    const full = await storage({ normalFile: 'full.jsonl', fsync: 'never' });
    await expect(full.write([record('z', false)])).rejects.toBeInstanceOf(StorageWriteError);
    await expect(full.write([record('z', false)])).rejects.toThrow(/ENOSPC/);
    expect(STORAGE_ERROR_CODES).toHaveProperty([new StorageNotOpenError().code]);
    expect(STORAGE_ERROR_CODES).toHaveProperty([new StorageWriteError('x').code]);
  });
});

describe('JsonLinesRecordSink sessions', () => {
  it('appends anomalous sessions to their own file, once per session id, across reopening', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logad-sessions-'));
    const session = (id: string) => ({
      id,
      key: id.split('@')[0],
      line_ids: ['a', 'b'],
      line_count: 2,
      started_at: '2024-01-01T00:00:00.000Z',
      ended_at: '2024-01-01T00:00:01.000Z',
      closed_by: 'idle' as const,
      is_anomaly: true,
      anomaly_score: -0.2,
      score: 70,
      reason: 'unseen transition',
      unseen_templates: [],
      model_version: 'v1',
      stored_at: 3,
    });
    try {
      const s = new JsonLinesStore({ dir }).sink;
      await s.open();
      expect(await s.writeSessions([session('blk_1@a'), session('blk_1@a'), session('blk_2@c')])).toEqual({ written: 2, duplicates: 1 });
      await s.close();
      const again = new JsonLinesStore({ dir }).sink;
      await again.open();
      expect(await again.writeSessions([session('blk_2@c'), session('blk_3@d')])).toEqual({ written: 1, duplicates: 1 });
      const stored: Array<{ id: string }> = [];
      for await (const r of readJsonLines<{ id: string }>(again.sessionsPath)) stored.push(r);
      expect(stored.map((r) => r.id)).toEqual(['blk_1@a', 'blk_2@c', 'blk_3@d']);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('JsonLinesRecordQueries', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-query-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('read rotated files too, skip torn lines, and work before open()', async () => {
    const data = dataset(300, 11);
    const s = new JsonLinesStore({ dir, fsync: 'never', rotateBytes: 8192 }).sink;
    await s.open();
    for (let i = 0; i < data.length; i += 20) await s.write(data.slice(i, i + 20));
    await s.close();
    expect(s.rotated.length).toBeGreaterThan(4);
    await appendFile(join(dir, 'normal_logs.jsonl'), '{"id":"torn","timestamp":"2024-03-10T12:00:');
    const reader = new JsonLinesStore({ dir }).queries;
    const sorted = [...data].sort(newestFirst);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reader.queryRecords({ kind: 'all', limit: 50, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(sorted.map((r) => r.id));
    const oldest = sorted[sorted.length - 1];
    expect((await reader.around(oldest.id, 2, 2)).map((r) => r.id)).toContain(oldest.id);
    // Arrival order holds across rotated files: every line of a source, in write order within a millisecond.
    const target = sorted[150];
    const same = arrivalReference(data, 'per-file').filter((r) => r.source === target.source);
    expect((await reader.around(target.id, 1000, 1000)).map((r) => r.id)).toEqual(same.map((r) => r.id));
    expect((await reader.templateStats({})).reduce((n, t) => n + t.count, 0)).toBe(data.filter((r) => r.template_id !== undefined).length);
  });

  it('lists a record stored twice (a duplicate beyond the dedupe window) once per page', async () => {
    const { sink, queries } = new JsonLinesStore({ dir, fsync: 'never', dedupeWindow: 1 });
    await sink.open();
    await sink.write([makeRecord('dup', T0, { is_anomaly: true })]);
    await sink.write([makeRecord('other', T0 + 1, { is_anomaly: true })]);
    expect(await sink.write([makeRecord('dup', T0, { is_anomaly: true })])).toEqual({ written: 1, duplicates: 0 });
    expect((await queries.queryRecords({})).items.map((r) => r.id)).toEqual(['other', 'dup']);
    // `around` lists it once too, and not as its own neighbour.
    expect((await queries.around('dup', 5, 5)).map((r) => r.id)).toEqual(['dup', 'other']);
    await sink.close();
  });
});

describe('JsonLinesFile.rotate', () => {
  it('gives every moved-aside file its own name, even several rotations in one millisecond', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logad-rotate-'));
    try {
      const { file } = await JsonLinesFile.open(join(dir, 'normal_logs.jsonl'));
      const aside: string[] = [];
      for (let i = 0; i < 20; i++) {
        await file.append(`{"id":"r${i}"}\n`);
        aside.push(await file.rotate());
      }
      await file.close();
      expect(new Set(aside).size).toBe(20);
      const ids: string[] = [];
      for (const f of await listStoreFiles(dir)) for await (const r of readJsonLines<{ id: string }>(f)) ids.push(r.id);
      // Oldest first: the names sort in rotation order.
      expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
