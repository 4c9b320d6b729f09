import { SyslogFields } from './syslog-fields';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `Mmm dd hh:mm:ss` (day space-padded), as rsyslog's and syslog-ng's BSD formats write it; fractions tolerated. */
const BSD_TIME = /^([A-Za-z]{3}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? /;
/** An RFC 3339 time where the BSD one goes (rsyslog's `RSYSLOG_ForwardFormat`, syslog-ng's `ts-format(iso)`). */
const ISO_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;
/** TAG: a program name (`postfix/smtpd`, `CRON`), an optional `[pid]`, then `:`. */
const TAG = /^([^\s:[\]]{1,48})(?:\[([^\]\s]{1,128})\])?:(?: |$)/;

/**
 * Reads an RFC 3164 (BSD) message after its PRI: `TIMESTAMP SP HOSTNAME SP TAG MSG`, as senders
 * write it in practice: the timestamp may be RFC 3339, the hostname may be missing (a local
 * program's line: the first word is then a TAG), the TAG too. A message with no timestamp it can
 * read is all MSG (RFC 3164 §4.3.3), after a TAG if one starts it. The BSD timestamp has no year
 * and no zone: it is read in this process's zone, in the year that puts it nearest to `now`.
 */
export function parseRfc3164(s: string, at: number, facility: number, severity: number, now: number): SyslogFields {
  let rest = s.slice(at);
  let timestamp: number | undefined;
  let hostname: string | undefined;
  const bsd = BSD_TIME.exec(rest);
  const iso = bsd ? null : ISO_TIME.exec(rest);
  if (bsd) timestamp = bsdTime(bsd, now);
  else if (iso) timestamp = Date.parse(iso[1]);
  if (bsd || iso) {
    rest = rest.slice((bsd ?? iso)![0].length);
    const sp = rest.indexOf(' ');
    const first = sp < 0 ? rest : rest.slice(0, sp);
    if (first !== '' && !TAG.test(rest)) {
      hostname = first;
      rest = sp < 0 ? '' : rest.slice(sp + 1);
    }
  }
  let appName: string | undefined;
  let procId: string | undefined;
  const tag = TAG.exec(rest);
  if (tag) {
    appName = tag[1];
    procId = tag[2];
    rest = rest.slice(tag[0].length);
  }
  return { facility, severity, timestamp: Number.isNaN(timestamp) ? undefined : timestamp, hostname, appName, procId, message: rest };
}

function bsdTime(m: RegExpExecArray, now: number): number | undefined {
  const month = MONTHS.indexOf(m[1].toLowerCase());
  const [day, h, min, sec] = [m[2], m[3], m[4], m[5]].map(Number);
  const ms = m[6] ? Number(m[6].padEnd(3, '0').slice(0, 3)) : 0;
  if (month < 0 || day < 1 || day > 31 || h > 23 || min > 59 || sec > 60) return undefined;
  const year = new Date(now).getFullYear();
  let best: number | undefined;
  for (const y of [year - 1, year, year + 1]) {
    const d = new Date(y, month, day, h, min, sec, ms);
    if (d.getDate() !== day) continue; // 29 Feb of a year that has none
    if (best === undefined || Math.abs(d.getTime() - now) < Math.abs(best - now)) best = d.getTime();
  }
  return best;
}
