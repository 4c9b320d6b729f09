import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Letters, digits, `_` and `-`: a segment name holds no dot, so file names stay unambiguous. */
export const SEGMENT_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * `normal_logs.jsonl` with a segment: `normal_logs.<segment>.jsonl`; without one, unchanged.
 */
export function segmentFile(live: string, segment: string): string {
  return segment ? live.replace(/\.jsonl$/, '') + `.${segment}.jsonl` : live;
}

/**
 * Whether a file of the store `live` was written by a segment: `<base>.<segment>.jsonl` or, rotated,
 * `<base>.<segment>.<time>.<pid>.jsonl` (the shared file rotates to `<base>.<time>.<pid>.jsonl`).
 */
export function isSegmentFile(path: string, live: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const base = live.replace(/\.jsonl$/, '');
  if (name === live || !name.startsWith(`${base}.`) || !name.endsWith('.jsonl')) return false;
  const groups = name.slice(base.length + 1, -'.jsonl'.length).split('.').length;
  return groups === 1 || groups === 3;
}

/**
 * The files of one store in `dir`, rotated ones first (oldest first) and the live one last:
 * `normal_logs.<time>.<pid>.jsonl`, …, `normal_logs.jsonl`. Every segment's files are listed too
 * (`normal_logs.<segment>.jsonl` and its rotated ones), sorted by name. A missing directory lists nothing.
 */
export async function listStoreFiles(dir: string, live = 'normal_logs.jsonl'): Promise<string[]> {
  const base = live.replace(/\.jsonl$/, '');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const rotated = names.filter((n) => n.startsWith(`${base}.`) && n.endsWith('.jsonl') && n !== live).sort();
  return [...rotated, ...(names.includes(live) ? [live] : [])].map((n) => join(dir, n));
}
