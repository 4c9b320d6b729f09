import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoghubSystem } from './loghub-formats';

/** The shared data folder: $LOGAD_SHARED_DATA, else ../shared/data next to the repository root. */
export function sharedDataDir(): string {
  return process.env.LOGAD_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data');
}

export interface LoghubSample {
  /** Raw log lines, in file order. */
  readonly lines: string[];
  /** Per line, from the structured CSV. */
  readonly content: string[];
  readonly eventId: string[];
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function loghubAvailable(dataDir = sharedDataDir()): boolean {
  return fs.existsSync(path.join(dataDir, 'loghub-2k', 'HDFS', 'HDFS_2k.log_structured.csv'));
}

/** Loads `<S>_2k.log` and the Content and EventId columns of `<S>_2k.log_structured.csv`. */
export function loadLoghub(system: LoghubSystem, dataDir = sharedDataDir()): LoghubSample {
  const dir = path.join(dataDir, 'loghub-2k', system);
  const lines = fs.readFileSync(path.join(dir, `${system}_2k.log`), 'utf8').split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, `${system}_2k.log_structured.csv`), 'utf8'));
  const ci = header.indexOf('Content');
  const ei = header.indexOf('EventId');
  const good = rows.filter((r) => r.length === header.length);
  if (good.length !== lines.length) throw new Error(`${system}: ${lines.length} log lines but ${good.length} labelled rows`);
  return { lines, content: good.map((r) => r[ci]), eventId: good.map((r) => r[ei]) };
}
