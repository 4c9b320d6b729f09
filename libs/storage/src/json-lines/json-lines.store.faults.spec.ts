// Regressions found by the fault-injection suite (tools/faults): each test reproduces one way the
// JSON Lines store lost or duplicated a record, with real files and concurrent writers.
import { ScoredRecord } from '@logad/contracts';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLinesStore } from './json-lines.store';
import { listStoreFiles } from './list-store-files';

function record(id: string, isAnomaly = false): ScoredRecord {
  return {
    id,
    timestamp: '2024-01-01T00:00:00.000Z',
    source: 'svc',
    level: 'INFO',
    message: `message ${id} ${'x'.repeat(100)}`,
    anomaly_score: isAnomaly ? -0.1 : 0.1,
    is_anomaly: isAnomaly,
    prediction: isAnomaly ? -1 : 1,
    model_version: 'v1',
    received_at: 1,
    stored_at: 2,
  };
}

async function storedIds(dir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const live of ['normal_logs.jsonl', 'anomalous_logs.jsonl']) {
    for (const f of await listStoreFiles(dir, live)) {
      for (const line of (await readFile(f, 'utf8')).split('\n')) {
        try {
          ids.push((JSON.parse(line) as { id: string }).id);
        } catch {
          // torn or blank
        }
      }
    }
  }
  return ids;
}

describe('JsonLinesRecordSink under faults', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-storage-faults-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes an id once when two writers store the same records at the same moment', async () => {
    const a = new JsonLinesStore({ dir, fsync: 'never' }).sink;
    const b = new JsonLinesStore({ dir, fsync: 'never' }).sink;
    await a.open();
    await b.open();
    for (let round = 0; round < 30; round++) {
      const batch = Array.from({ length: 50 }, (_, i) => record(`r${round}-${i}`, i % 7 === 0));
      const [ra, rb] = await Promise.all([a.write(batch), b.write(batch)]);
      expect(ra.written + rb.written).toBe(50);
    }
    await a.close();
    await b.close();
    const ids = await storedIds(dir);
    expect(ids).toHaveLength(1500);
    expect(new Set(ids).size).toBe(1500);
  });

  it('remembers ids in files moved aside by rotation when a new writer starts', async () => {
    const first = new JsonLinesStore({ dir, fsync: 'never', rotateBytes: 2000 }).sink;
    await first.open();
    const batch = Array.from({ length: 40 }, (_, i) => record(`rot-${i}`));
    await first.write(batch);
    await first.write([record('after-rotation')]);
    expect(first.rotated.length).toBeGreaterThan(0);
    await first.close();
    // The worker died before its job completed: the job comes back to a fresh worker.
    const second = new JsonLinesStore({ dir, fsync: 'never', rotateBytes: 2000 }).sink;
    await second.open();
    expect(await second.write(batch)).toEqual({ written: 0, duplicates: 40 });
    await second.close();
    expect((await storedIds(dir)).sort()).toEqual([...batch.map((r) => r.id), 'after-rotation'].sort());
  });

  it('does not count the id of a torn line as stored, and never glues a record onto it', async () => {
    const s = new JsonLinesStore({ dir, fsync: 'never' }).sink;
    await s.open();
    await s.write([record('before')]);
    // Another worker was SIGKILLed in the middle of write(2): its last record is cut short.
    const whole = JSON.stringify({ ...record('torn') });
    await appendFile(join(dir, 'normal_logs.jsonl'), whole.slice(0, 60));
    // The job of the torn record comes back; this live writer stores it, and another record.
    expect(await s.write([record('torn'), record('next')])).toEqual({ written: 2, duplicates: 0 });
    await s.close();
    const text = await readFile(join(dir, 'normal_logs.jsonl'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(4); // before, the fragment alone, torn, next
    expect((await storedIds(dir)).sort()).toEqual(['before', 'next', 'torn']);
  });

  it('takes over the write lock of a writer that was killed while holding it', async () => {
    await writeFile(join(dir, '.logad-write.lock'), `999999999@${hostname()}`);
    const s = new JsonLinesStore({ dir, fsync: 'never' }).sink;
    await s.open();
    expect(await s.write([record('a')])).toEqual({ written: 1, duplicates: 0 });
    await s.close();
  });
});
