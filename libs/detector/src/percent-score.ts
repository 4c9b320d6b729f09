/**
 * Maps an Isolation Forest `scoreSamples` value s ∈ [-1, 0] to 0–100, higher = more anomalous,
 * piecewise linear so the threshold lands on 50: s = 0 → 0, s = offset → 50, s = -1 → 100.
 */
export function percentScore(s: number, offset: number): number {
  let p: number;
  if (s >= offset) p = offset >= 0 ? 0 : (50 * s) / offset;
  else p = offset <= -1 ? 100 : 50 + (50 * (offset - s)) / (offset + 1);
  if (!(p > 0)) return 0; // also turns -0 into 0
  if (p > 100) return 100;
  return Math.round(p * 100) / 100;
}
