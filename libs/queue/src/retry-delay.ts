/** Capped exponential back-off with ±20 % jitter, so that retries of many jobs spread out. */
export function retryDelay(attemptsMade: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}
