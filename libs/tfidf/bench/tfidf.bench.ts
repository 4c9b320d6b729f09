/**
 * @logad/tfidf against scikit-learn's TfidfVectorizer and natural's TfIdf.
 *
 * Every measured run is a fresh process (ours: node; sklearn: /usr/bin/python3 with one BLAS
 * thread), runs alternate between implementations so machine load hits both alike, and each
 * figure is the median over `repeats` processes. Memory: peak RSS of the process (getrusage
 * ru_maxrss) and its increase over the RSS measured just before the timed call, with the
 * input lines already loaded; Python's tracemalloc peak is reported too (separate run).
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/tfidf/bench/tfidf.bench.ts [--lines 200000] [--repeats 3] [--natural-docs 5000]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateLogLines, SYNTHETIC_TEMPLATE_COUNT } from './synthetic-logs';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  reference?: string;
  referenceValue?: number;
  ratio?: number;
  note?: string;
}

export interface TfidfBenchOptions {
  /** Corpus size for the ours-vs-sklearn runs. @defaultValue 200000 */
  lines?: number;
  /** Seed of the synthetic corpus. @defaultValue 42 */
  seed?: number;
  /** Processes per measured configuration (median reported). @defaultValue 3 */
  repeats?: number;
  /** Corpus size for natural's TfIdf (it is super-linear); 0 skips it. @defaultValue 5000 */
  naturalDocs?: number;
  /** Python with scikit-learn. @defaultValue '/usr/bin/python3' */
  python?: string;
  /** Progress lines go here. @defaultValue console.log */
  log?: (line: string) => void;
}

type Run = Record<string, number | string | null>;

const REPO = resolve(__dirname, '../../..');
const MB = 1024 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function runNode(args: string[], cwd = REPO): Run {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '-r', require.resolve('@swc-node/register'), join(__dirname, 'tfidf-bench-worker.ts'), ...args],
    { cwd, env: { ...process.env, SWC_NODE_PROJECT: join(REPO, 'tsconfig.base.json') }, maxBuffer: 1 << 24, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Run;
}

