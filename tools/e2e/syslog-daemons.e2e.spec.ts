// Debian's rsyslog and syslog-ng, each a non-daemon child process with its own configuration, pid
// and state files in a temp dir, reading a file we write 100 lines to and forwarding it to the
// syslog listener of the whole system on loopback (ingest-api -> Redis (REDIS_URL) -> worker ->
// ml-api -> JSON Lines files): every line must be stored, with source, level, timestamp and message
// mapped. The configurations are the ones docs/shipping.md shows. syslog-ng's http() destination to
// the JSON route is driven too.
import { ScoredRecord } from '@logad/contracts';
import { readJsonLines } from '@logad/storage';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freeSyslogPort } from '../../apps/ingest-api/test/syslog-clients';
import { RunningSystem, startSystem } from './system';

jest.setTimeout(120_000);

const LINES = 100;

/** rsyslogd: Debian's package, or unpacked into /opt/rsyslog (.ci/run: rsyslog and syslog-ng-core conflict as packages). */
function findRsyslogd(): { bin: string; args: string[] } | undefined {
  const unpacked = '/opt/rsyslog/usr/sbin/rsyslogd';
  if (existsSync(unpacked)) {
    const lib = '/opt/rsyslog/usr/lib';
    const modDir = readdirSync(lib)
      .map((d) => join(lib, d, 'rsyslog'))
      .find((d) => existsSync(join(d, 'imfile.so')));
    if (modDir) return { bin: unpacked, args: ['-M', modDir] };
  }
  const onPath = spawnSync('sh', ['-c', 'command -v rsyslogd'], { encoding: 'utf8' }).stdout.trim();
  return onPath ? { bin: onPath, args: [] } : undefined;
}
const rsyslogd = findRsyslogd();
const syslogNg = spawnSync('sh', ['-c', 'command -v syslog-ng'], { encoding: 'utf8' }).stdout.trim() || undefined;

// Only missing programs on a developer's machine skip, and say so; CI installs them (.ci/run).
const inCi = Boolean(process.env.CI || process.env.LOGAD_CI);
const missing = [!rsyslogd && 'rsyslogd (rsyslog)', !syslogNg && 'syslog-ng (syslog-ng-core, syslog-ng-mod-http)'].filter(Boolean);
if (missing.length > 0 && !inCi) console.warn(`syslog daemons e2e SKIPPED: ${missing.join(', ')} absent (see .ci/run for how to install them)`);
const describeWithDaemons = missing.length === 0 || inCi ? describe : describe.skip;

/** A variant: the program's tag (the stored source), the severity it is given, the level expected. */
interface Variant {
  readonly tag: string;
  readonly severity: string;
  readonly level: string;
}
const RSYSLOG: Variant[] = [
  { tag: 'rs-tcp-5424', severity: 'warning', level: 'WARN' },
  { tag: 'rs-tcp-3164', severity: 'err', level: 'ERROR' },
  { tag: 'rs-udp-3164', severity: 'info', level: 'INFO' },
  { tag: 'rs-octet-5424', severity: 'crit', level: 'FATAL' },
];
const SYSLOG_NG: Variant[] = [
  { tag: 'ng-tcp-3164', severity: 'warning', level: 'WARN' },
  { tag: 'ng-tcp-5424', severity: 'err', level: 'ERROR' },
  { tag: 'ng-udp-3164', severity: 'notice', level: 'INFO' },
  { tag: 'ng-octet-5424', severity: 'debug', level: 'DEBUG' },
  { tag: 'ng-http-json', severity: 'warning', level: 'WARN' },
];

