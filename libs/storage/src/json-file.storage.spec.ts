import { ScoredRecord } from '@logad/contracts';
import { appendFile, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORAGE_ERROR_CODES } from './errors/error-codes';
import { StorageNotOpenError } from './errors/storage-not-open.error';
import { StorageWriteError } from './errors/storage-write.error';
import { JsonFileStorage } from './json-file.storage';
import { readJsonLines } from './read-json-lines';
import { listStoreFiles } from './list-store-files';

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

describe('JsonFileStorage', () => {
  let dir: string;
  const open: JsonFileStorage[] = [];
  async function storage(opts: Partial<ConstructorParameters<typeof JsonFileStorage>[0]> = {}) {
    const s = new JsonFileStorage({ dir, ...opts });
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

  it('forgets the oldest ids beyond its dedupe window', async () => {
    const s = await storage({ dedupeWindow: 2 });
    await s.write([record('a', false), record('b', false), record('c', false)]);
    expect(await s.write([record('c', false)])).toEqual({ written: 0, duplicates: 1 });
    expect(await s.write([record('a', false)])).toEqual({ written: 1, duplicates: 0 });
  });

  it('fails writes with typed errors when not open or when the disk is full, and remembers nothing it did not write', async () => {
    const closed = new JsonFileStorage({ dir });
    await expect(closed.write([record('a', false)])).rejects.toBeInstanceOf(StorageNotOpenError);
    // /dev/full answers every write with ENOSPC: a real full disk.
    await symlink('/dev/full', join(dir, 'full.jsonl'));
    const full = await storage({ normalFile: 'full.jsonl', fsync: 'never' });
    await expect(full.write([record('z', false)])).rejects.toBeInstanceOf(StorageWriteError);
    await expect(full.write([record('z', false)])).rejects.toThrow(/ENOSPC/);
    expect(Object.keys(STORAGE_ERROR_CODES).sort()).toEqual([new StorageNotOpenError().code, new StorageWriteError('x').code].sort());
  });
});

describe('JsonFileStorage sessions', () => {
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
      const s = new JsonFileStorage({ dir });
      await s.open();
      expect(await s.writeSessions([session('blk_1@a'), session('blk_1@a'), session('blk_2@c')])).toEqual({ written: 2, duplicates: 1 });
      await s.close();
      const again = new JsonFileStorage({ dir });
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
