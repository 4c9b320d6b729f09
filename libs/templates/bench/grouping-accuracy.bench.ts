import { compileHeaderFormat, groupingAccuracy, stripHeader, TemplateMiner, type TemplateMinerOptions } from '../src';
import type { BenchResult } from './bench-result';
import { loadLoghub, loghubAvailable, sharedDataDir } from './loghub-data';
import { DRAIN_ACCURACY, LOGHUB_FORMATS, LOGHUB_SYSTEMS, type LoghubSystem } from './loghub-formats';

export interface GroupingBenchOptions {
  dataDir?: string;
  systems?: readonly LoghubSystem[];
  /**
   * 'raw': feed the raw `.log` lines with the system's LogHub header format (headerFormat option);
   * 'content': feed the Content column of the structured CSV. Both give the same content (checked).
   * @defaultValue 'raw'
   */
  input?: 'raw' | 'content';
  /** Miner options on top of the library defaults (headerFormat is set per system for 'raw'). */
  miner?: TemplateMinerOptions;
  /** Feed the lines in a seeded random order instead of file order (robustness check). */
  shuffleSeed?: number;
}

const REFERENCE = 'Drain (LogPAI Loghub-2k benchmark)';

/** Deterministic permutation from a 32-bit seed (mulberry32 + Fisher-Yates). */
function permutation(n: number, seed: number): number[] {
  let a = seed | 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Grouping accuracy of the miner (library defaults, one configuration for every system) on each Loghub-2k
 * system, plus the mean. A line's predicted group is the id `add` returned, resolved through later merges
 * with `get(id).templateId` (the final clustering, as Drain's benchmark reads its final clusters); the note
 * also gives the accuracy of the raw ids as returned at the time of `add`.
 */
export async function runGroupingBench(opts: GroupingBenchOptions = {}): Promise<BenchResult[]> {
  const dataDir = opts.dataDir ?? sharedDataDir();
  if (!loghubAvailable(dataDir)) return [];
  const input = opts.input ?? 'raw';
  const results: BenchResult[] = [];
  for (const system of opts.systems ?? LOGHUB_SYSTEMS) {
    const sample = loadLoghub(system, dataDir);
    const format = compileHeaderFormat(LOGHUB_FORMATS[system]);
    const contentMismatches = sample.lines.filter((line, i) => stripHeader(line, format)?.content !== sample.content[i]).length;
    const miner = new TemplateMiner(input === 'raw' ? { ...opts.miner, headerFormat: LOGHUB_FORMATS[system] } : { ...opts.miner });
    const messages = input === 'raw' ? sample.lines : sample.content;
    const order = opts.shuffleSeed === undefined ? messages.map((_, i) => i) : permutation(messages.length, opts.shuffleSeed);
    const atAdd: number[] = new Array<number>(messages.length);
    for (const i of order) atAdd[i] = miner.add(messages[i]).templateId;
    const final = atAdd.map((id) => miner.get(id)?.templateId ?? -1 - id);
    const value = groupingAccuracy(sample.eventId, final);
    const events = new Set(sample.eventId).size;
    results.push({
      name: system,
      value,
      unit: 'grouping accuracy',
      reference: REFERENCE,
      referenceValue: DRAIN_ACCURACY[system],
      ratio: value / DRAIN_ACCURACY[system],
      note: `${miner.size} templates (truth ${events}); ids at add time ${groupingAccuracy(sample.eventId, atAdd).toFixed(4)}; header/Content mismatches ${contentMismatches}`,
    });
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const value = mean(results.map((r) => r.value));
  const referenceValue = mean(results.map((r) => r.referenceValue as number));
  results.push({ name: 'mean', value, unit: 'grouping accuracy', reference: REFERENCE, referenceValue, ratio: value / referenceValue, note: 'goal >= 0.95' });
  return results;
}

function printTable(title: string, results: readonly BenchResult[]): void {
  console.log(`\n${title}`);
  console.log(`${'system'.padEnd(10)} ${'accuracy'.padStart(8)} ${'Drain'.padStart(7)}  note`);
  for (const r of results) {
    console.log(`${r.name.padEnd(10)} ${r.value.toFixed(4).padStart(8)} ${(r.referenceValue ?? NaN).toFixed(4).padStart(7)}  ${r.note ?? ''}`);
  }
}

if (require.main === module) {
  void (async () => {
    const main = await runGroupingBench();
    if (main.length === 0) {
      console.log(`no Loghub-2k data under ${sharedDataDir()}: nothing measured`);
      return;
    }
    printTable('Loghub-2k grouping accuracy, raw lines + LogHub header formats, library defaults, file order', main);
    printTable('Same, Content column as input', await runGroupingBench({ input: 'content' }));
    // order robustness: the miner is online, so the file order is one draw among many
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const runs = await Promise.all(seeds.map((shuffleSeed) => runGroupingBench({ shuffleSeed })));
    const shuffled = main.map((r, k) => {
      const values = runs.map((run) => run[k].value);
      const avg = values.reduce((a, b) => a + b, 0) / values.length;
      return { ...r, value: avg, note: `min ${Math.min(...values).toFixed(4)}, max ${Math.max(...values).toFixed(4)}` };
    });
    printTable(`Shuffled line order, mean over ${seeds.length} seeds`, shuffled);
  })();
}
