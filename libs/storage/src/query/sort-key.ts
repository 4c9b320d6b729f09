/** Where a record (or session) sits in query order: its time in epoch ms, then its id. */
export interface SortKey {
  readonly ms: number;
  readonly id: string;
}

/** Ascending order of keys; ids compare by UTF-16 code units (PostgreSQL's `COLLATE "C"` agrees on ASCII ids). */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
