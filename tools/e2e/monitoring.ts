// Debian's Prometheus and Alertmanager as child processes of a test: each in its own temp dir
// (config, storage), on a free loopback port, with clustering off, and killed when the test ends.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/processes';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
export const PROMETHEUS_BIN = '/usr/bin/prometheus';
/** Prometheus' own linter of the exposition format, in the same package. */
export const PROMTOOL_BIN = '/usr/bin/promtool';

/** `describe`, or `describe.skip` saying why when a program is absent (`.ci/run` installs them). */
export function describeWith(bins: readonly string[]): jest.Describe {
  const missing = bins.filter((b) => !existsSync(b));
  if (missing.length === 0) return describe;
  console.warn(`SKIPPED: ${missing.join(', ')} absent (apt-get install -y --no-install-recommends prometheus prometheus-alertmanager)`);
  return describe.skip;
}

export interface Daemon {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The last lines it wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `bin` with the flags `args(port, dir)` gives it, and waits until `readyPath` answers 200. */
async function startDaemon(name: string, bin: string, config: string, args: (port: number, dir: string) => string[], readyPath: string): Promise<Daemon> {
  const dir = await mkdtemp(join(tmpdir(), `logad-${name}-`));
  await writeFile(join(dir, 'config.yml'), config);
  const port = await freePort();
  const child: ChildProcess = spawn(bin, args(port, dir), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    tail.push(...b.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const daemon: Daemon = {
    url,
    output: () => tail.join('\n'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killed);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  const end = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${daemon.output()}`);
    const ok = await fetch(`${url}${readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return daemon;
    if (Date.now() > end) {
      await daemon.stop();
      throw new Error(`${name} did not answer ${readyPath} in 20 s:\n${daemon.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Alertmanager routing every alert at once to `webhookUrl` (or to a receiver that sends nothing). */
export function startAlertmanager(webhookUrl?: string): Promise<Daemon> {
  const receiver = webhookUrl ? `    webhook_configs:\n      - url: ${JSON.stringify(webhookUrl)}\n        send_resolved: true\n` : '';
  const config = [
    'route:',
    '  receiver: logad',
    "  group_by: ['alertname', 'source', 'template_id']",
    '  group_wait: 0s',
    '  group_interval: 1s',
    '  repeat_interval: 1h',
    'receivers:',
    '  - name: logad',
    receiver,
  ].join('\n');
  return startDaemon(
    'alertmanager',
    ALERTMANAGER_BIN,
    config,
    (port, dir) => [
      `--config.file=${join(dir, 'config.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=', // no gossip port: one instance, nothing else to bind
    ],
    '/-/ready',
  );
}

/** Prometheus scraping each `host:port` of `targets` (job name → target) every second. */
export function startPrometheus(targets: Record<string, string>): Promise<Daemon> {
  const jobs = Object.entries(targets).map(
    ([job, target]) => `  - job_name: ${JSON.stringify(job)}\n    static_configs:\n      - targets: [${JSON.stringify(target)}]`,
  );
  const config = ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:', ...jobs, ''].join('\n');
  return startDaemon(
    'prometheus',
    PROMETHEUS_BIN,
    config,
    (port, dir) => [`--config.file=${join(dir, 'config.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
    '/-/ready',
  );
}
