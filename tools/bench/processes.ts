import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ROOT } from './repo-root';

/** A loopback port nobody listens on right now (tiny race with other programs; fine for benches and tests). One owner for tools/. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS); undefined once it is gone. */
export function rssKib(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, seconds) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] is utime, fields[12] stime (0-based after the command name), in clock ticks (100 Hz on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface NodeProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly args?: readonly string[];
  /** Flags for node itself, e.g. --cpu-prof. */
  readonly nodeArgs?: readonly string[];
}

/** A child node process whose output is kept (last lines) and scanned, never left to fill a pipe. */
export class NodeProcess {
  /** Every child still running, so that an interrupted bench can stop them (see {@link stopAllChildren}). */
  static readonly live = new Set<NodeProcess>();
  readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private readonly watchers: Array<{ re: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  readonly exited: Promise<number | string>;

  constructor(
    readonly name: string,
    script: string,
    o: NodeProcessOptions = {},
  ) {
    this.child = spawn(process.execPath, [...(o.nodeArgs ?? []), script, ...(o.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let carry = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (carry + chunk).split('\n');
        carry = lines.pop() ?? '';
        for (const line of lines) this.onLine(line);
      });
    }
    NodeProcess.live.add(this);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        NodeProcess.live.delete(this);
        resolve(signal ?? code ?? 0);
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first output line matching `re` (from now on); rejects on exit or timeout, quoting the last lines. */
  waitFor(re: RegExp, ms = 30_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no line matching ${re} within ${ms} ms; last output:\n${this.lastLines()}`)), ms);
      const w = { re, resolve: (m: RegExpExecArray) => (clearTimeout(timer), resolve(m)) };
      this.watchers.push(w);
      void this.exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${how}) before printing ${re}; last output:\n${this.lastLines()}`));
      });
    });
  }

  lastLines(n = 20): string {
    return this.tail.slice(-n).join('\n');
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `ms`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', ms = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    await this.exited;
    clearTimeout(timer);
  }

  private onLine(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.splice(0, this.tail.length - 200);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      const m = this.watchers[i].re.exec(line);
      if (m) {
        this.watchers[i].resolve(m);
        this.watchers.splice(i, 1);
      }
    }
  }
}

/** Polls `url` until it answers 2xx. */
export async function waitHealthy(url: string, ms = 30_000, proc?: NodeProcess): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc && !proc.running) throw new Error(`${proc.name} exited while waiting for ${url}; last output:\n${proc.lastLines()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${ms} ms${proc ? `; last output of ${proc.name}:\n${proc.lastLines()}` : ''}`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Kills every child the bench started (by its pid), for Ctrl-C. */
export function stopAllChildren(): void {
  for (const p of NodeProcess.live) p.child.kill('SIGKILL');
}
