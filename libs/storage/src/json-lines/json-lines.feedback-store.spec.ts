import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageQueryError } from '../errors/storage-query.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { JsonLinesStore } from './json-lines.store';
import { timestampOfLine } from './timestamp-of-line';

describe('JsonLinesFeedbackStore (muted_templates.json, confirmed_templates.json)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-mutes-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('works without open(), creating the directory, and leaves one readable file and no temporary files', async () => {
    const logs = join(dir, 'not', 'yet');
    const s = new JsonLinesStore({ dir: logs }).feedback;
    expect(await s.listMutes()).toEqual([]);
    const m = await s.muteTemplate(4, 'Disk <*> almost full', 'expected during backups');
    expect(JSON.parse(await readFile(join(logs, 'muted_templates.json'), 'utf8'))).toEqual({ version: 1, mutes: [m] });
    await s.muteTemplate(5, 'other');
    expect(await s.unmuteTemplate(4)).toBe(true);
    expect(await readdir(logs)).toEqual(['muted_templates.json']);
    expect(await new JsonLinesStore({ dir: logs, mutesFile: 'elsewhere.json' }).feedback.listMutes()).toEqual([]);
  });

  it('keeps confirmations in confirmed_templates.json beside the mutes, one verdict per template', async () => {
    const s = new JsonLinesStore({ dir }).feedback;
    await s.muteTemplate(4, 'Disk <*> almost full');
    const c = await s.giveFeedback('confirm', 4, 'Disk <*> almost full', 'it filled up');
    expect(JSON.parse(await readFile(join(dir, 'confirmed_templates.json'), 'utf8'))).toEqual({
      version: 1,
      confirms: [{ template_id: 4, template: c.template, note: 'it filled up', confirmed_at: c.at }],
    });
    expect(JSON.parse(await readFile(join(dir, 'muted_templates.json'), 'utf8'))).toEqual({ version: 1, mutes: [] });
    // A crash between the two rewrites leaves the template in both files: the later verdict counts.
    await writeFile(
      join(dir, 'muted_templates.json'),
      JSON.stringify({ version: 1, mutes: [{ template_id: 4, template: 'x', note: null, muted_at: '2020-01-01T00:00:00.000Z' }] }),
    );
    expect(await s.listFeedback()).toEqual([c]);
    expect((await readdir(dir)).sort()).toEqual(['confirmed_templates.json', 'muted_templates.json']);
  });

  it('never lets a reader see half a file while another instance rewrites it', async () => {
    const writer = new JsonLinesStore({ dir, fsync: 'never' }).feedback;
    const reader = new JsonLinesStore({ dir, fsync: 'never' }).feedback;
    // A long template makes each rewrite take several write calls.
    const big = 'x <*> '.repeat(10_000);
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 40; i++) await writer.muteTemplate(i, `${big}${i}`);
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const mutes = await reader.listMutes();
      expect(mutes.every((m) => m.template.startsWith(big))).toBe(true);
      reads++;
    }
    await writes;
    expect(reads).toBeGreaterThan(0);
    expect(await reader.listMutes()).toHaveLength(40);
  });

  it('reports a broken file instead of treating it as empty, and leaves it untouched', async () => {
    const path = join(dir, 'muted_templates.json');
    const s = new JsonLinesStore({ dir }).feedback;
    for (const broken of ['{"version":1,"mutes":[{"template_id":"x"}]}', '{"mutes":[]}', '[]', '{"version":1,"mu']) {
      await writeFile(path, broken);
      await expect(s.listMutes()).rejects.toBeInstanceOf(StorageQueryError);
      await expect(s.listMutes()).rejects.toThrow(/muted_templates\.json: not a mutes file/);
      await expect(s.muteTemplate(1, 'x')).rejects.toBeInstanceOf(StorageWriteError);
      await expect(s.unmuteTemplate(1)).rejects.toBeInstanceOf(StorageWriteError);
      expect(await readFile(path, 'utf8')).toBe(broken);
    }
  });
});

describe('timestampOfLine', () => {
  it('reads the one timestamp key, and defers to a full parse when unsure', () => {
    expect(timestampOfLine('{"id":"a","timestamp":"2024-03-10T12:00:00.000Z","message":"m"}')).toBe(Date.parse('2024-03-10T12:00:00.000Z'));
    expect(timestampOfLine('{"id":"a","timestamp":"2024-03-10T13:00:00+01:00"}')).toBe(Date.parse('2024-03-10T12:00:00.000Z'));
    // The key inside a string value is escaped, so it is not a key.
    expect(timestampOfLine(JSON.stringify({ id: 'a', message: '"timestamp":"1999-01-01T00:00:00Z"', timestamp: '2024-01-01T00:00:00Z' }))).toBe(
      Date.parse('2024-01-01T00:00:00Z'),
    );
    expect(timestampOfLine(JSON.stringify({ id: 'a', attributes: { timestamp: '1999-01-01' }, timestamp: '2024-01-01T00:00:00Z' }))).toBeUndefined();
    expect(timestampOfLine('{"id":"a","message":"m"}')).toBeUndefined();
    expect(timestampOfLine('{"id":"a","timestamp":"2024-01-01\\u0054"}')).toBeUndefined();
    expect(timestampOfLine('{"id":"a","timestamp":"2024-01')).toBeUndefined();
    expect(timestampOfLine('{"id":"a","timestamp":"soon"}')).toBeNaN();
  });
});