describeWithDaemons('syslog daemons (e2e): rsyslog omfwd and syslog-ng network()/syslog()/http() to the listener', () => {
  let sys: RunningSystem;
  let port: number;
  const children: ChildProcess[] = [];
  const output: string[] = [];
  let started: number;

  beforeAll(async () => {
    port = await freeSyslogPort();
    sys = await startSystem({ ingestEnv: { SYSLOG_PORT: String(port) } });
    started = Date.now() - 1000;
  });

  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null) {
        c.kill('SIGTERM');
        await new Promise((r) => c.once('exit', r));
      }
    }
    await sys?.stop();
  });

  function run(bin: string, args: string[]): ChildProcess {
    const c = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    c.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    children.push(c);
    return c;
  }

  async function writeInputs(dir: string, variants: Variant[]): Promise<void> {
    for (const v of variants) {
      const lines = Array.from({ length: LINES }, (_, i) => `${v.tag} line ${i} ünïcode`).join('\n');
      await writeFile(join(dir, `${v.tag}.log`), `${lines}\n`);
    }
  }

  async function stored(): Promise<ScoredRecord[]> {
    const out: ScoredRecord[] = [];
    for (const f of ['normal_logs.jsonl', 'anomalous_logs.jsonl']) {
      if (!existsSync(join(sys.logsDir, f))) continue;
      for await (const r of readJsonLines<ScoredRecord>(join(sys.logsDir, f))) out.push(r);
    }
    return out;
  }

  async function expectAllStored(variants: Variant[]): Promise<void> {
    const end = Date.now() + 60_000;
    let by = new Map<string, ScoredRecord[]>();
    for (;;) {
      by = new Map(variants.map((v) => [v.tag, []]));
      for (const r of await stored()) by.get(r.source ?? '')?.push(r);
      if ([...by.values()].every((rs) => rs.length >= LINES) || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const counts = Object.fromEntries([...by].map(([tag, rs]) => [tag, rs.length]));
    if (Object.values(counts).some((n) => n !== LINES)) console.error(output.join('').slice(-4000));
    expect(counts).toEqual(Object.fromEntries(variants.map((v) => [v.tag, LINES])));
    for (const v of variants) {
      const rs = by.get(v.tag)!;
      expect(rs.map((r) => r.message).sort()).toEqual(Array.from({ length: LINES }, (_, i) => `${v.tag} line ${i} ünïcode`).sort());
      for (const r of rs) {
        expect({ tag: v.tag, level: r.level }).toEqual({ tag: v.tag, level: v.level });
        const t = Date.parse(r.timestamp);
        expect(t).toBeGreaterThanOrEqual(started - 1000);
        expect(t).toBeLessThanOrEqual(Date.now() + 1000);
      }
      if (v.tag !== 'ng-http-json') expect(rs[0].attributes).toMatchObject({ hostname: expect.any(String), facility: 'local3' });
    }
  }

  it('rsyslog: omfwd over TCP (RSYSLOG_SyslogProtocol23Format, the default 3164, octet-counted) and UDP: 100/100 each', async () => {
    const dir = join(sys.dir, 'rsyslog');
    await mkdir(join(dir, 'work'), { recursive: true });
    await writeInputs(dir, RSYSLOG);
    const action: Record<string, string> = {
      // As docs/shipping.md advises: a disk-assisted queue and endless retries, so that an outage loses nothing.
      'rs-tcp-5424': `protocol="tcp" template="RSYSLOG_SyslogProtocol23Format" queue.type="LinkedList" queue.filename="logad" queue.saveOnShutdown="on" action.resumeRetryCount="-1"`,
      'rs-tcp-3164': `protocol="tcp"`,
      'rs-udp-3164': `protocol="udp"`,
      'rs-octet-5424': `protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format"`,
    };
    const conf = [
      `global(workDirectory="${dir}/work")`,
      `module(load="imfile")`,
      ...RSYSLOG.flatMap((v) => [
        `input(type="imfile" File="${dir}/${v.tag}.log" Tag="${v.tag}:" Facility="local3" Severity="${v.severity}" ruleset="${v.tag}")`,
        `ruleset(name="${v.tag}") { action(type="omfwd" target="127.0.0.1" port="${port}" ${action[v.tag]}) }`,
      ]),
    ].join('\n');
    await writeFile(join(dir, 'rsyslog.conf'), conf);
    run(rsyslogd!.bin, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid'), ...rsyslogd!.args]);
    await expectAllStored(RSYSLOG);
  });

  it('syslog-ng: network() over TCP (default and flags(syslog-protocol)) and UDP, syslog(), http() to the JSON route: 100/100 each', async () => {
    const dir = join(sys.dir, 'syslog-ng');
    await mkdir(dir, { recursive: true });
    await writeInputs(dir, SYSLOG_NG);
    // Each destination's options; persist-name() tells apart the ones that share a host and port.
    const destination: Record<string, string> = {
      'ng-tcp-3164': `network("127.0.0.1" port(${port}) transport("tcp")`,
      'ng-tcp-5424': `network("127.0.0.1" port(${port}) transport("tcp") flags(syslog-protocol)`,
      'ng-udp-3164': `network("127.0.0.1" port(${port}) transport("udp")`,
      'ng-octet-5424': `syslog("127.0.0.1" port(${port}) transport("tcp")`,
      'ng-http-json': `http(url("${sys.logsUrl}") method("POST") headers("Content-Type: application/x-ndjson") batch-lines(50) batch-timeout(200)
        body("$(format-json message=\${MESSAGE} source=\${PROGRAM} level=\${LEVEL} timestamp=\${ISODATE})")`,
    };
    const conf = [
      '@version: 3.38',
      'options { stats-freq(0); };',
      ...SYSLOG_NG.map(
        (v) =>
          `log { source { file("${dir}/${v.tag}.log" follow-freq(0.2) flags(no-parse) program-override("${v.tag}") default-facility(local3) default-priority(${v.severity})); };\n` +
          `  destination { ${destination[v.tag]} persist-name("${v.tag}")); }; };`,
      ),
    ].join('\n');
    await writeFile(join(dir, 'syslog-ng.conf'), conf);
    run(syslogNg!, [
      '-F',
      '--no-caps',
      '-f',
      join(dir, 'syslog-ng.conf'),
      '--pidfile',
      join(dir, 'syslog-ng.pid'),
      '--persist-file',
      join(dir, 'syslog-ng.persist'),
      '--control',
      join(dir, 'syslog-ng.ctl'),
    ]);
    await expectAllStored(SYSLOG_NG);
  });
});
