/**
 * How well `tokenize` gives one token list per template on LogHub-2k (real, labelled logs):
 * for each system, the share of lines whose token list is the most common one of their
 * ground-truth EventId, and how many token lists two different EventIds share (over-masking).
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/text/bench/template-consistency.ts
 * Data: $LOGAD_SHARED_DATA or ../shared/data relative to the repo root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tokenize } from '../src';

export interface ConsistencyRow {
  system: string;
  mask: boolean;
  lines: number;
  events: number;
  tokenLists: number;
  /** Share of lines whose token list is their EventId's most common one (1 = perfect). */
  majorityShare: number;
  /** Token lists produced by more than one EventId. */
  sharedLists: number;
}

export const LOGHUB_SYSTEMS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'Linux', 'BGL', 'HealthApp', 'Proxifier'] as const;

export function sharedDataDir(): string {
  return process.env.LOGAD_SHARED_DATA ?? resolve(__dirname, '../../../../shared/data');
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[i++];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export function measureTemplateConsistency(dataDir: string, system: string, mask: boolean): ConsistencyRow {
  const rows = parseCsv(readFileSync(join(dataDir, 'loghub-2k', system, `${system}_2k.log_structured.csv`), 'utf8'));
  const header = rows[0];
  const content = header.indexOf('Content');
  const event = header.indexOf('EventId');
  const byEvent = new Map<string, Map<string, number>>();
  const eventsOfList = new Map<string, Set<string>>();
  let lines = 0;
  for (const r of rows.slice(1)) {
    if (r.length !== header.length) continue;
    lines++;
    const key = tokenize(r[content], { mask }).join('\u0000');
    const lists = byEvent.get(r[event]) ?? new Map<string, number>();
    byEvent.set(r[event], lists.set(key, (lists.get(key) ?? 0) + 1));
    eventsOfList.set(key, (eventsOfList.get(key) ?? new Set<string>()).add(r[event]));
  }
  let majority = 0;
  let tokenLists = 0;
  for (const lists of byEvent.values()) {
    majority += Math.max(...lists.values());
    tokenLists += lists.size;
  }
  const sharedLists = [...eventsOfList.values()].filter((s) => s.size > 1).length;
  return { system, mask, lines, events: byEvent.size, tokenLists, majorityShare: majority / lines, sharedLists };
}

if (require.main === module) {
  const dir = sharedDataDir();
  if (!existsSync(join(dir, 'loghub-2k'))) {
    console.log(`template consistency: SKIPPED (no loghub-2k under ${dir})`);
  } else {
    console.log('system     | events | token lists (mask / none) | lines in majority list (mask / none) | lists shared by 2+ events (mask)');
    for (const s of LOGHUB_SYSTEMS) {
      const m = measureTemplateConsistency(dir, s, true);
      const n = measureTemplateConsistency(dir, s, false);
      console.log(
        `${s.padEnd(10)} | ${String(m.events).padStart(6)} | ${m.tokenLists} / ${n.tokenLists} | ${m.majorityShare.toFixed(3)} / ${n.majorityShare.toFixed(3)} | ${m.sharedLists}`,
      );
    }
  }
}
