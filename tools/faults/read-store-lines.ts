import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { StoredLine } from './account-stores';

const ID_PREFIX = /^\{"id":"((?:[^"\\]|\\.)*)"/;

/**
 * Every line of one store file, parsed in full (not just its id, as the storage does): a line
 * that is not a whole JSON record is reported as torn, with the id it starts with if any.
 * A missing file has no lines.
 */
export async function readStoreLines(path: string, file: 'normal' | 'anomalous'): Promise<StoredLine[]> {
  try {
    await access(path);
  } catch {
    return [];
  }
  const out: StoredLine[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue; // the storage closes a torn line with a newline of its own
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      out.push({ kind: 'torn', file, idPrefix: ID_PREFIX.exec(line)?.[1] });
      continue;
    }
    const r = rec as { id?: unknown; is_anomaly?: unknown } | null;
    if (r && typeof r.id === 'string') out.push({ kind: 'record', id: r.id, file, isAnomaly: r.is_anomaly === true });
    else out.push({ kind: 'torn', file });
  }
  return out;
}
