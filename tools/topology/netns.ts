import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a program and resolves with its stdout; rejects with its stderr in the message. */
export async function sh(cmd: string, args: readonly string[]): Promise<string> {
  try {
    return (await run(cmd, args as string[], { timeout: 30_000 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`);
  }
}

/** One host: a network namespace with one veth end on the run's bridge and an address on its subnet. */
export interface Host {
  readonly name: string;
  readonly ns: string;
  readonly ip: string;
  /** The veth end inside the namespace. */
  readonly dev: string;
}

// Namespaces are `lt<pid>-<host>`: the pid of the run that made them says whether they are stale.
const PREFIX = 'lt';
const NAME = /^lt(\d+)-/;

/**
 * The hosts of one run: namespaces joined by veth pairs to a bridge in the root namespace, which
 * holds the subnet's first address so that the harness itself can reach every host.
 */
export class Network {
  readonly hosts = new Map<string, Host>();
  private readonly tag: string;
  private disposed = false;

  private constructor(
    readonly subnet: string,
    readonly bridge: string,
  ) {
    this.tag = `${PREFIX}${process.pid}`;
  }

  /** Checks that namespaces can be made here (root and `ip netns` allowed); resolves with the reason when not. */
  static async unavailable(): Promise<string | undefined> {
    if (process.getuid?.() !== 0) return 'not root (ip netns needs CAP_SYS_ADMIN)';
    const probe = `${PREFIX}${process.pid}-probe`;
    try {
      await sh('ip', ['netns', 'add', probe]);
      await sh('ip', ['netns', 'exec', probe, 'ip', 'link', 'set', 'lo', 'up']);
      return undefined;
    } catch (err) {
      return `ip netns is not permitted here: ${(err as Error).message}`;
    } finally {
      await sh('ip', ['netns', 'del', probe]).catch(() => undefined);
    }
  }

  /** Removes what runs that are no longer alive left behind (their processes, namespaces, bridges). */
  static async cleanStale(): Promise<string[]> {
    const removed: string[] = [];
    const names = (await sh('ip', ['netns', 'list']))
      .split('\n')
      .map((l) => l.split(' ')[0])
      .filter(Boolean);
    for (const ns of names) {
      const pid = NAME.exec(ns)?.[1];
      if (!pid || isAlive(Number(pid))) continue;
      await killAllIn(ns);
      await sh('ip', ['netns', 'del', ns]).catch(() => undefined);
      removed.push(ns);
    }
    const links = await sh('ip', ['-o', 'link', 'show', 'type', 'bridge']);
    for (const m of links.matchAll(/^\d+: (lt(\d+)br)[:@]/gm)) {
      if (isAlive(Number(m[2]))) continue;
      await sh('ip', ['link', 'del', m[1]]).catch(() => undefined);
      removed.push(m[1]);
    }
    return removed;
  }

  /** A bridge on a /24 of 10.231.0.0/16 that no interface of this machine uses yet. */
  static async create(): Promise<Network> {
    const used = await sh('ip', ['-4', '-o', 'addr']);
    // Start from the pid, so that two runs starting at the same moment do not pick the same /24.
    const free = Array.from({ length: 255 }, (_, i) => (process.pid + i) % 255).find((t) => !used.includes(` 10.231.${t}.`));
    if (free === undefined) throw new Error('no free /24 in 10.231.0.0/16');
    const third = free;
    const net = new Network(`10.231.${third}`, `${PREFIX}${process.pid}br`);
    Network.live.add(net);
    await sh('ip', ['link', 'add', net.bridge, 'type', 'bridge']);
    await sh('ip', ['addr', 'add', `${net.subnet}.1/24`, 'dev', net.bridge]);
    await sh('ip', ['link', 'set', net.bridge, 'up']);
    return net;
  }

  /** Networks not yet disposed, so that SIGINT can still tear them down. */
  static readonly live = new Set<Network>();

  async addHost(name: string): Promise<Host> {
    const index = this.hosts.size + 2;
    const host: Host = { name, ns: `${this.tag}-${name}`, ip: `${this.subnet}.${index}`, dev: 'eth0' };
    const outer = `${this.tag}h${index}`;
    await sh('ip', ['netns', 'add', host.ns]);
    this.hosts.set(name, host);
    await sh('ip', ['link', 'add', outer, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.ns]);
    await sh('ip', ['link', 'set', outer, 'master', this.bridge]);
    await sh('ip', ['link', 'set', outer, 'up']);
    const inNs = (...a: string[]) => sh('ip', ['netns', 'exec', host.ns, 'ip', ...a]);
    await inNs('addr', 'add', `${host.ip}/24`, 'dev', 'eth0');
    await inNs('link', 'set', 'eth0', 'up');
    await inNs('link', 'set', 'lo', 'up');
    return host;
  }

  host(name: string): Host {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  }

  /** SIGKILL every process in the host's namespace (what a power cut does to it). */
  async killHost(name: string): Promise<number> {
    return killAllIn(this.host(name).ns);
  }

  /**
   * Cuts `from` off from `to`: packets to `to` are dropped inside `from` (a blackhole route), so
   * open TCP connections hang rather than fail, as in a partition.
   */
  async cut(from: string, to: string): Promise<void> {
    await sh('ip', ['netns', 'exec', this.host(from).ns, 'ip', 'route', 'add', 'blackhole', `${this.host(to).ip}/32`]);
  }

  async heal(from: string, to: string): Promise<void> {
    await sh('ip', ['netns', 'exec', this.host(from).ns, 'ip', 'route', 'del', 'blackhole', `${this.host(to).ip}/32`]);
  }

  /** Kills every process in every host, deletes the namespaces (their veths go with them) and the bridge. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    Network.live.delete(this);
    for (const h of this.hosts.values()) await killAllIn(h.ns).catch(() => 0);
    for (const h of this.hosts.values()) await sh('ip', ['netns', 'del', h.ns]).catch(() => undefined);
    await sh('ip', ['link', 'del', this.bridge]).catch(() => undefined);
  }
}

async function killAllIn(ns: string): Promise<number> {
  const pids = (await sh('ip', ['netns', 'pids', ns]).catch(() => ''))
    .split('\n')
    .map(Number)
    .filter((p) => p > 0);
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
