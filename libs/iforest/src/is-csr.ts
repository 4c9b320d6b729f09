import type { CsrMatrix } from './matrix';

/** True when `m` is shaped like a {@link CsrMatrix} (its arrays are validated where it is used). */
export function isCsr(m: unknown): m is CsrMatrix {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  return 'indptr' in o && 'indices' in o && 'data' in o && typeof o.nRows === 'number' && typeof o.nCols === 'number';
}
