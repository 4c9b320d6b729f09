/** Names accepted by --only. */
export const BENCH_NAMES = [
  'ceiling',
  'http',
  'intake',
  'limits',
  'queue',
  'pipeline',
  'soak',
  'iforest',
  'tfidf',
  'templates-throughput',
  'templates-grouping',
  'storage-sink',
] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export interface BenchArgs {
  /** Short, bounded runs (CI smoke). */
  readonly quick: boolean;
  /** Benches to run; all but the soak by default. */
  readonly only: ReadonlySet<BenchName>;
  /** Seconds of load per end-to-end run (default 60, quick 5). */
  readonly durationSec?: number;
  readonly soak: boolean;
  /** Soak length in seconds (default 600). */
  readonly soakSec: number;
  /** Offered rate of the soak (logs/s); max rate when absent. */
  readonly soakRate?: number;
  /** Folder for --cpu-prof profiles of the max-rate pipeline run. */
  readonly profileDir?: string;
  readonly jsonFile?: string;
  /** Where the Markdown report goes; undefined: BENCHMARKS.md for a complete run, nowhere for a partial or quick one. */
  readonly outFile?: string;
  readonly noWrite: boolean;
  /** Render BENCHMARKS.md again from a --json file, measuring nothing. */
  readonly fromJson?: string;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only ${BENCH_NAMES.join(',')}] [--duration S] [--soak [--soak-duration S] [--soak-rate N]] [--profile DIR] [--json FILE] [--out FILE] [--no-write]\n       npm run bench -- --from-json FILE [--profile DIR] [--out FILE]   (render the report again, measure nothing)`;

export class BenchArgsError extends Error {
  override readonly name = this.constructor.name;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let soak = false;
  let noWrite = false;
  let only: Set<BenchName> | undefined;
  let durationSec: number | undefined;
  let soakSec = 600;
  let soakRate: number | undefined;
  let profileDir: string | undefined;
  let jsonFile: string | undefined;
  let outFile: string | undefined;
  let fromJson: string | undefined;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new BenchArgsError(`${flag} needs a value`);
    return v;
  };
  const positive = (v: string, flag: string): number => {
    const n = Number(v);
    if (!(n > 0)) throw new BenchArgsError(`${flag} must be a positive number; got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--quick':
        quick = true;
        break;
      case '--soak':
        soak = true;
        break;
      case '--no-write':
        noWrite = true;
        break;
      case '--only': {
        const names = value(i++, a)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const n of names)
          if (!(BENCH_NAMES as readonly string[]).includes(n)) throw new BenchArgsError(`unknown bench ${n}; known: ${BENCH_NAMES.join(', ')}`);
        only = new Set(names as BenchName[]);
        break;
      }
      case '--duration':
        durationSec = positive(value(i++, a), a);
        break;
      case '--soak-duration':
        soakSec = positive(value(i++, a), a);
        break;
      case '--soak-rate':
        soakRate = positive(value(i++, a), a);
        break;
      case '--profile':
        profileDir = value(i++, a);
        break;
      case '--json':
        jsonFile = value(i++, a);
        break;
      case '--from-json':
        fromJson = value(i++, a);
        break;
      case '--out':
        outFile = value(i++, a);
        break;
      default:
        throw new BenchArgsError(`unknown argument ${a}`);
    }
  }
  const selected = only ?? new Set(BENCH_NAMES.filter((n) => n !== 'soak'));
  if (soak) selected.add('soak');
  return { quick, only: selected, durationSec, soak: selected.has('soak'), soakSec, soakRate, profileDir, jsonFile, outFile, noWrite, fromJson };
}
