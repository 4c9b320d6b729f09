// The disk under the JSON Lines store full (ENOSPC), on a real tmpfs this test mounts (root only):
// a write that fails must leave nothing behind that stops the next one, and once space is back
// every record must be stored exactly once in whole lines. Found by tools/faults (`--fault disk-full`).
import { ScoredRecord } from '@logad/contracts';
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileLock } from './file-lock';
import { JsonLinesStore } from './json-lines.store';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

function record(id: string): ScoredRecord {
  return {
    id,
    timestamp: '2024-01-01T00:00:00.000Z',
    source: 'svc',
    level: 'INFO',
    message: `message ${id} ${'x'.repeat(300)}`,
    anomaly_score: 0.1,
    is_anomaly: false,
    prediction: 1,
    model_version: 'v1',
    received_at: 1,
    stored_at: 2,
  };
}

/** Fills the file system at `dir` to its last byte; returns a function that frees it again. */
async function fill(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'filler');
  const h = await open(path, 'w');
  let pos = 0;
  for (const size of [1 << 16, 512, 1]) {
    const buf = Buffer.alloc(size);
    for (;;) {
      try {
        const { bytesWritten } = await h.write(buf, 0, size, pos);
        pos += bytesWritten;
        if (bytesWritten < size) break;
      } catch {
        break; // ENOSPC
      }
    }
  }
  await h.close();
  return () => unlink(path);
}

(isRoot ? describe : describe.skip)('JsonLinesStore on a full disk (a tmpfs; needs root)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-storage-enospc-'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  });
  afterEach(async () => {
    await run('umount', [dir]).catch(() => run('umount', ['-l', dir]));
    await rm(dir, { recursive: true, force: true });
  });

  it('a lock that could not be written (ENOSPC) is not left behind to block every later writer', async () => {
    const lock = new FileLock(join(dir, '.logad-write.lock'), 2, 500);
    const free = await fill(dir);
    await expect(lock.withLock(async () => 'held')).rejects.toMatchObject({ code: 'ENOSPC' });
    await free();
    await expect(lock.withLock(async () => 'held')).resolves.toBe('held');
  });

  it('stores every record exactly once, in whole lines, after appends that ran out of space', async () => {
    const storage = new JsonLinesStore({ dir, fsync: 'always' }).sink;
    await storage.open();
    const first = Array.from({ length: 100 }, (_, i) => record(`a-${i}`));
    await storage.write(first);
    // Leave room for part of the next batch only: its append is cut short mid-line.
    const free = await fill(dir);
    await unlink(join(dir, 'filler'));
    await writeFile(join(dir, 'filler'), Buffer.alloc((await freeBytes(dir)) - 50_000));
    const second = Array.from({ length: 500 }, (_, i) => record(`b-${i}`));
    await expect(storage.write(second)).rejects.toMatchObject({ code: 'storage:write-failed' });
    await expect(storage.write(second)).rejects.toMatchObject({ code: 'storage:write-failed' });
    await free();
    await expect(storage.write(second)).resolves.toMatchObject({ written: expect.any(Number) });
    await storage.close();

    const lines = (await readFile(join(dir, 'normal_logs.jsonl'), 'utf8')).split('\n').filter((l) => l.length > 0);
    const ids: string[] = [];
    let torn = 0;
    for (const line of lines) {
      try {
        ids.push((JSON.parse(line) as { id: string }).id);
      } catch {
        torn++;
      }
    }
    expect(torn).toBeLessThanOrEqual(1); // the fragment the full disk cut, closed by a newline of its own
    expect(ids.sort()).toEqual([...first, ...second].map((r) => r.id).sort());

    // A fresh process reading the store agrees.
    const again = new JsonLinesStore({ dir, fsync: 'never' }).sink;
    await again.open();
    await expect(again.write(second)).resolves.toEqual({ written: 0, duplicates: 500 });
    await again.close();
  });
});

describe('FileLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes over an empty lock file left by a holder killed between creating and writing it', async () => {
    const path = join(dir, '.logad-write.lock');
    await writeFile(path, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(path, old, old);
    await expect(new FileLock(path, 2, 2_000).withLock(async () => 'held')).resolves.toBe('held');
  });
});

async function freeBytes(dir: string): Promise<number> {
  const { statfs } = await import('node:fs/promises');
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}
