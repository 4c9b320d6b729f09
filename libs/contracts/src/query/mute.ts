/**
 * A template an operator marked as a false positive: its records are still scored, stored and
 * flagged, but raise no alert.
 */
export interface Mute {
  readonly template_id: number;
  /** The template's text when it was muted (for people: ids are what matching uses). */
  readonly template: string;
  /** Why it was muted, as the operator wrote it; null when none was given. */
  readonly note: string | null;
  /** When it was (last) muted (ISO-8601, UTC, milliseconds). */
  readonly muted_at: string;
}
