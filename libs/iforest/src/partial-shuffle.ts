/**
 * Partial Fisher-Yates: leaves a uniform random k-subset of `items` (in random order) in
 * `items[0 .. k)`. Any starting permutation works, so one array is reused across trees
 * and drawing psi of n rows costs O(psi), not O(n).
 */
export function partialShuffle(items: Int32Array, k: number, rand: () => number): void {
  const n = items.length;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}
