import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/processes';

/** How often Redis fsyncs its append-only file (`appendfsync`). */
export type AppendFsync = 'always' | 'everysec';

/**
 * A `redis-server` of the suite's own, on a free loopback port with the append-only file on in a
 * temporary directory, so that it can be SIGKILLed and restarted without touching the Redis other
 * people use. A restart reuses the port and the directory: Redis reloads its AOF.
 */
export class OwnRedis {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly appendfsync: AppendFsync,
  ) {}

  static async start(appendfsync: AppendFsync): Promise<OwnRedis> {
    try {
      execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error("the suite's own Redis needs `redis-server` on the PATH (Debian's redis-server package; .ci/run installs it)");
    }
    const r = new OwnRedis(await freePort(), await mkdtemp(join(tmpdir(), 'logad-faults-redis-')), appendfsync);
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts (again) on the same port and directory, and resolves once it answers PING (its AOF loaded). */
  async start(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      this.appendfsync,
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      join(this.dir, 'redis.log'),
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    const end = Date.now() + 30_000;
    while (!(await ping(this.port))) {
      if (!this.running) throw new Error(`redis-server on port ${this.port} exited while starting:\n${await this.logTail()}`);
      if (Date.now() > end) throw new Error(`redis-server on port ${this.port} did not answer PING within 30 s:\n${await this.logTail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL: Redis gets no chance to flush anything; what survives is what its AOF already held. */
  async kill(): Promise<void> {
    if (this.running) this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** Stops it for good and deletes its directory. */
  async dispose(): Promise<void> {
    await this.kill();
    await rm(this.dir, { recursive: true, force: true });
  }

  async logTail(lines = 10): Promise<string> {
    const text = await readFile(join(this.dir, 'redis.log'), 'utf8').catch(() => '');
    return text.trim().split('\n').slice(-lines).join('\n');
  }
}

/** True when a Redis on `port` answers +PONG (not -LOADING while it replays its AOF). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1_000, () => done(false));
    s.once('error', () => done(false));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
  });
}
