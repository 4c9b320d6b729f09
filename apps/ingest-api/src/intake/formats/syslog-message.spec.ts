import { DEFAULT_LOG_LIMITS, QueuedLog } from '@logad/contracts';
import { DecodeContext } from './decode-context';
import { decodeSyslogMessage } from './syslog-message';

// 2026-12-07T10:00:00Z, in this process's zone for the BSD timestamps (read in local time).
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
let n = 0;
const ctx = (now = NOW): DecodeContext => ({ limits: DEFAULT_LOG_LIMITS, receivedAt: now, newId: () => `id-${++n}` });

function decode(text: string | Buffer, now = NOW): QueuedLog {
  const r = decodeSyslogMessage(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), ctx(now), new Date(now).toISOString());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.log;
}
const local = (y: number, mo: number, d: number, h: number, mi: number, s: number) => new Date(y, mo, d, h, mi, s).toISOString();

describe('decodeSyslogMessage: RFC 5424', () => {
  it("reads rsyslog's RSYSLOG_SyslogProtocol23Format (as omfwd sent it here, its LF inside the frame)", () => {
    const log = decode('<156>1 2026-12-07T09:54:16.248031+00:00 vm checkout - - - first line\n');
    expect(log).toMatchObject({
      source: 'checkout',
      level: 'WARN',
      timestamp: '2026-12-07T09:54:16.248Z',
      message: 'first line',
      attributes: { hostname: 'vm', facility: 'local3', severity: 'warning' },
    });
    expect(log.attributes).not.toHaveProperty('structured_data');
  });

  it('reads the RFC examples: structured data, procid, msgid, a BOM before MSG, an offset', () => {
    const log = decode(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] \ufeffAn application event log entry...',
    );
    expect(log).toMatchObject({
      source: 'evntslog',
      level: 'INFO', // notice
      timestamp: '2003-10-11T22:14:15.003Z',
      message: 'An application event log entry...',
      attributes: {
        hostname: 'mymachine.example.com',
        facility: 'local4',
        severity: 'notice',
        procid: '8710',
        msgid: 'ID47',
        structured_data: { 'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' }, 'examplePriority@32473': { class: 'high' } },
      },
    });
    expect(decode("<34>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.").timestamp).toBe(
      '2003-08-24T12:14:15.000Z',
    );
  });

  it("reads syslog-ng's flags(syslog-protocol) output, SD escapes and repeated params", () => {
    const log = decode('<156>1 2026-12-07T09:55:07+00:00 vm checkout - - [meta sequenceId="1"][x@1 q="a \\"b\\" \\] \\\\ \\n" q="2"] first line\n');
    expect(log).toMatchObject({ source: 'checkout', message: 'first line', timestamp: '2026-12-07T09:55:07.000Z' });
    expect(log.attributes?.structured_data).toEqual({ meta: { sequenceId: '1' }, 'x@1': { q: ['a "b" ] \\ \\n', '2'] } });
  });

  it('takes NILVALUEs as absent: no timestamp → the receive time; no app-name → the hostname; none → no source', () => {
    expect(decode('<14>1 - host1 - - - - hello')).toMatchObject({ source: 'host1', timestamp: new Date(NOW).toISOString(), message: 'hello', level: 'INFO' });
    const bare = decode('<15>1 - - - - - - hello');
    expect(bare).toMatchObject({ source: null, level: 'DEBUG', attributes: { facility: 'user', severity: 'debug' } });
    expect(bare.attributes).not.toHaveProperty('hostname');
  });

  it('maps every severity through the level aliases', () => {
    const levels = [0, 1, 2, 3, 4, 5, 6, 7].map((sev) => decode(`<${8 + sev}>1 - h a - - - m`).level);
    expect(levels).toEqual(['FATAL', 'FATAL', 'FATAL', 'ERROR', 'WARN', 'INFO', 'INFO', 'DEBUG']);
  });

  it('keeps malformed structured data as part of MSG rather than losing it', () => {
    expect(decode('<14>1 - h app - - [broken sd without end').message).toBe('[broken sd without end');
  });

  it('replaces invalid UTF-8 and NULs with U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('<14>1 - h app - - - bad '), Buffer.from([0xc3, 0x28, 0x00, 0xff]), Buffer.from(' end')]);
    expect(decode(bytes).message).toBe('bad \ufffd(\ufffd\ufffd end');
  });

  it('drops structured data over the attributes limit, keeping the line', () => {
    const big = `[big v="${'x'.repeat(20_000)}"]`;
    const log = decode(`<14>1 - h app - - ${big} msg`);
    expect(log.message).toBe('msg');
    expect(log.attributes).not.toHaveProperty('structured_data');
  });
});

