/** Escapes a Go-quoted label value may hold (what Loki's clients write with strconv.Quote / JSON). */
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * Parses a Loki stream selector as the protobuf push carries it: `{job="api", env="prod"}`.
 * Returns the labels, or a reason when it is not one (Loki answers 400 to those too).
 */
export function parseLokiLabels(text: string): Record<string, string> | string {
  const s = text.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return 'labels must be enclosed in {}';
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = 1;
  const end = s.length - 1;
  const skip = () => {
    while (i < end && /\s/.test(s[i])) i++;
  };
  skip();
  while (i < end) {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(s.slice(i, Math.min(end, i + 1024)));
    if (!name) return `a label name is expected at offset ${i}`;
    i += name[0].length;
    skip();
    if (s[i] !== '=') return `"=" is expected after label ${name[0]}`;
    i++;
    skip();
    if (s[i] !== '"') return `a quoted value is expected for label ${name[0]}`;
    i++;
    let value = '';
    for (;;) {
      if (i >= end) return `the value of label ${name[0]} is not closed`;
      const c = s[i++];
      if (c === '"') break;
      if (c !== '\\') {
        value += c;
        continue;
      }
      const e = s[i++];
      if (e === 'u' || e === 'x') {
        const len = e === 'u' ? 4 : 2;
        const hex = s.slice(i, i + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return `a bad escape in the value of label ${name[0]}`;
        value += String.fromCharCode(parseInt(hex, 16));
        i += len;
      } else if (e !== undefined && ESCAPES[e] !== undefined) value += ESCAPES[e];
      else return `a bad escape in the value of label ${name[0]}`;
    }
    out[name[0]] = value;
    skip();
    if (s[i] === ',') {
      i++;
      skip();
    } else if (i < end) return `"," or "}" is expected after label ${name[0]}`;
  }
  return out;
}
