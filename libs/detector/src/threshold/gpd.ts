/** A generalised Pareto distribution of excesses y ≥ 0: P(Y > y) = (1 + ξ·y/σ)^(−1/ξ), or e^(−y/σ) at ξ = 0. */
export interface Gpd {
  /** Shape ξ: > 0 heavy tail, 0 exponential, < 0 bounded tail (at σ/|ξ|). */
  readonly shape: number;
  /** Scale σ > 0. */
  readonly scale: number;
}

/** |θ·ymax| below which a shape is treated as 0 (the exponential limit). */
const FLAT = 1e-9;
const GRID = 64;

/**
 * Maximum-likelihood fit of a generalised Pareto distribution to excesses, by Grimshaw's (1993)
 * reduction (as in Siffer et al., KDD 2017, SPOT): with θ = ξ/σ the likelihood is maximal at
 * ξ(θ) = mean(log(1 + θ·y)), σ = ξ/θ, so only θ is searched — on a log-spaced grid over
 * (−1/ymax, big) then refined by golden section. Exponential (ξ = 0) is one of the candidates.
 * Returns null for fewer than 3 excesses or all-zero excesses.
 */
export function fitGpd(excesses: ArrayLike<number>): Gpd | null {
  const n = excesses.length;
  if (n < 3) return null;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = excesses[i];
    if (!(y >= 0) || !Number.isFinite(y)) return null;
    if (y > max) max = y;
    sum += y;
  }
  if (max === 0) return null;
  const mean = sum / n;
  const profile = (theta: number): number => {
    if (Math.abs(theta * max) < FLAT) return -n * Math.log(mean) - n;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.log1p(theta * excesses[i]);
    const xi = s / n;
    const sigma = xi / theta;
    if (!(sigma > 0)) return -Infinity;
    return -n * Math.log(sigma) - (1 + 1 / xi) * s;
  };
  // θ from just above −1/max (bounded tail) to large positive (heavy tail), log-spaced on each side
  const lo = -1 / max;
  const candidates: number[] = [0];
  for (let k = 1; k <= GRID; k++) {
    const f = Math.pow(10, -6 + (6 * k) / GRID); // 1e-6 … 1
    candidates.push(lo * (1 - f * 0.999999) + 0, (f * 1e3) / mean);
  }
  candidates.sort((a, b) => a - b);
  let best = 0;
  let bestLl = profile(0);
  let bestIdx = candidates.indexOf(0);
  candidates.forEach((t, i) => {
    const ll = profile(t);
    if (ll > bestLl) {
      bestLl = ll;
      best = t;
      bestIdx = i;
    }
  });
  // golden-section refinement between the grid neighbours of the best candidate
  let a = candidates[Math.max(0, bestIdx - 1)];
  let b = candidates[Math.min(candidates.length - 1, bestIdx + 1)];
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60 && b - a > 1e-12 * (1 + Math.abs(best)); it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (profile(c) > profile(d)) b = d;
    else a = c;
  }
  const mid = (a + b) / 2;
  if (profile(mid) > bestLl) best = mid;
  if (Math.abs(best * max) < FLAT) return { shape: 0, scale: mean };
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log1p(best * excesses[i]);
  const shape = s / n;
  return { shape, scale: shape / best };
}

/** y with P(Y > y) = p under `gpd`, p in (0, 1]. */
export function gpdQuantile(gpd: Gpd, p: number): number {
  if (gpd.shape === 0) return -gpd.scale * Math.log(p);
  return (gpd.scale / gpd.shape) * (Math.pow(p, -gpd.shape) - 1);
}
