/** What either syslog format holds, before it is mapped to a log. Absent (NILVALUE) fields are left out. */
export interface SyslogFields {
  /** PRI >> 3 (0–23). */
  readonly facility: number;
  /** PRI & 7 (0 emerg … 7 debug). */
  readonly severity: number;
  /** Epoch ms, when the message had a timestamp that could be read. */
  readonly timestamp?: number;
  readonly hostname?: string;
  /** RFC 5424 APP-NAME, or the name part of an RFC 3164 TAG (`sshd` of `sshd[42]:`). */
  readonly appName?: string;
  /** RFC 5424 PROCID, or the `[pid]` of an RFC 3164 TAG. */
  readonly procId?: string;
  readonly msgId?: string;
  /** RFC 5424 STRUCTURED-DATA: SD-ID → PARAM-NAME → value (several values of one name: an array). */
  readonly structuredData?: Record<string, Record<string, string | string[]>>;
  /** MSG, BOM stripped. */
  readonly message: string;
}

/** Reads `<PRIVAL>` at the start of `s` (RFC 5424 §6.2.1: 1–3 digits, 0–191); `undefined` if it is not one. */
export function readPri(s: string): { facility: number; severity: number; end: number } | undefined {
  if (s.charCodeAt(0) !== 0x3c) return undefined;
  const close = s.indexOf('>', 1);
  if (close < 2 || close > 4) return undefined;
  const digits = s.slice(1, close);
  if (!/^\d+$/.test(digits) || (digits.length > 1 && digits[0] === '0')) return undefined;
  const pri = Number(digits);
  if (pri > 191) return undefined;
  return { facility: pri >> 3, severity: pri & 7, end: close + 1 };
}

/** RFC 5424 §6.2.1's severity keywords, all of them level aliases (`err` → ERROR, `notice` → INFO…). */
export const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** Facility keywords as rsyslog and syslog-ng name them (RFC 5424 §6.2.1's table). */
export const FACILITY_NAMES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clock',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;
