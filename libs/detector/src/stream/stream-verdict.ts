import type { MaskedText } from '@logad/text';

/** What the stream stage says of one event. */
export interface StreamVerdict {
  /** The event's source ('' when it had none). */
  readonly source: string;
  /** The template's id on this source (negative: a name derived from source and template, see baselineTemplateId). */
  readonly templateId: number;
  /** The template's current text. */
  readonly template: string;
  /** The event's level as given, else as the line states it (detectLevel), else null. */
  readonly level: string | null;
  /** The source is still in its learning period: nothing on it is flagged yet. */
  readonly learning: boolean;
  /** The source came with the trained model's corpus. */
  readonly trainedSource: boolean;
  /** The template is part of the source's normal traffic. */
  readonly established: boolean;
  /** Set when the event is an anomaly of the stream's kinds. */
  readonly kind: 'new_pattern' | 'surge' | null;
  /** 0–100, above 50 for an anomaly. */
  readonly score: number;
  /** One sentence for a person, set for an anomaly. */
  readonly reason: string | null;
  /**
   * The event's message as the source's mask rules left it (null when its miner strips a header
   * first): hand it to the line model with the event ({@link LogEvent.masked}) so that the event is
   * masked once.
   */
  readonly masked: MaskedText | null;
}

/** An event as the stream stage takes it; `timestamp` is event time in epoch ms. */
export interface StreamEvent {
  readonly message: string;
  readonly level?: string | null;
  readonly source?: string | null;
  readonly timestamp: number;
}
