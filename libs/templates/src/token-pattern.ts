/**
 * Whether a constant token is an instance of a token holding placeholders ("chdir(<*>)" covers "chdir(pwd)",
 * "rhost=<*>" covers "rhost=csnsu.nsuok.edu"): the literal parts appear in order, the first and last anchored,
 * each placeholder standing for at least one character. Splits are cached, since the same few template tokens
 * are tested again and again.
 */
export class TokenPattern {
  private readonly cache = new Map<string, string[]>();
  private readonly splitter: RegExp;

  constructor(placeholders: readonly string[]) {
    this.splitter = new RegExp(placeholders.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  }

  /** True when `pattern` holds a placeholder and `text` fits it. */
  covers(pattern: string, text: string): boolean {
    let parts = this.cache.get(pattern);
    if (parts === undefined) {
      if (this.cache.size >= 4096) this.cache.clear();
      parts = pattern.split(this.splitter);
      this.cache.set(pattern, parts);
    }
    if (parts.length < 2) return false;
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (text.length < first.length + last.length + parts.length - 1 || !text.startsWith(first) || !text.endsWith(last)) return false;
    // leftmost placement of each middle part is optimal; every gap must be non-empty
    let at = first.length + 1;
    const end = text.length - last.length;
    for (let k = 1; k < parts.length - 1; k++) {
      const found = text.indexOf(parts[k], at);
      if (found < 0 || found + parts[k].length > end - 1) return false;
      at = found + parts[k].length + 1;
    }
    return at <= end;
  }
}
