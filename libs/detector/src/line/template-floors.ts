/**
 * Per training template, the lowest score (the line model's own, level shift included) that any of
 * its training lines got: how far out a line of that pattern has been while the traffic was normal.
 * A line scoring no further out is usual for its pattern whatever the threshold says: lines of a
 * template that is merely infrequent (a checkpoint every few minutes, a save every hour) all score
 * low together, and how often a pattern comes is the online baselines' question, not the line model's.
 */
export class TemplateFloors {
  private constructor(private readonly floors: ReadonlyMap<number, number>) {}

  /** `ids[r]` is training line r's template (negative: none), `scores[r]` its score. */
  static fit(ids: Int32Array, scores: Float64Array): TemplateFloors {
    const floors = new Map<number, number>();
    for (let r = 0; r < ids.length; r++) {
      if (ids[r] < 0) continue;
      const f = floors.get(ids[r]);
      if (f === undefined || scores[r] < f) floors.set(ids[r], scores[r]);
    }
    return new TemplateFloors(floors);
  }

  /** True when `score` is no further out than some training line of `templateId`; undefined for a template without a floor. */
  usual(templateId: number, score: number): boolean | undefined {
    const f = this.floors.get(templateId);
    // scores of identical rows are identical; the epsilon only absorbs a JSON round trip
    return f === undefined ? undefined : score >= f - 1e-12;
  }

  toState(): [number, number][] {
    return [...this.floors];
  }

  /** From {@link toState}'s pairs, as checked by parseDetectorState. */
  static fromState(state: readonly (readonly [number, number])[]): TemplateFloors {
    return new TemplateFloors(new Map(state));
  }
}
