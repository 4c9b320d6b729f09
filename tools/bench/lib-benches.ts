import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchResult } from './bench-result';
import { ROOT, benchScript } from './repo-root';

/** A lib bench, run through its exported runner. */
export interface LibBench {
  readonly name: string;
  readonly title: string;
  readonly file: string;
  readonly exportName: string;
  readonly options: (quick: boolean) => object;
}

export const LIB_BENCHES: readonly LibBench[] = [
  {
    name: 'iforest',
    title: '@logad/iforest vs scikit-learn and ml-isolation-forest',
    file: 'libs/iforest/bench/iforest.bench.ts',
    exportName: 'runIforestBench',
    options: (quick) => ({ quick }),
  },
  {
    name: 'tfidf',
    title: '@logad/tfidf vs scikit-learn and natural',
    file: 'libs/tfidf/bench/tfidf.bench.ts',
    exportName: 'runTfidfBench',
    options: (quick) => (quick ? { lines: 20_000, repeats: 1, naturalDocs: 1000 } : {}),
  },
  {
    name: 'templates-throughput',
    title: '@logad/templates add() throughput',
    file: 'libs/templates/bench/throughput.bench.ts',
    exportName: 'runTemplatesThroughputBench',
    options: (quick) => (quick ? { repeat: 1, runs: 1, hdfsLines: 20_000 } : {}),
  },
  {
    name: 'templates-grouping',
    title: '@logad/templates grouping accuracy on Loghub-2k vs Drain',
    file: 'libs/templates/bench/grouping-accuracy.bench.ts',
    exportName: 'runGroupingBench',
    options: () => ({}),
  },
  {
    name: 'storage-sink',
    title: '@logad/storage sinks: JSON Lines vs PostgreSQL (day partitions, and the previous single table), records/s',
    file: 'libs/storage/bench/sink.bench.ts',
    exportName: 'runStorageSinkBench',
    options: (quick) => ({ quick }),
  },
];

/**
 * Runs a lib bench in a child process with @swc-node/register: the lib benches import their lib's
 * TypeScript source from outside tools/, which tools' composite tsconfig cannot compile.
 */
export async function runLibBench(b: LibBench, quick: boolean, log: (line: string) => void, timeoutMs = 20 * 60_000): Promise<BenchResult[]> {
  const file = join(ROOT, b.file);
  if (!existsSync(file)) throw new Error(`${b.file} does not exist (yet)`);
  const dir = mkdtempSync(join(tmpdir(), 'logad-libbench-'));
  const out = join(dir, 'results.json');
  try {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', benchScript('lib-bench.child.js'), file, b.exportName, JSON.stringify(b.options(quick)), out],
      {
        cwd: ROOT,
        env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    const tail: string[] = [];
    let carry = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      const lines = (carry + chunk).split('\n');
      carry = lines.pop() ?? '';
      for (const l of lines) {
        tail.push(l);
        if (tail.length > 30) tail.shift();
        log(`  [${b.name}] ${l}`);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | string>((r) => child.once('exit', (c, s) => r(s ?? c ?? 0)));
    clearTimeout(timer);
    if (code !== 0 || !existsSync(out)) throw new Error(`${b.file} ${b.exportName} failed (${code}): ${tail.slice(-8).join(' | ')}`);
    return JSON.parse(readFileSync(out, 'utf8')) as BenchResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
