import type { MaskRule } from './mask-rule';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?';
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?';
const RULES: MaskRule[] = [
  // scheme://anything up to whitespace or a bracket/quote/separator
  { name: 'url', pattern: /(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s,;"'<>()[\]{}]+/g, replacement: '<*>' },
  // RFC 4122 text form; without it a UUID whose first group has no digit would split into several variables
  {
    name: 'uuid',
    pattern: /(?<![A-Za-z0-9_-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![A-Za-z0-9_-])/g,
    replacement: '<*>',
  },
  // "Fri Jun 17 07:07:00 2005", "Jun 17, 2005 7:07:00", ISO-8601 date-times. Month and weekday names are words,
  // so without this rule the dates of one event would look like different constant text.
  {
    name: 'timestamp',
    pattern: new RegExp(
      `\\b(?:${WEEKDAY}\\s+)?${MONTH}\\s+\\d{1,2},?\\s+(?:\\d{4}\\s+)?${CLOCK}(?:\\s+[A-Z]{3,4})?(?:\\s+\\d{4})?\\b` +
        `|\\b\\d{4}-\\d{2}-\\d{2}[T ]${CLOCK}(?:Z|[+-]\\d{2}:?\\d{2})?(?![\\w])`,
      'g',
    ),
    replacement: '<*>',
  },
  { name: 'email', pattern: /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b/g, replacement: '<*>' },
  // dotted host name or IPv4 followed by a port: the host's labels are often plain words
  { name: 'host-port', pattern: /(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+:\d{1,5}\b/g, replacement: '<*>' },
  { name: 'ipv4', pattern: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w])/g, replacement: '<*>' },
  // IPv6 addresses, MAC addresses and other colon-separated hex groups (some groups may be letters only)
  { name: 'hex-groups', pattern: /(?<![\w:])(?=[0-9A-Fa-f:]*\d)[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,}(?![\w:])/g, replacement: '<*>' },
  // a number with a size unit: the unit itself varies with the magnitude ("384.0 B", "16.0 KB")
  { name: 'size', pattern: /(?<![\w.])\d+(?:\.\d+)?\s?(?:[KMGTPE]i?B|B|bytes?|[KMG]bps)(?![\w])/g, replacement: '<*>' },
  // a number with a time unit, optionally bounded ("<1 sec", "350 ms", "30 seconds")
  {
    name: 'duration',
    pattern: /(?<![\w.])[<>~]?\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|msecs?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)(?![\w])/g,
    replacement: '<*>',
  },
  // absolute or ./relative POSIX paths of two or more segments, Windows drive paths and UNC shares
  {
    name: 'path',
    pattern: /(?<![\w.:/\\])\.{0,2}(?:\/[\w.@%+~=-]+){2,}\/?|\b[A-Za-z]:\\[^\s"'<>|]*|(?<![\w\\])\\\\[^\\\s"'<>|]+\\[^\s"'<>|]*/g,
    replacement: '<*>',
  },
  // a hash or id written in hex letters only ("deadbeefcafe"): one in a few thousand random hex ids of
  // eight or more characters has no digit, and the digits rule below would leave it as a word
  { name: 'hex-letters', pattern: /(?<![A-Za-z0-9_])[A-Fa-f]{8,}(?![A-Za-z0-9_])/g, replacement: '<*>' },
  // any alphanumeric run holding a digit (numbers, hex ids, blk_-123, attempt_1445_0020_m_0, R02-M1-N0): the
  // "tokens with digits are variables" heuristic, applied per run so "totalCalories=126775" keeps its key
  { name: 'digits', pattern: /(?<![A-Za-z0-9_])[A-Za-z0-9_]*-?\d[A-Za-z0-9_-]*/g, replacement: '<*>' },
];

/**
 * The one default rule set of the text stage, used by the template miner and by TF-IDF's `'log'` tokenizer:
 * generic, system-independent classes of variable (Drain3 / LogPAI-style preprocessing), each written as `<*>`,
 * in this order. Every pattern starts behind a lookbehind (or a word boundary that cannot repeat inside a
 * token) so that a long token is scanned once, not once per offset. Order matters: URLs before host:port and
 * paths; timestamps before anything that would split their clock part; the catch-all `digits` rule last.
 */
export const DEFAULT_MASK_RULES: readonly MaskRule[] = Object.freeze(RULES.map((rule) => Object.freeze(rule)));