describe('decodeSyslogMessage: RFC 3164', () => {
  it("reads rsyslog's default forward format and syslog-ng's network() default (as they sent them here)", () => {
    const rs = decode('<156>Dec  7 09:54:30 vm checkout: first line');
    expect(rs).toMatchObject({
      source: 'checkout',
      level: 'WARN',
      timestamp: local(2026, 11, 7, 9, 54, 30),
      message: 'first line',
      attributes: { hostname: 'vm', facility: 'local3', severity: 'warning' },
    });
    const ng = decode('<156>Dec  7 09:55:07 vm checkout[4711]: second line é\n');
    expect(ng).toMatchObject({ source: 'checkout', message: 'second line é', attributes: { hostname: 'vm', procid: '4711' } });
  });

  it('reads the RFC 3164 examples and common variants', () => {
    expect(decode("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).toMatchObject({
      source: 'su',
      level: 'FATAL', // crit
      timestamp: local(2026, 9, 11, 22, 14, 15),
      message: "'su root' failed for lonvick on /dev/pts/8",
      attributes: { hostname: 'mymachine', facility: 'auth' },
    });
    // A local program's line (no hostname), a tag with a slash and pid.
    expect(decode('<22>Dec  7 09:00:01 postfix/smtpd[1234]: connect from x')).toMatchObject({ source: 'postfix/smtpd', attributes: { procid: '1234' } });
    // An RFC 3339 time where the BSD one goes (rsyslog's RSYSLOG_ForwardFormat).
    expect(decode('<30>2026-12-07T09:54:30.123456+00:00 web-1 nginx: GET / 200')).toMatchObject({
      source: 'nginx',
      timestamp: '2026-12-07T09:54:30.123Z',
      attributes: { hostname: 'web-1' },
    });
    // No TAG: the hostname is the source and the rest the message.
    expect(decode('<13>Dec  7 09:00:01 router42 link down on ge-0/0/1')).toMatchObject({ source: 'router42', message: 'link down on ge-0/0/1' });
    // No timestamp: all MSG (after a TAG if one starts it), the receive time.
    expect(decode('<13>hello world')).toMatchObject({ source: null, message: 'hello world', timestamp: new Date(NOW).toISOString() });
    expect(decode('<13>cron[9]: job done')).toMatchObject({ source: 'cron', message: 'job done' });
  });

  it('gives a BSD timestamp the year that puts it nearest to now', () => {
    const jan2 = Date.UTC(2027, 0, 2, 12);
    expect(decode('<13>Dec 31 23:59:00 h a: m', jan2).timestamp).toBe(local(2026, 11, 31, 23, 59, 0));
    const dec30 = Date.UTC(2026, 11, 30, 12);
    expect(decode('<13>Jan  1 00:01:00 h a: m', dec30).timestamp).toBe(local(2027, 0, 1, 0, 1, 0));
    // 29 Feb: only a leap year has one; of the years around 2027, that is 2028.
    expect(decode('<13>Feb 29 12:00:00 h a: m', Date.UTC(2027, 2, 1)).timestamp).toBe(local(2028, 1, 29, 12, 0, 0));
  });

  it('refuses what has no PRI, and a PRI out of range', () => {
    for (const bad of ['no pri at all', '<192>Dec  7 09:00:01 h a: m', '<013>x', '<>x', '\u0000\u0001\u0002']) {
      const r = decodeSyslogMessage(Buffer.from(bad), ctx(), new Date(NOW).toISOString());
      expect({ bad, ok: r.ok }).toEqual({ bad, ok: false });
    }
  });

  it('refuses an empty MSG (a log has a message)', () => {
    expect(decodeSyslogMessage(Buffer.from('<13>Dec  7 09:00:01 h a: '), ctx(), '').ok).toBe(false);
  });
});