function runPython(python: string, args: string[]): Run {
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const out = execFileSync(python, [join(__dirname, 'sklearn_tfidf_bench.py'), ...args], { env, maxBuffer: 1 << 24, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as Run;
}

function hasSklearn(python: string): boolean {
  if (!existsSync(python)) return false;
  try {
    execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Packages installed for natural's dependency tree (node resolution, each counted once). */
function dependencyCount(pkg: string): number {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string): void => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) {
        const real = dirname(candidate);
        if (seen.has(real)) return;
        seen.add(real);
        const deps = (JSON.parse(readFileSync(candidate, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
        for (const d of Object.keys(deps)) visit(d, real);
        return;
      }
      const up = dirname(dir);
      if (up === dir) return;
      dir = up;
    }
  };
  visit(pkg, REPO);
  return seen.size - 1;
}

const n = (r: Run, k: string): number => Number(r[k]);

export async function runTfidfBench(opts: TfidfBenchOptions = {}): Promise<BenchResult[]> {
  const { lines: nLines = 200_000, seed = 42, repeats = 3, naturalDocs = 5000, python = '/usr/bin/python3', log = console.log } = opts;
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tfidf-bench-'));
  try {
    const file = join(dir, 'lines.txt');
    writeFileSync(file, generateLogLines(nLines, seed).join('\n'));
    log(`corpus: ${nLines} synthetic syslog-like lines from ${SYNTHETIC_TEMPLATE_COUNT} templates (seed ${seed}); ${repeats} processes per figure`);
    const sk = hasSklearn(python);
    if (!sk) log(`sklearn: SKIPPED (${python} with scikit-learn not found)`);

    const ops = [
      ['fitTransform', 'fit_transform'],
      ['fitThenTransform', 'fit_then_transform'],
    ] as const;
    for (const [op, pyOp] of ops) {
      const runs: Record<string, Run[]> = { 'ours-sklearn': [], 'ours-log': [], sklearn: [] };
      for (let r = 0; r < repeats; r++) {
        runs['ours-sklearn'].push(runNode([file, 'ours-sklearn', op]));
        if (sk) runs.sklearn.push(runPython(python, [file, pyOp]));
        runs['ours-log'].push(runNode([file, 'ours-log', op]));
      }
      const lps = (rs: Run[]): number => median(rs.map((x) => n(x, 'lines') / n(x, 'seconds')));
      const ref = sk ? lps(runs.sklearn) : undefined;
      const refName = `sklearn ${sk ? runs.sklearn[0].sklearn : ''} TfidfVectorizer ${pyOp} (default settings, 1 thread)`;
      for (const impl of ['ours-sklearn', 'ours-log'] as const) {
        const rs = runs[impl];
        const value = lps(rs);
        let note = `vocabulary ${rs[0].vocabularySize} terms, nnz ${rs[0].nnz}`;
        if (sk && impl === 'ours-sklearn') {
          const same = rs[0].vocabularySha256 === runs.sklearn[0].vocabularySha256 && rs[0].nnz === runs.sklearn[0].nnz;
          const sumDiff = Math.abs(n(rs[0], 'dataSum') - n(runs.sklearn[0], 'dataSum'));
          note += same ? `; identical vocabulary (sha256) and nnz as sklearn; |sum(data) diff| = ${sumDiff.toExponential(2)}` : '; VOCABULARY DIFFERS FROM SKLEARN';
        }
        if (impl === 'ours-log') note += '; masking tokenizer, so not the same vocabulary as sklearn';
        results.push({
          name: `tfidf ${op} tokenizer='${impl.slice(5)}' (${nLines} lines)`,
          value,
          unit: 'lines/s',
          ...(ref === undefined ? {} : { reference: refName, referenceValue: ref, ratio: value / ref }),
          note: `${note}; runs ${rs.map((x) => n(x, 'seconds').toFixed(2)).join('/')} s`,
        });
      }
      if (sk) log(`sklearn ${pyOp}: runs ${runs.sklearn.map((x) => n(x, 'seconds').toFixed(2)).join('/')} s`);
      // memory, fitTransform only (transform's output is the same size)
      if (op === 'fitTransform') {
        let traced: Run | null = null;
        if (sk) traced = runPython(python, [file, pyOp, '--tracemalloc']);
        for (const impl of ['ours-sklearn', 'ours-log'] as const) {
          const rs = runs[impl];
          const peak = median(rs.map((x) => n(x, 'peakRssBytes'))) / MB;
          const delta = median(rs.map((x) => n(x, 'peakRssBytes') - n(x, 'rssBeforeBytes'))) / MB;
          const skPeak = sk ? median(runs.sklearn.map((x) => n(x, 'peakRssBytes'))) / MB : undefined;
          const skDelta = sk ? median(runs.sklearn.map((x) => n(x, 'peakRssBytes') - n(x, 'rssBeforeBytes'))) / MB : undefined;
          const tm = traced ? `; sklearn tracemalloc peak ${(n(traced, 'tracedPeakBytes') / MB).toFixed(0)} MB` : '';
          results.push({
            name: `tfidf fitTransform tokenizer='${impl.slice(5)}' peak RSS increase during the call`,
            value: delta,
            unit: 'MB',
            ...(skDelta === undefined ? {} : { reference: 'sklearn fit_transform peak RSS increase', referenceValue: skDelta, ratio: delta / skDelta }),
            note: `ru_maxrss minus RSS just before the call, input already loaded; lower is better${tm}`,
          });
          results.push({
            name: `tfidf fitTransform tokenizer='${impl.slice(5)}' process peak RSS`,
            value: peak,
            unit: 'MB',
            ...(skPeak === undefined ? {} : { reference: 'sklearn process peak RSS (python + numpy/scipy/sklearn)', referenceValue: skPeak, ratio: peak / skPeak }),
            note: 'ru_maxrss of the whole process; lower is better',
          });
          results.push({
            name: `tfidf transformOne tokenizer='${impl.slice(5)}' (fitted on ${nLines} lines)`,
            value: median(rs.map((x) => n(x, 'transformOnePerSecond'))),
            unit: 'docs/s',
            note: 'online scoring hot path, 20000 calls',
          });
        }
      }
    }

    if (naturalDocs > 0) {
      const mod = join(REPO, 'node_modules/natural/lib/natural/tfidf/tfidf.js');
      if (!existsSync(mod)) {
        log('natural: SKIPPED (node_modules/natural not installed)');
      } else {
        // cwd is the temp dir so nothing natural loads can pick up a project .env
        const r = runNode([file, 'natural', String(naturalDocs), mod], dir);
        const docs = n(r, 'docs');
        const natTotal = n(r, 'addSeconds') + n(r, 'listSeconds');
        const deps = dependencyCount('natural');
        const ours = docs / n(r, 'oursSklearnSeconds');
        results.push({
          name: `tfidf fitTransform tokenizer='sklearn' (${docs} lines)`,
          value: ours,
          unit: 'lines/s',
          reference: `natural TfIdf addDocument + listTerms per document (${docs} docs)`,
          referenceValue: docs / natTotal,
          ratio: ours / (docs / natTotal),
          note: `natural: addDocument ${n(r, 'addSeconds').toFixed(2)} s, listTerms ${n(r, 'listSeconds').toFixed(2)} s; natural has ${deps} transitive dependencies`,
        });
        results.push({ name: 'natural transitive dependency count', value: deps, unit: 'packages', note: '@logad/tfidf has 0 runtime dependencies' });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function format(r: BenchResult): string {
  const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
  const ref = r.reference ? ` | ${r.reference}: ${r.referenceValue !== undefined && r.referenceValue >= 100 ? r.referenceValue.toFixed(0) : r.referenceValue?.toFixed(2)} ${r.unit} | ratio ${r.ratio?.toFixed(2)}×` : '';
  return `${r.name}: ${v} ${r.unit}${ref}${r.note ? `\n    ${r.note}` : ''}`;
}

if (require.main === module) {
  const arg = (name: string): number | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  runTfidfBench({ lines: arg('lines'), repeats: arg('repeats'), naturalDocs: arg('natural-docs'), seed: arg('seed') })
    .then((rs) => rs.forEach((r) => console.log(format(r))))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
