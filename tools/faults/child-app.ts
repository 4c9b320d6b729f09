import { ChildProcess, spawn } from 'node:child_process';

/** How a child process ended: its exit code, or the signal that ended it. */
export type ExitStatus = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

/**
 * One program run as a real child process: a built app (`apps/<name>/dist/main.js`, given as the
 * script path, run with this Node), or any command given as argv (the topology suite's
 * `ip netns exec …`). Its output is read line by line (so a full pipe never blocks it), the last
 * lines are kept for error messages, and lines can be awaited or counted.
 */
export class ChildApp {
  readonly child: ChildProcess;
  readonly exited: Promise<ExitStatus>;
  readonly startedAt = Date.now();
  private readonly tail: string[] = [];
  private readonly watchers: Array<{ re: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  private readonly listeners: Array<(line: string) => void> = [];

  constructor(
    readonly name: string,
    command: string | readonly string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
  ) {
    const [file, ...args] = typeof command === 'string' ? [process.execPath, command] : command;
    this.child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let carry = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (carry + chunk).split('\n');
        carry = lines.pop() ?? '';
        for (const line of lines) this.onLine(line);
      });
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Calls `fn` with every output line from now on. */
  onOutput(fn: (line: string) => void): void {
    this.listeners.push(fn);
  }

  /** Resolves with the first line (from now on) matching `re`; rejects on exit or after `ms`, quoting the last lines. */
  waitFor(re: RegExp, ms: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no output line matching ${re} within ${ms} ms; last output:\n${this.lastLines()}`)), ms);
      this.watchers.push({ re, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      void this.exited.then((s) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${describeExit(s)}) before printing ${re}; last output:\n${this.lastLines()}`));
      });
    });
  }

  lastLines(n = 15): string {
    return this.tail.slice(-n).join('\n');
  }

  /** Sends a signal as is (SIGSTOP freezes the process: it keeps its sockets but answers nothing; SIGCONT resumes it). */
  signal(sig: NodeJS.Signals): void {
    if (this.running) this.child.kill(sig);
  }

  /** SIGKILL: no chance to clean up, which is the point. Resolves once the process is gone. */
  async kill(): Promise<ExitStatus> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /**
   * SIGTERM and wait for the exit; after `forceAfterMs` it is SIGKILLed (so a hung shutdown cannot
   * hang the harness) and `forced` says so.
   */
  async terminate(forceAfterMs: number): Promise<{ status: ExitStatus; ms: number; forced: boolean }> {
    const t0 = Date.now();
    let forced = false;
    if (!this.running) return { status: await this.exited, ms: 0, forced };
    this.child.kill('SIGTERM');
    this.child.kill('SIGCONT'); // a frozen (SIGSTOPped) process would otherwise never see the SIGTERM
    const timer = setTimeout(() => {
      forced = true;
      this.child.kill('SIGKILL');
    }, forceAfterMs);
    const status = await this.exited;
    clearTimeout(timer);
    return { status, ms: Date.now() - t0, forced };
  }

  private onLine(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 100) this.tail.splice(0, this.tail.length - 100);
    for (const fn of this.listeners) fn(line);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      const m = this.watchers[i].re.exec(line);
      if (m) {
        this.watchers[i].resolve(m);
        this.watchers.splice(i, 1);
      }
    }
  }
}

export function describeExit(s: ExitStatus): string {
  return s.signal ? `signal ${s.signal}` : `code ${s.code}`;
}
