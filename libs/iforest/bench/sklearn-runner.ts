import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CsrMatrix, type DenseMatrix, isCsr } from '../src';

/** What one sklearn run measured, or why it did not run. */
export type SklearnRun =
  | { readonly ok: true; readonly version: string; readonly fitSeconds: number[]; readonly scoreSeconds: number[]; readonly scores: Float64Array[] }
  | { readonly ok: false; readonly reason: string };

const SCRIPT = path.resolve(__dirname, 'sklearn_iforest.py');

function writeLE(file: string, a: Float64Array | Int32Array): void {
  // typed arrays are host-endian; every machine we bench on is little-endian, as the script expects
  if (os.endianness() !== 'LE') throw new Error('the sklearn bench expects a little-endian host');
  fs.writeFileSync(file, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/**
 * Runs sklearn's IsolationForest on `x` in a child `python` (1 thread), `repeats` times with
 * random_state 0..repeats-1, timing fit and score_samples inside python.
 */
export function runSklearn(x: DenseMatrix | CsrMatrix, opts: { python: string; repeats: number; nEstimators: number; maxSamples: number }): SklearnRun {
  if (!fs.existsSync(opts.python)) return { ok: false, reason: `${opts.python} not found` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iforest-bench-'));
  try {
    const job: Record<string, unknown> = {
      kind: isCsr(x) ? 'csr' : 'dense',
      nRows: x.nRows,
      nCols: x.nCols,
      repeats: opts.repeats,
      nEstimators: opts.nEstimators,
      maxSamples: opts.maxSamples,
      data: path.join(dir, 'data.bin'),
      scores: path.join(dir, 'scores.bin'),
    };
    writeLE(job.data as string, x.data);
    if (isCsr(x)) {
      job.indices = path.join(dir, 'indices.bin');
      job.indptr = path.join(dir, 'indptr.bin');
      writeLE(job.indices as string, x.indices);
      writeLE(job.indptr as string, x.indptr);
    }
    const jobFile = path.join(dir, 'job.json');
    fs.writeFileSync(jobFile, JSON.stringify(job));
    const threads = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', NUMEXPR_NUM_THREADS: '1' };
    const res = spawnSync(opts.python, [SCRIPT, jobFile], { env: { ...process.env, ...threads }, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (res.status !== 0) return { ok: false, reason: `python exited with ${res.status}: ${(res.stderr ?? '').trim().split('\n').pop()}` };
    const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as { error?: string; version: string; fitSeconds: number[]; scoreSeconds: number[] };
    if (out.error) return { ok: false, reason: out.error };
    const buf = fs.readFileSync(job.scores as string);
    const all = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const scores = Array.from({ length: opts.repeats }, (_, i) => all.slice(i * x.nRows, (i + 1) * x.nRows));
    return { ok: true, version: out.version, fitSeconds: out.fitSeconds, scoreSeconds: out.scoreSeconds, scores };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
