/** How a record's session key is found: a regex over the message, or a path into its attributes. */
export interface SessionKeyRule {
  /** Regex source; the first capture group (or the whole match) is the key, e.g. `blk_-?\d+`. */
  readonly pattern?: string;
  /** Dotted path into `attributes`, e.g. `trace_id` or `http.request_id`. */
  readonly field?: string;
}

/** Compiles a rule into a function from a record to its session key (null: the record is in no session). */
export function compileSessionKey(rule: SessionKeyRule): (message: string, attributes?: Record<string, unknown>) => string | null {
  const re = rule.pattern ? new RegExp(rule.pattern) : null;
  const path = rule.field ? rule.field.split('.') : null;
  return (message, attributes) => {
    if (path && attributes) {
      let v: unknown = attributes;
      for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
      if (typeof v === 'string' && v) return v;
      if (typeof v === 'number') return String(v);
    }
    if (re) {
      const m = re.exec(message);
      if (m) return m[1] ?? m[0];
    }
    return null;
  };
}
