import type { MaskRule } from './mask-rule';

// Numeric-looking rules refuse to start or end inside an alphanumeric run ("ssh2", "v1" stay
// words), but accept '_' and '-' as neighbours so "blk_-123" and "job_12_34" still mask.
const L = '(?<![A-Za-z0-9])';
const R = '(?![A-Za-z0-9])';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;
const H = '[0-9a-f]{1,4}';
// RFC 4291 text forms; the "::" forms need at least one group so a bare "::" separator survives.
const IPV6 = [
  `::(?:ffff(?::0{1,4})?:)?${IPV4}`,
  `(?:${H}:){7}${H}`,
  `(?:${H}:){1,7}:`,
  `(?:${H}:){1,6}:${H}`,
  `(?:${H}:){1,5}(?::${H}){1,2}`,
  `(?:${H}:){1,4}(?::${H}){1,3}`,
  `(?:${H}:){1,3}(?::${H}){1,4}`,
  `(?:${H}:){1,2}(?::${H}){1,5}`,
  `${H}:(?::${H}){1,6}`,
  `:(?::${H}){1,7}`,
].join('|');
// Common top-level domains only: a bare "a.b" is more often a file or a class name than a host.
const TLD =
  '(?:com|net|org|edu|gov|mil|int|io|co|uk|de|fr|nl|be|jp|cn|hk|tw|kr|ru|br|in|it|es|ch|at|se|no|dk|fi|pl|au|ca|us|eu|info|biz|local|localdomain|lan|internal|corp|home|arpa)';
const UNITS = '(?:ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|b|bytes?|k|kb|mb|gb|tb|kib|mib|gib|tib|%)';

const RULES: MaskRule[] = [
  // quotes and trailing punctuation usually delimit a URL in a log line rather than belong to it
  { name: 'url', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s"<>]*[^\s"'<>.,;:!?)\]}]/gi, replacement: '<URL>' },
  {
    name: 'email',
    pattern: /(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9-])/gi,
    replacement: '<EMAIL>',
  },
  {
    name: 'host',
    pattern: new RegExp(`(?<![\\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+${TLD}(?![\\w-]|\\.[a-z0-9])`, 'gi'),
    replacement: '<HOST>',
  },
  {
    name: 'uuid',
    pattern: new RegExp(`${L}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${R}`, 'gi'),
    replacement: '<UUID>',
  },
  {
    name: 'datetime',
    pattern: new RegExp(
      `${L}(?:\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?` +
        `|(?:${WEEKDAY}\\s+)?${MONTH}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:\\s+\\d{4}(?!\\d))?` +
        `|\\d{2}/${MONTH}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?:\\s[+-]\\d{4})?)${R}`,
      'gi',
    ),
    replacement: '<DATETIME>',
  },
  {
    name: 'date',
    pattern: new RegExp(`${L}(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4})${R}`, 'g'),
    replacement: '<DATE>',
  },
  {
    name: 'time',
    pattern: /(?<![A-Za-z0-9:])\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?![A-Za-z0-9:])/g,
    replacement: '<TIME>',
  },
  {
    name: 'mac',
    pattern: /(?<![A-Za-z0-9:-])[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}(?![A-Za-z0-9:-])/gi,
    replacement: '<MAC>',
  },
  {
    name: 'ipv6',
    pattern: new RegExp(`(?<![A-Za-z0-9:.])(?:${IPV6})(?:%[0-9a-z]+)?(?![A-Za-z0-9:]|\\.\\d)`, 'gi'),
    replacement: '<IP>',
  },
  {
    name: 'ipv4',
    pattern: new RegExp(`(?<![A-Za-z0-9.])${IPV4}(?::\\d{1,5})?(?![A-Za-z0-9]|\\.\\d)`, 'g'),
    replacement: '<IP>',
  },
  {
    name: 'path',
    pattern:
      /(?<![\w.~/:-])(?:~|\.{1,2})?(?:\/[\w.@%+=,~-]+){2,}\/?|(?<![A-Za-z0-9])[A-Za-z]:\\(?:[^\\\s"'<>|:*?]+\\?)*|\\\\[^\\\s"'<>|]+\\[^\s"'<>|]*/g,
    replacement: '<PATH>',
  },
  {
    name: 'hex',
    pattern: new RegExp(`${L}(?:0x[0-9a-f]+|(?=[0-9a-f]*[a-f])[0-9a-f]{8,})${R}`, 'gi'),
    replacement: '<HEX>',
  },
  {
    name: 'number',
    pattern: new RegExp(`${L}\\d+(?:\\.\\d+)*(?:e[-+]?\\d+)?${UNITS}?${R}`, 'gi'),
    replacement: '<NUM>',
  },
];

/**
 * Default masking, applied in this order (specific before general: a URL contains a path,
 * an IP contains numbers, a date contains numbers, ...). Each replacement is a `<TOKEN>`.
 * - `url` scheme://… → `<URL>`; `email` → `<EMAIL>`
 * - `host` dotted host names ending in a common TLD (db1.corp.example.com) → `<HOST>`; `uuid` → `<UUID>`
 * - `datetime` ISO 8601 (optional fraction and zone), syslog `Mon dd hh:mm:ss` (and ctime's
 *   `Www Mon dd hh:mm:ss yyyy`), Apache `dd/Mon/yyyy:hh:mm:ss ±zzzz` → `<DATETIME>`;
 *   `date` → `<DATE>`; `time` → `<TIME>`
 * - `mac` (6 hex pairs) → `<MAC>`; `ipv6` and `ipv4` (optional `:port`) → `<IP>`
 * - `path` Unix (≥ 2 segments, optional `~`/`.`/`..` prefix), Windows drive and UNC → `<PATH>`
 * - `hex` `0x…` or a run of ≥ 8 hex digits holding at least one letter → `<HEX>`
 *   (an all-digit run is a number: that is the one case where an id can mask differently)
 * - `number` ints, decimals, dotted versions, exponents, with an optional unit (12ms, 3.5KB, 99%) → `<NUM>`
 */
export const DEFAULT_MASK_RULES: readonly MaskRule[] = Object.freeze(RULES.map((rule) => Object.freeze(rule)));
