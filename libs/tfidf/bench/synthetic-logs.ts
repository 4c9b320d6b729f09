/**
 * Deterministic synthetic syslog-like lines for benchmarks: 60 templates from sshd, kernel,
 * systemd, nginx, postgres, kafka, HDFS, Kubernetes, Java apps, cron, sudo, DHCP, … with variable
 * IPs, ports, pids, ids (hex, UUID, block), numbers, durations, sizes, paths, URLs, e-mails and
 * user names. Template frequencies follow a Zipf-like law, as in real logs.
 */

/** sfc32: small, fast, seedable; every draw of the generator goes through it. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  hex(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return s;
  }
}

const FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter'];
const SERVICE_USERS = ['root', 'postgres', 'www-data', 'nobody', 'svc_deploy', 'svc-backup', 'jenkins', 'git'];
const HOSTS = ['web-01', 'web-02', 'web-03', 'db-primary', 'db-replica-1', 'cache-01', 'lb-edge', 'worker-17', 'k8s-node-4', 'batch-02'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const STATUS = [200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 403, 404, 404, 500, 502, 503];
const ENDPOINTS = ['/api/v1/users', '/api/v1/orders', '/api/v2/search', '/static/js/app.js', '/healthz', '/login', '/api/v1/payments', '/metrics'];
const TABLES = ['orders', 'users', 'sessions', 'payments', 'inventory', 'audit_log', 'events'];
const TOPICS = ['events', 'clicks', 'payments', 'audit', 'metrics'];
const JOBS = ['backup', 'cleanup', 'reindex', 'report', 'rotate', 'compact', 'sync'];
const PODS = ['api', 'frontend', 'worker', 'scheduler', 'ingest'];
const DEVICES = ['sda', 'sdb', 'nvme0n1', 'dm-0'];
const IFACES = ['eth0', 'eth1', 'ens3', 'wlan0', 'bond0'];
const EXCEPTIONS = ['NullPointerException', 'IllegalStateException', 'TimeoutException', 'IOException', 'SQLException'];
const CLASSES = ['OrderService', 'PaymentGateway', 'UserRepository', 'CacheManager', 'HttpClient', 'Scheduler'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DOMAINS = ['example.com', 'corp.example.org', 'mail.test', 'acme.io'];

type Template = (r: Rng) => string;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const user = (r: Rng): string => (r.next() < 0.7 ? r.pick(FIRST) : r.pick(SERVICE_USERS));
const ip = (r: Rng): string =>
  r.next() < 0.6 ? `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` : `192.168.${r.int(0, 20)}.${r.int(1, 254)}`;
const ip6 = (r: Rng): string => `2001:db8:${r.hex(4)}::${r.hex(r.int(1, 4))}`;
const port = (r: Rng): number => (r.next() < 0.5 ? r.pick([22, 80, 443, 5432, 6379, 8080, 9092]) : r.int(1024, 65535));
const pid = (r: Rng): number => r.int(100, 65000);
const ms = (r: Rng): string => `${r.int(1, 2500)}ms`;
const uuid = (r: Rng): string => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;
const path = (r: Rng): string =>
  r.pick([
    `/var/log/${r.pick(['nginx', 'app', 'postgresql'])}/${r.pick(['access', 'error', 'main'])}.log.${r.int(1, 9)}`,
    `/home/${r.pick(FIRST)}/${r.pick(['projects', 'tmp', 'Downloads'])}/${r.pick(['report', 'data', 'notes'])}_${r.int(1, 999)}.${r.pick(['csv', 'txt', 'json'])}`,
    `/srv/app/releases/${r.int(100, 999)}/config/${r.pick(['app', 'db', 'cache'])}.yml`,
    `/tmp/upload-${r.hex(8)}/part-${r.int(0, 99)}`,
  ]);
const email = (r: Rng): string => `${r.pick(FIRST)}.${r.pick(FIRST)}${r.int(1, 99)}@${r.pick(DOMAINS)}`;
const url = (r: Rng): string => `https://${r.pick(['api', 'cdn', 'auth'])}.${r.pick(DOMAINS)}${r.pick(ENDPOINTS)}?id=${r.int(1, 99999)}`;
const size = (r: Rng): string => `${(r.next() * 900).toFixed(1)}${r.pick(['KB', 'MB', 'GB'])}`;

// 60 templates, roughly ordered from most to least frequent (weights are Zipf over this order).
const TEMPLATES: readonly Template[] = [
  (r) => `${r.pick(METHODS)} ${r.pick(ENDPOINTS)}/${r.int(1, 50000)} HTTP/1.1 ${r.pick(STATUS)} ${r.int(200, 90000)} ${ms(r)} client=${ip(r)}`,
  (r) => `sshd[${pid(r)}]: Accepted publickey for ${user(r)} from ${ip(r)} port ${port(r)} ssh2: RSA SHA256:${r.hex(16)}`,
  (r) => `sshd[${pid(r)}]: Failed password for invalid user ${user(r)} from ${ip(r)} port ${port(r)} ssh2`,
  (r) => `sshd[${pid(r)}]: Connection closed by ${ip(r)} port ${port(r)} [preauth]`,
  (r) => `systemd[1]: Started Session ${r.int(1, 9999)} of user ${user(r)}.`,
  (r) => `systemd-logind[${pid(r)}]: Removed session ${r.int(1, 9999)}.`,
  (r) => `CRON[${pid(r)}]: (${user(r)}) CMD (/usr/local/bin/${r.pick(JOBS)}.sh --keep ${r.int(1, 30)})`,
  (r) => `postgres[${pid(r)}]: LOG:  duration: ${(r.next() * 5000).toFixed(3)} ms  statement: SELECT * FROM ${r.pick(TABLES)} WHERE id = ${r.int(1, 10_000_000)}`,
  (r) => `app[${pid(r)}]: request_id=${uuid(r)} user=${user(r)} action=${r.pick(['login', 'logout', 'checkout', 'view', 'search'])} latency=${ms(r)}`,
  (r) => `kernel: [${r.int(1, 999999)}.${pad(r.int(0, 999999), 6)}] IPv4: martian source ${ip(r)} from ${ip(r)}, on dev ${r.pick(IFACES)}`,
  (r) => `dfs.DataNode$PacketResponder: PacketResponder ${r.int(0, 2)} for block blk_${r.next() < 0.5 ? '-' : ''}${r.int(1e9, 9e9)}${r.int(1e8, 9e8)} terminating`,
  (r) => `dfs.DataNode$DataXceiver: Receiving block blk_${r.int(1e9, 9e9)}${r.int(1e8, 9e8)} src: /${ip(r)}:${port(r)} dest: /${ip(r)}:50010`,
  (r) => `dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: ${ip(r)}:50010 is added to blk_${r.int(1e9, 9e9)} size ${r.int(1, 67108864)}`,
  (r) => `kafka.server.ReplicaFetcherThread: [ReplicaFetcher replicaId=${r.int(1, 5)}, leaderId=${r.int(1, 5)}] Truncating partition ${r.pick(TOPICS)}-${r.int(0, 23)} to offset ${r.int(0, 9_000_000)}`,
  (r) => `kubelet[${pid(r)}]: Pod ${r.pick(PODS)}-${r.hex(9)}-${r.hex(5)} container ${r.pick(PODS)} restarted (exit code ${r.pick([0, 1, 137, 143])}) after ${r.int(1, 3600)}s`,
  (r) => `nginx: upstream timed out (110: Connection timed out) while reading response header from upstream, client: ${ip(r)}, server: ${r.pick(DOMAINS)}, request: "${r.pick(METHODS)} ${r.pick(ENDPOINTS)} HTTP/1.1"`,
  (r) => `${r.pick(['INFO', 'INFO', 'WARN'])} [${r.pick(['main', 'pool-1-thread-3', 'http-nio-8080-exec-7'])}] c.e.${r.pick(CLASSES)} - processed ${r.int(1, 5000)} items in ${ms(r)}`,
  (r) => `ERROR [http-nio-8080-exec-${r.int(1, 200)}] c.e.${r.pick(CLASSES)} - java.lang.${r.pick(EXCEPTIONS)}: ${r.pick(['null', 'connection reset', 'timeout after 30000ms'])} at line ${r.int(10, 900)}`,
  (r) => `redis[${pid(r)}]: ${r.int(1, 10000)} changes in ${r.int(60, 900)} seconds. Saving... Background saving started by pid ${pid(r)}`,
  (r) => `dhcpd[${pid(r)}]: DHCPACK on ${ip(r)} to ${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)} (${r.pick(HOSTS)}) via ${r.pick(IFACES)}`,
  (r) => `sudo[${pid(r)}]: ${user(r)} : TTY=pts/${r.int(0, 9)} ; PWD=/home/${r.pick(FIRST)} ; USER=root ; COMMAND=/usr/bin/systemctl restart ${r.pick(['nginx', 'postgresql', 'redis'])}`,
  (r) => `app[${pid(r)}]: cache ${r.pick(['hit', 'miss', 'miss'])} key=user:${r.int(1, 999999)}:profile ttl=${r.int(1, 3600)}s node=${r.pick(HOSTS)}`,
  (r) => `app[${pid(r)}]: uploaded ${path(r)} (${size(r)}) for ${email(r)} in ${ms(r)}`,
  (r) => `kernel: EXT4-fs (${r.pick(DEVICES)}${r.int(1, 4)}): mounted filesystem with ordered data mode. Opts: (null)`,
  (r) => `kernel: Out of memory: Killed process ${pid(r)} (${r.pick(['java', 'python3', 'node', 'postgres'])}) total-vm:${r.int(100000, 9000000)}kB, anon-rss:${r.int(10000, 900000)}kB`,
  (r) => `audit[${pid(r)}]: USER_LOGIN pid=${pid(r)} uid=0 auid=${r.int(1000, 1100)} ses=${r.int(1, 999)} msg='op=login acct="${user(r)}" exe="/usr/sbin/sshd" addr=${ip(r)} res=${r.pick(['success', 'failed'])}'`,
  (r) => `haproxy[${pid(r)}]: ${ip(r)}:${port(r)} [${pad(r.int(1, 28))}/${r.pick(MONTHS)}/2024:${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}.${r.int(100, 999)}] fe_https be_app/${r.pick(HOSTS)} ${r.int(0, 50)}/${r.int(0, 50)}/${r.int(0, 900)} ${r.pick(STATUS)}`,
  (r) => `app[${pid(r)}]: payment ${uuid(r)} ${r.pick(['authorized', 'captured', 'declined', 'refunded'])} amount=${(r.next() * 500).toFixed(2)} currency=${r.pick(['EUR', 'USD', 'GBP'])}`,
  (r) => `systemd[1]: ${r.pick(['nginx', 'postgresql', 'redis-server', 'docker'])}.service: Main process exited, code=exited, status=${r.int(1, 3)}/FAILURE`,
  (r) => `docker[${pid(r)}]: time="${isoTime(r)}" level=${r.pick(['info', 'warning'])} msg="Container ${r.hex(12)} health status changed to ${r.pick(['healthy', 'unhealthy'])}"`,
  (r) => `ntpd[${pid(r)}]: adjusting local clock by ${(r.next() * 2 - 1).toFixed(6)}s to ${ip6(r)}`,
  (r) => `named[${pid(r)}]: client @0x${r.hex(12)} ${ip(r)}#${port(r)} (${r.pick(['www', 'api', 'mail'])}.${r.pick(DOMAINS)}): query failed (SERVFAIL)`,
  (r) => `postfix/smtp[${pid(r)}]: ${r.hex(10).toUpperCase()}: to=<${email(r)}>, relay=${r.pick(DOMAINS)}[${ip(r)}]:25, delay=${(r.next() * 10).toFixed(1)}, status=${r.pick(['sent', 'deferred', 'bounced'])}`,
  (r) => `app[${pid(r)}]: fetching ${url(r)} returned ${r.pick(STATUS)} after ${ms(r)} (attempt ${r.int(1, 5)}/5)`,
  (r) => `mysqld[${pid(r)}]: [Warning] Aborted connection ${r.int(1, 999999)} to db: '${r.pick(TABLES)}' user: '${user(r)}' host: '${ip(r)}' (Got timeout reading communication packets)`,
  (r) => `kernel: ${r.pick(IFACES)}: link ${r.pick(['up', 'down'])}, ${r.pick([100, 1000, 10000])}Mbps, full-duplex, lpa 0x${r.hex(4)}`,
  (r) => `zookeeper: Accepted socket connection from /${ip(r)}:${port(r)} session 0x${r.hex(15)}`,
  (r) => `spark.executor.Executor: Finished task ${r.int(0, 999)}.0 in stage ${r.int(0, 99)}.0 (TID ${r.int(0, 99999)}). ${r.int(1000, 9999)} bytes result sent to driver`,
  (r) => `yarn.ResourceManager: Application application_${r.int(1.4e12, 1.5e12)}_${pad(r.int(1, 9999), 4)} finished with state ${r.pick(['FINISHED', 'FAILED', 'KILLED'])} for user ${user(r)}`,
  (r) => `app[${pid(r)}]: job ${r.pick(JOBS)} run ${r.int(1, 9999)} completed in ${r.int(1, 7200)}s, ${r.int(0, 99999)} rows, ${r.int(0, 50)} errors`,
  (r) => `kernel: usb ${r.int(1, 4)}-${r.int(1, 8)}: new high-speed USB device number ${r.int(1, 127)} using xhci_hcd`,
  (r) => `smartd[${pid(r)}]: Device: /dev/${r.pick(DEVICES)} [SAT], SMART Usage Attribute: 194 Temperature_Celsius changed from ${r.int(25, 60)} to ${r.int(25, 60)}`,
  (r) => `app[${pid(r)}]: feature flag ${r.pick(['new_checkout', 'dark_mode', 'beta_search'])} evaluated to ${r.pick(['true', 'false'])} for tenant ${r.hex(8)}`,
  (r) => `consul[${pid(r)}]: agent: Synced check "service:${r.pick(PODS)}-${r.int(1, 20)}" on ${r.pick(HOSTS)} (${ip(r)})`,
  (r) => `kernel: TCP: request_sock_TCP: Possible SYN flooding on port ${port(r)}. Sending cookies.`,
  (r) => `${r.pick(['WARN', 'ERROR'])} disk usage on ${r.pick(DEVICES)} at ${r.int(80, 99)}% (${size(r)} free) mounted on ${path(r)}`,
  (r) => `sshd[${pid(r)}]: Received disconnect from ${ip6(r)} port ${port(r)}:11: disconnected by user`,
  (r) => `app[${pid(r)}]: scheduled ${r.pick(JOBS)} for ${isoTime(r)} (in ${r.int(1, 86400)}s)`,
  (r) => `vault[${pid(r)}]: token ${r.hex(24)} renewed for ${user(r)}, ttl ${r.int(1, 768)}h`,
  (r) => `kernel: nvme nvme0: I/O ${r.int(1, 1023)} QID ${r.int(1, 16)} timeout, aborting`,
  (r) => `app[${pid(r)}]: WebSocket ${uuid(r)} closed by ${ip(r)} code=${r.pick([1000, 1001, 1006, 1011])} after ${r.int(1, 99999)} messages`,
  (r) => `rsyslogd[${pid(r)}]: action 'action-${r.int(0, 9)}-builtin:omfwd' resumed (module 'builtin:omfwd') [v8.2302.0 try https://www.rsyslog.com/e/2359 ]`,
  (r) => `certbot[${pid(r)}]: Certificate for ${r.pick(['www', 'api', 'mail'])}.${r.pick(DOMAINS)} expires in ${r.int(1, 89)} days`,
  (r) => `app[${pid(r)}]: config reloaded from ${path(r)} by ${user(r)} (checksum ${r.hex(32)})`,
  (r) => `kernel: BUG: soft lockup - CPU#${r.int(0, 63)} stuck for ${r.int(21, 99)}s! [${r.pick(['kworker', 'java', 'ksoftirqd'])}/${r.int(0, 63)}:${pid(r)}]`,
  (r) => `winlogbeat: file C:\\Windows\\System32\\winevt\\Logs\\${r.pick(['Security', 'System', 'Application'])}.evtx rotated, ${r.int(1, 9999)} events shipped`,
  (r) => `app[${pid(r)}]: user ${email(r)} changed password from ${ip(r)} on ${r.int(2020, 2024)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
  (r) => `etcd[${pid(r)}]: slow fdatasync took ${(r.next() * 3).toFixed(6)}s, expected 1s, member ${r.hex(16)}`,
  (r) => `kernel: raid1: Disk failure on ${r.pick(DEVICES)}${r.int(1, 4)}, disabling device. Operation continuing on ${r.int(1, 3)} devices`,
  (r) => `app[${pid(r)}]: panic: runtime error: index out of range [${r.int(0, 99)}] with length ${r.int(0, 99)} goroutine ${r.int(1, 9999)} [running]`,
];

function isoTime(r: Rng): string {
  return `2024-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}T${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}.${pad(r.int(0, 999), 3)}Z`;
}

/** Number of distinct templates {@link generateLogLines} draws from. */
export const SYNTHETIC_TEMPLATE_COUNT = TEMPLATES.length;

/**
 * `n` syslog-like lines (`Mon dd hh:mm:ss host message`), identical for identical `(n, seed)`.
 */
export function generateLogLines(n: number, seed: number): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('generateLogLines requires n to be a non-negative integer');
  const r = new Rng(seed);
  // Zipf(s = 1.1) weights over the template order, as a cumulative table.
  const cum = new Float64Array(TEMPLATES.length);
  let total = 0;
  for (let i = 0; i < TEMPLATES.length; i++) cum[i] = total += 1 / Math.pow(i + 1, 1.1);
  const lines: string[] = new Array<string>(n);
  let second = r.int(0, 86400 * 300);
  for (let k = 0; k < n; k++) {
    const u = r.next() * total;
    let t = 0;
    while (cum[t] < u) t++;
    second += r.int(0, 3);
    const day = Math.floor(second / 86400);
    const s = second % 86400;
    const stamp = `${MONTHS[Math.floor(day / 28) % 12]} ${String((day % 28) + 1).padStart(2, ' ')} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    lines[k] = `${stamp} ${r.pick(HOSTS)} ${TEMPLATES[t](r)}`;
  }
  return lines;
}
