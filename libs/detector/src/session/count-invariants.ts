/**
 * A linear relation between the template counts of a session, Σ coefficients[i] · count(columns[i]) = 0
 * (Invariant Mining, Lou et al., USENIX ATC 2010), e.g. count(Receiving block) = count(PacketResponder
 * terminating) + count(Received block … src … dest): every write started is finished once.
 */
export interface CountInvariant {
  /** Count columns (see SessionFeaturizer), ascending. */
  readonly columns: number[];
  /** Small integer coefficients, the first one positive, without a common factor. */
  readonly coefficients: number[];
  /** Share of the training sessions holding any of the columns for which the relation held. */
  readonly support: number;
  /**
   * Columns held by at least half of those sessions: a session with none of a column's lines has
   * not reached that stage (yet: a block not deleted, a session cut by the idle timeout), which
   * is not a violation.
   */
  readonly stages: number[];
}

/** Options of {@link mineCountInvariants}. */
export interface MineInvariantOptions {
  /** Least share of the training sessions holding a relation's templates for which it holds. */
  readonly support: number;
  /** Least share of training sessions holding a template for it to enter a relation. */
  readonly minShare: number;
  /** Templates considered (the most held ones): the search is over pairs and triples of them. */
  readonly maxColumns: number;
  /** Largest |coefficient| tried. */
  readonly maxCoefficient: number;
  /**
   * Least share of the sessions holding each one of a relation's templates for which it holds:
   * without it a rare template can carry a pair relation that fails exactly where it is present
   * (the pair's own misses hide among the sessions that lack the rare template).
   */
  readonly perTemplate: number;
}

export const INVARIANT_MIN_SHARE = 0.005;
export const INVARIANT_MAX_COLUMNS = 24;
export const INVARIANT_MAX_COEFFICIENT = 3;
export const INVARIANT_PER_TEMPLATE = 0.8;

interface Rows {
  /** Distinct count rows (restricted to the candidate columns), row-major. */
  readonly data: Float64Array;
  readonly weight: Float64Array;
  readonly n: number;
  readonly width: number;
}

function distinctRows(counts: ReadonlyArray<ArrayLike<number>>, cols: readonly number[]): Rows {
  const seen = new Map<string, number>();
  const rows: number[][] = [];
  const weight: number[] = [];
  for (const c of counts) {
    const r = cols.map((k) => c[k]);
    const key = r.join(',');
    const i = seen.get(key);
    if (i === undefined) {
      seen.set(key, rows.length);
      rows.push(r);
      weight.push(1);
    } else weight[i]++;
  }
  return { data: Float64Array.from(rows.flat()), weight: Float64Array.from(weight), n: rows.length, width: cols.length };
}

/** Integer vectors with entries in ±[1, max], the first positive and no common factor (one per relation up to scale and sign). */
function coefficientVectors(size: number, max: number): number[][] {
  const values: number[] = [];
  for (let v = 1; v <= max; v++) values.push(v, -v);
  let out: number[][] = [];
  for (let v = 1; v <= max; v++) out.push([v]);
  for (let i = 1; i < size; i++) out = out.flatMap((p) => values.map((v) => [...p, v]));
  return out.filter((v) => v.reduce((g, x) => gcd(g, Math.abs(x)), 0) === 1);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Mines sparse count invariants from the training sessions' template counts, without labels:
 * every pair and every triple of the templates held by at
 * least `minShare` of the sessions, with small integer coefficients; a relation is kept (with its
 * best coefficients) when it holds in at least `support` of the sessions holding any of its
 * templates and in at least `perTemplate` of those holding each one. Unlabelled anomalies among the training sessions break relations, hence a support
 * below 1. Searched over distinct count rows, so repeated sessions cost nothing.
 */
export function mineCountInvariants(counts: ReadonlyArray<ArrayLike<number>>, width: number, options: MineInvariantOptions): CountInvariant[] {
  const n = counts.length;
  if (n === 0) return [];
  const held = new Float64Array(width);
  for (const c of counts) for (let k = 0; k < width; k++) if (c[k] > 0) held[k]++;
  const cols = [...held.keys()]
    .filter((k) => held[k] >= options.minShare * n)
    .sort((a, b) => held[b] - held[a] || a - b)
    .slice(0, options.maxColumns)
    .sort((a, b) => a - b);
  const rows = distinctRows(counts, cols);
  const out: CountInvariant[] = [];
  const local = cols.map((_, i) => i);
  for (const size of [2, 3]) {
    const vectors = coefficientVectors(size, options.maxCoefficient);
    for (const subset of combinations(local, size)) {
      let active = 0;
      for (let r = 0; r < rows.n; r++) if (subset.some((j) => rows.data[r * rows.width + j] > 0)) active += rows.weight[r];
      if (active === 0) continue;
      let best: { coefficients: number[]; support: number } | null = null;
      const heldBy = subset.map((j) => {
        let h = 0;
        for (let r = 0; r < rows.n; r++) if (rows.data[r * rows.width + j] > 0) h += rows.weight[r];
        return h;
      });
      const holdWith = new Float64Array(size);
      for (const v of vectors) {
        let hold = 0;
        holdWith.fill(0);
        for (let r = 0; r < rows.n; r++) {
          let s = 0;
          let any = false;
          for (let i = 0; i < size; i++) {
            const x = rows.data[r * rows.width + subset[i]];
            if (x > 0) any = true;
            s += v[i] * x;
          }
          if (!any || s !== 0) continue;
          hold += rows.weight[r];
          for (let i = 0; i < size; i++) if (rows.data[r * rows.width + subset[i]] > 0) holdWith[i] += rows.weight[r];
        }
        const support = hold / active;
        if (support < options.support || (best !== null && support <= best.support)) continue;
        if (heldBy.every((h, i) => holdWith[i] >= options.perTemplate * h)) best = { coefficients: v, support };
      }
      if (best === null) continue;
      const stages = subset.filter((_, i) => heldBy[i] >= 0.5 * active).map((j) => cols[j]);
      out.push({ columns: subset.map((j) => cols[j]), coefficients: best.coefficients, support: best.support, stages });
    }
  }
  // the simplest relation that explains the most: a triple only where it holds more often than
  // each of its pairs (the third template explains the pair's misses), and then the pair goes
  const pairs = new Map(out.filter((v) => v.columns.length === 2).map((v) => [v.columns.join(','), v]));
  const triples = out.filter((v) => v.columns.length === 3 && combinations(v.columns, 2).every((p) => (pairs.get(p.join(','))?.support ?? 0) < v.support));
  const superseded = new Set(triples.flatMap((v) => combinations(v.columns, 2).map((p) => p.join(','))));
  return [...[...pairs.values()].filter((v) => !superseded.has(v.columns.join(','))), ...triples];
}

/** Whether `counts` breaks `inv`; a session with none of the lines of one of its stages does not. */
export function violates(inv: CountInvariant, counts: ArrayLike<number>): boolean {
  for (const c of inv.stages) if (counts[c] === 0) return false;
  let s = 0;
  let any = false;
  for (let i = 0; i < inv.columns.length; i++) {
    const x = counts[inv.columns[i]];
    if (x > 0) any = true;
    s += inv.coefficients[i] * x;
  }
  return any && s !== 0;
}

function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i <= items.length - k; i++) for (const rest of combinations(items.slice(i + 1), k - 1)) out.push([items[i], ...rest]);
  return out;
}
