import { SyslogFramer } from './syslog-framing';

const framesOf = (framer: SyslogFramer, ...chunks: string[]): string[] => {
  const out: string[] = [];
  for (const c of chunks) framer.push(Buffer.from(c, 'utf8'), (f) => out.push(f.toString('utf8')));
  return out;
};

describe('SyslogFramer (RFC 6587)', () => {
  // What rsyslog's omfwd sent in this repo's tests, byte for byte (octet-counted: the count includes its LF).
  const rsyslogOctets = '69 <156>1 2026-12-07T09:54:16.248031+00:00 vm checkout - - - first line\n';

  it('reads octet-counted frames, the count including a trailing LF as rsyslog sends it', () => {
    expect(framesOf(new SyslogFramer(65536), rsyslogOctets + rsyslogOctets)).toEqual([rsyslogOctets.slice(3), rsyslogOctets.slice(3)]);
  });

  it('reads LF-framed frames and strips a CR before the LF', () => {
    expect(framesOf(new SyslogFramer(65536), '<13>Dec  7 09:54:16 vm a: x\n<13>Dec  7 09:54:16 vm a: y\r\n')).toEqual([
      '<13>Dec  7 09:54:16 vm a: x',
      '<13>Dec  7 09:54:16 vm a: y',
    ]);
  });

  it('tells the framing apart per frame, and skips blank lines between frames', () => {
    expect(framesOf(new SyslogFramer(65536), '5 <13>a\n\n<13>b\n3 <1>')).toEqual(['<13>a', '<13>b', '<1>']);
  });

  it('puts frames back together from any split across TCP chunks, down to a byte at a time', () => {
    const stream = rsyslogOctets + '<13>Dec  7 09:54:16 vm a: é\n' + '11 <13>é-tail';
    const whole = framesOf(new SyslogFramer(65536), stream);
    expect(whole).toHaveLength(3);
    const bytes = Buffer.from(stream, 'utf8');
    for (const cut of [1, 2, 3, 4, 50, 69, 70, 71, 90, bytes.length - 1]) {
      const f = new SyslogFramer(65536);
      const out: string[] = [];
      f.push(bytes.subarray(0, cut), (x) => out.push(x.toString('utf8')));
      f.push(bytes.subarray(cut), (x) => out.push(x.toString('utf8')));
      expect({ cut, out }).toEqual({ cut, out: whole });
    }
    const f = new SyslogFramer(65536);
    const out: string[] = [];
    for (const b of bytes) f.push(Buffer.from([b]), (x) => out.push(x.toString('utf8')));
    expect(out).toEqual(whole);
    expect(f.inFrame).toBe(false);
  });

  it('refuses a count over the limit as soon as it is read, keeping the frames before it', () => {
    const f = new SyslogFramer(1000);
    const out: string[] = [];
    expect(() => f.push(Buffer.from('3 <1>10000000 <13>'), (x) => out.push(x.toString()))).toThrow(expect.objectContaining({ code: 'syslog:frame-too-large' }));
    expect(out).toEqual(['<1>']);
  });

  it('refuses a non-numeric or zero count', () => {
    expect(() => framesOf(new SyslogFramer(1000), '12x <13>a')).toThrow(expect.objectContaining({ code: 'syslog:bad-octet-count' }));
    expect(() => framesOf(new SyslogFramer(1000), '0 ')).toThrow(expect.objectContaining({ code: 'syslog:bad-octet-count' }));
    expect(() => framesOf(new SyslogFramer(1000), '12\n')).toThrow(expect.objectContaining({ code: 'syslog:bad-octet-count' }));
  });

  it('refuses a line longer than the limit before its LF comes', () => {
    const f = new SyslogFramer(480);
    framesOf(f, '<13>' + 'a'.repeat(400));
    expect(() => framesOf(f, 'a'.repeat(100))).toThrow(expect.objectContaining({ code: 'syslog:frame-too-large' }));
  });

  it('reports an end inside a frame (a count that lies, a line without its LF), and none between frames', () => {
    const lying = new SyslogFramer(1000);
    expect(framesOf(lying, '500 <13>short')).toEqual([]);
    expect(() => lying.end()).toThrow(expect.objectContaining({ code: 'syslog:truncated-frame' }));
    const line = new SyslogFramer(1000);
    framesOf(line, '<13>no newline');
    expect(() => line.end()).toThrow(expect.objectContaining({ code: 'syslog:truncated-frame' }));
    const clean = new SyslogFramer(1000);
    framesOf(clean, '<13>a\n\n');
    expect(() => clean.end()).not.toThrow();
  });
});
