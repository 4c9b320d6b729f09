import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileHeaderFormat, stripHeader, TemplateMiner, type TemplateMinerOptions } from '../src';
import type { BenchResult } from './bench-result';
import { loadLoghub, loghubAvailable, sharedDataDir } from './loghub-data';
import { LOGHUB_FORMATS, LOGHUB_SYSTEMS } from './loghub-formats';

export interface ThroughputBenchOptions {
  dataDir?: string;
  /** Times the concatenated Loghub-2k corpus (16,000 lines) is repeated. @defaultValue 10 */
  repeat?: number;
  /** Timed runs per corpus; the best is reported (the machine is shared). @defaultValue 3 */
  runs?: number;
  /** Cap on HDFS.log lines. @defaultValue all (125,942) */
  hdfsLines?: number;
  miner?: TemplateMinerOptions;
}

const GOAL = 200_000;

function timeAdds(messages: readonly string[], options: TemplateMinerOptions, runs: number): { rate: number; templates: number } {
  let best = 0;
  let templates = 0;
  for (let r = 0; r < runs; r++) {
    const miner = new TemplateMiner(options);
    const t0 = process.hrtime.bigint();
    for (const m of messages) miner.add(m);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, messages.length / seconds);
    templates = miner.size;
  }
  return { rate: best, templates };
}

/** add() throughput (lines/s, one core) on the Loghub-2k lines repeated and on the 125k-line HDFS.log sample. */
export async function runTemplatesThroughputBench(opts: ThroughputBenchOptions = {}): Promise<BenchResult[]> {
  const dataDir = opts.dataDir ?? sharedDataDir();
  const runs = opts.runs ?? 3;
  const results: BenchResult[] = [];
  if (loghubAvailable(dataDir)) {
    // one corpus of all systems: header stripped per system first, so one miner sees plain messages
    const corpus: string[] = [];
    for (const s of LOGHUB_SYSTEMS) {
      const format = compileHeaderFormat(LOGHUB_FORMATS[s]);
      for (const line of loadLoghub(s, dataDir).lines) corpus.push(stripHeader(line, format)?.content ?? line);
    }
    const raw = LOGHUB_SYSTEMS.flatMap((s) => loadLoghub(s, dataDir).lines);
    const repeat = (xs: readonly string[]): string[] => Array.from({ length: opts.repeat ?? 10 }, () => xs).flat();
    for (const [name, lines] of [
      ['add, Loghub-2k 8 systems concatenated (content, header stripped beforehand)', repeat(corpus)],
      ['add, Loghub-2k 8 systems concatenated (whole raw lines, no header format)', repeat(raw)],
    ] as const) {
      const r = timeAdds(lines, opts.miner ?? {}, runs);
      results.push({
        name,
        value: Math.round(r.rate),
        unit: 'lines/s',
        reference: 'goal',
        referenceValue: GOAL,
        ratio: r.rate / GOAL,
        note: `${lines.length} lines, ${r.templates} templates, best of ${runs}`,
      });
    }
  }
  const hdfs = path.join(dataDir, 'hdfs', 'HDFS.log');
  if (fs.existsSync(hdfs)) {
    const lines = fs.readFileSync(hdfs, 'utf8').split('\n').filter((l) => l.length > 0).slice(0, opts.hdfsLines);
    const r = timeAdds(lines, { ...opts.miner, headerFormat: LOGHUB_FORMATS.HDFS }, runs);
    results.push({
      name: 'add, HDFS.log raw lines (header stripped by the miner)',
      value: Math.round(r.rate),
      unit: 'lines/s',
      reference: 'goal',
      referenceValue: GOAL,
      ratio: r.rate / GOAL,
      note: `${lines.length} lines, ${r.templates} templates, best of ${runs}`,
    });
  }
  return results;
}

if (require.main === module) {
  void runTemplatesThroughputBench().then((results) => {
    if (results.length === 0) console.log(`no data under ${sharedDataDir()}: nothing measured`);
    for (const r of results) console.log(`${r.name}: ${r.value.toLocaleString('en-US')} ${r.unit} (goal ${GOAL.toLocaleString('en-US')}, x${r.ratio?.toFixed(2)}) - ${r.note}`);
  });
}
