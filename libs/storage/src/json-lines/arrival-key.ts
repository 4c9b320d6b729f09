/**
 * Where a JSON Lines record happened: its event time, then its arrival. The files hold no
 * sequence number; arrival is the worker's write time (`stored_at`), then the file (normal records
 * before anomalous ones: one write appends to both, and their interleaving is not on disk), then
 * the file's place in rotation order and the line's place in the file.
 */
export interface ArrivalKey {
  readonly ms: number;
  readonly storedAt: number;
  readonly anomalous: boolean;
  readonly file: number;
  readonly line: number;
}

/** Ascending order of {@link ArrivalKey}s: lexicographic, so it is a total order. */
export function compareArrival(a: ArrivalKey, b: ArrivalKey): number {
  return a.ms - b.ms || a.storedAt - b.storedAt || Number(a.anomalous) - Number(b.anomalous) || a.file - b.file || a.line - b.line;
}
