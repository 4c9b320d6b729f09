import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files of one store in `dir`, rotated ones first (oldest first) and the live one last:
 * `normal_logs.<time>.<pid>.jsonl`, …, `normal_logs.jsonl`. A missing directory lists nothing.
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
