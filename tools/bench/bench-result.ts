/** One measured figure (same shape as the lib benches' `BenchResult`). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run (or a stated goal). */
  reference?: string;
  referenceValue?: number;
  /** value / referenceValue. */
  ratio?: number;
  note?: string;
}

/** The results of one bench, under a title. */
export interface BenchSection {
  readonly name: string;
  readonly title: string;
  readonly results: BenchResult[];
  /** Set when the bench could not run; the message says why. */
  readonly error?: string;
  readonly seconds: number;
}

/** Outcome of a goal, for the notes column: "goal ≥ 0.5: met (0.62)". */
export function goalNote(label: string, met: boolean, detail = ''): string {
  return `goal ${label}: ${met ? 'met' : 'NOT met'}${detail ? ` (${detail})` : ''}`;
}
