/**
 * `numpy.percentile(values, p)` with the default 'linear' method, including numpy's two-sided
 * interpolation, so a contamination offset matches scikit-learn's to the last bit on equal scores.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const virtual = (n - 1) * (p / 100);
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const prev = Math.floor(virtual);
  const gamma = virtual - prev;
  const a = sorted[prev];
  const b = sorted[prev + 1];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
