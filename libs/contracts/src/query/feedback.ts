/**
 * What an operator said about a template: `mute` (a false positive: its records are stored and
 * flagged, but raise no alert) or `confirm` (a real incident: its records are stored as anomalies
 * and alert, whatever the model says, and are never taken as normal training lines).
 */
export const FEEDBACK_VERDICTS = ['mute', 'confirm'] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

/** One template's feedback; a template has at most one verdict, the latest given. */
export interface TemplateFeedback {
  readonly template_id: number;
  readonly verdict: FeedbackVerdict;
  /** The template's text when the verdict was given (for people: ids are what matching uses). */
  readonly template: string;
  /** Why, as the operator wrote it; null when none was given. */
  readonly note: string | null;
  /** When the verdict was (last) given (ISO-8601, UTC, milliseconds). */
  readonly at: string;
}
