import { chown, mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { HostProcess, startOnHost } from './host-process';
import { Host, sh } from './netns';

const START_MS = 30_000;
export const SENTINEL_NAME = 'logad';
export const SENTINEL_PORT = 26379;
export const REDIS_PORTS = [6379, 6380] as const;
export const PG_PORT = 5432;
export const INGEST_PORT = 8080;
export const ML_PORT = 8000;

/** A Redis server with no persistence (the replica is the copy); `replicaOf` makes it a replica. */
export async function startRedis(host: Host, dir: string, port: number, replicaOf?: { ip: string; port: number }): Promise<HostProcess> {
  const d = join(dir, `redis-${port}`);
  await mkdir(d, { recursive: true });
  const conf = join(d, 'redis.conf');
  // Written once: Sentinel rewrites it (CONFIG REWRITE) when it turns a server into a replica or back.
  await writeFile(
    conf,
    [
      `port ${port}`,
      `bind ${host.ip} 127.0.0.1`,
      'protected-mode no',
      `dir ${d}`,
      'save ""',
      'appendonly no',
      'maxmemory-policy noeviction',
      ...(replicaOf ? [`replicaof ${replicaOf.ip} ${replicaOf.port}`] : []),
    ].join('\n') + '\n',
    { flag: 'wx' },
  ).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const p = startOnHost(`redis:${port}`, host, ['redis-server', conf], process.env, d);
  await p.waitFor(/Ready to accept connections/, START_MS);
  return p;
}

/** Debian's redis-sentinel watching the primary; quorum 1 (one sentinel), down after 2 s. */
export async function startSentinel(host: Host, dir: string, primary: { ip: string; port: number }): Promise<HostProcess> {
  const d = join(dir, 'sentinel');
  await mkdir(d, { recursive: true });
  const conf = join(d, 'sentinel.conf');
  await writeFile(
    conf,
    [
      `port ${SENTINEL_PORT}`,
      `bind ${host.ip} 127.0.0.1`,
      'protected-mode no',
      `dir ${d}`,
      `sentinel monitor ${SENTINEL_NAME} ${primary.ip} ${primary.port} 1`,
      `sentinel down-after-milliseconds ${SENTINEL_NAME} 2000`,
      `sentinel failover-timeout ${SENTINEL_NAME} 10000`,
      `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
    ].join('\n') + '\n',
  );
  const p = startOnHost('sentinel', host, ['redis-sentinel', conf], process.env, d);
  await p.waitFor(/\+monitor master/, START_MS);
  return p;
}

/** Debian's nginx in the foreground with its own prefix (config, pid, temp paths): ingest on :80, ml-api on :8000. */
export async function startNginx(host: Host, dir: string, ingest: readonly Host[], ml: readonly Host[]): Promise<HostProcess> {
  const d = join(dir, 'nginx');
  await mkdir(d, { recursive: true });
  const upstream = (name: string, hosts: readonly Host[], port: number) =>
    `  upstream ${name} {\n${hosts.map((h) => `    server ${h.ip}:${port} max_fails=1 fail_timeout=2s;`).join('\n')}\n    keepalive 32;\n  }`;
  const proxy = (name: string, nextUpstream: string) =>
    [
      `      proxy_pass http://${name};`,
      '      proxy_http_version 1.1;',
      '      proxy_set_header Connection "";',
      '      proxy_connect_timeout 1s;',
      '      proxy_read_timeout 20s;',
      `      proxy_next_upstream ${nextUpstream};`,
    ].join('\n');
  const conf = `daemon off;
master_process on;
worker_processes 1;
pid ${d}/nginx.pid;
error_log stderr warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_max_body_size 64m;
  client_body_buffer_size 1m;
  client_body_temp_path ${d}/body;
  proxy_temp_path ${d}/proxy;
  fastcgi_temp_path ${d}/fastcgi;
  uwsgi_temp_path ${d}/uwsgi;
  scgi_temp_path ${d}/scgi;
${upstream('ingest', ingest, INGEST_PORT)}
${upstream('ml', ml, ML_PORT)}
  server {
    listen ${host.ip}:80;
    location / {
${proxy('ingest', 'error timeout')}
    }
  }
  # Scoring is idempotent, so a batch whose ml-api died mid-call may go to the other one.
  server {
    listen ${host.ip}:${ML_PORT};
    location / {
${proxy('ml', 'error timeout http_502 non_idempotent')}
    }
  }
}
`;
  await writeFile(join(d, 'nginx.conf'), conf);
  await sh('ip', ['netns', 'exec', host.ns, 'nginx', '-t', '-q', '-p', d, '-e', 'stderr', '-c', join(d, 'nginx.conf')]);
  const p = startOnHost('nginx', host, ['nginx', '-p', d, '-e', 'stderr', '-c', join(d, 'nginx.conf')], process.env, d);
  await waitPort(host.ip, 80, p);
  return p;
}

/** A private PostgreSQL cluster (initdb as the postgres OS user in `dir`), listening on the host's address only. */
export class PrivatePostgres {
  private constructor(
    readonly host: Host,
    readonly dir: string,
  ) {}

  get url(): string {
    return `postgres://postgres@${this.host.ip}:${PG_PORT}/postgres`;
  }
  private get data(): string {
    return join(this.dir, 'data');
  }

  static async create(host: Host, parent: string): Promise<PrivatePostgres> {
    const dir = join(parent, 'pg');
    await mkdir(dir, { recursive: true });
    const { uid, gid } = await postgresIds();
    await chown(parent, uid, gid).catch(() => undefined);
    await chown(dir, uid, gid);
    const pg = new PrivatePostgres(host, dir);
    await pg.asPostgres('initdb', ['-D', pg.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await writeFile(
      join(pg.data, 'pg_hba.conf'),
      `local all all trust\nhost all all ${host.ip.replace(/\.\d+$/, '.0')}/24 trust\nhost all all 127.0.0.1/32 trust\n`,
    );
    return pg;
  }

  async start(): Promise<void> {
    const opts = `-c listen_addresses=${this.host.ip} -c port=${PG_PORT} -c unix_socket_directories=${this.dir} -c max_connections=100 -c shared_buffers=32MB`;
    await this.asPostgres('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-o', opts, '-w', '-t', '60', 'start']);
  }

  /** `immediate`: no checkpoint, clients cut off, crash recovery at the next start (a crash, more or less). */
  async stop(mode: 'fast' | 'immediate' = 'immediate'): Promise<void> {
    await this.asPostgres('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  private async asPostgres(cmd: string, args: string[]): Promise<string> {
    return sh('ip', ['netns', 'exec', this.host.ns, 'runuser', '-u', 'postgres', '--', cmd, ...args]);
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  return { uid: Number((await sh('id', ['-u', 'postgres'])).trim()), gid: Number((await sh('id', ['-g', 'postgres'])).trim()) };
}

/** Resolves once something accepts TCP connections at ip:port (the root namespace reaches every host). */
export async function waitPort(ip: string, port: number, p?: HostProcess, ms = START_MS): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (p && !p.running) throw new Error(`${p.name} exited while starting; last output:\n${p.lastLines()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: ip, port, timeout: 500 }, () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
      s.once('timeout', () => (s.destroy(), resolve(false)));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens at ${ip}:${port} after ${ms} ms${p ? `; last output of ${p.name}:\n${p.lastLines()}` : ''}`);
}
