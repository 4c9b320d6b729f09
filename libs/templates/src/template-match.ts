/** What `add` and `match` return for one message. */
export interface TemplateMatch {
  /** Stable id of the template; it survives generalisation, and an id merged into another resolves via `get`. */
  templateId: number;
  /** Template text, tokens joined by single spaces, variables as `<*>` (or a typed placeholder). */
  template: string;
  /** The message's text at each variable of the template, in order ([] if it cannot be aligned). */
  parameters: string[];
  /** True when this message created a template that did not exist before. */
  isNew: boolean;
  /** Messages counted for the template so far. */
  count: number;
}

/** A template as listed by `templates()` and `get()`. */
export interface TemplateInfo {
  templateId: number;
  template: string;
  count: number;
  /** Sequence numbers (1-based count of `add` calls) of the first and last message of the template. */
  firstSeen: number;
  lastSeen: number;
}
