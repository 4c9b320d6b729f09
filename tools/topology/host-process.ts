import { ChildProcess, spawn } from 'node:child_process';
import { ExitStatus, describeExit } from '../faults/child-app';
import { Host } from './netns';

/**
 * A program run inside a host's namespace (`ip netns exec` execs it, so the pid is the program's).
 * Like the fault suite's ChildApp, which runs only `node <script>` in the root namespace: output is
 * read line by line, the last lines kept for error messages, and lines can be awaited.
 */
export class HostProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ExitStatus>;
  private readonly tail: string[] = [];
  private readonly watchers: Array<{ re: RegExp; resolve: () => void }> = [];
  private readonly listeners: Array<(line: string) => void> = [];

  constructor(
    readonly name: string,
    readonly host: Host,
    argv: readonly string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
  ) {
    this.child = spawn('ip', ['netns', 'exec', host.ns, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  onOutput(fn: (line: string) => void): void {
    this.listeners.push(fn);
  }

  waitFor(re: RegExp, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no line matching ${re} within ${ms} ms; last output:\n${this.lastLines()}`)), ms);
      this.watchers.push({ re, resolve: () => (clearTimeout(timer), resolve()) });
      void this.exited.then((s) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${describeExit(s)}) before printing ${re}; last output:\n${this.lastLines()}`));
      });
    });
  }

  lastLines(n = 15): string {
    return this.tail.slice(-n).join('\n');
  }

  async kill(): Promise<ExitStatus> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `forceAfterMs`. */
  async terminate(forceAfterMs = 10_000): Promise<ExitStatus> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), forceAfterMs);
    const s = await this.exited;
    clearTimeout(timer);
    return s;
  }

  private onLine(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 100) this.tail.splice(0, this.tail.length - 100);
    for (const fn of this.listeners) fn(line);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      if (this.watchers[i].re.test(line)) {
        this.watchers[i].resolve();
        this.watchers.splice(i, 1);
      }
    }
  }
}
