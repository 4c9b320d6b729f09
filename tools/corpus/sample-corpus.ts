import { mulberry32 } from '@logad/iforest';

/** One line of the shipped sample corpus. */
export interface CorpusLine {
  readonly message: string;
  readonly level: string;
  readonly source: string;
}

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const ip = (r: Rng) => `10.${int(r, 0, 3)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
const hex = (r: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter'];
const PATHS = ['/api/v1/orders', '/api/v1/cart', '/api/v1/products', '/api/v1/users/me', '/health', '/api/v1/search', '/api/v1/checkout', '/static/app.js'];
const TABLES = ['orders', 'users', 'products', 'sessions', 'payments', 'inventory'];

/**
 * Templates of a small web shop's everyday logs: what a service emits when nothing is wrong,
 * including the routine warnings (retries, slow queries) every real system has. Weights are
 * relative frequencies, so some templates are common and some rare, as in real traffic.
 */
const TEMPLATES: ReadonlyArray<{ w: number; source: string; level: string; make: (r: Rng) => string }> = [
  {
    w: 40,
    source: 'api-gateway',
    level: 'INFO',
    make: (r) => `${pick(r, ['GET', 'GET', 'POST', 'PUT'])} ${pick(r, PATHS)} ${pick(r, [200, 200, 200, 201, 204, 304])} ${int(r, 2, 180)}ms`,
  },
  { w: 12, source: 'auth-service', level: 'INFO', make: (r) => `User login successful for user ${pick(r, USERS)} from ${ip(r)}` },
  { w: 6, source: 'auth-service', level: 'INFO', make: () => `User login successful` },
  { w: 4, source: 'auth-service', level: 'INFO', make: (r) => `User ${pick(r, USERS)} logged out` },
  { w: 3, source: 'auth-service', level: 'WARN', make: (r) => `User login failed for user ${pick(r, USERS)}: invalid password` },
  { w: 5, source: 'auth-service', level: 'INFO', make: (r) => `Issued access token for user ${pick(r, USERS)}, expires in ${pick(r, [900, 3600])}s` },
  { w: 3, source: 'auth-service', level: 'INFO', make: (r) => `Refreshed session ${uuid(r)}` },
  { w: 10, source: 'orders', level: 'INFO', make: (r) => `Order ${int(r, 100000, 999999)} created for user ${pick(r, USERS)} with ${int(r, 1, 9)} items` },
  {
    w: 6,
    source: 'orders',
    level: 'INFO',
    make: (r) => `Order ${int(r, 100000, 999999)} status changed from ${pick(r, ['pending', 'paid'])} to ${pick(r, ['paid', 'shipped'])}`,
  },
  { w: 8, source: 'payments', level: 'INFO', make: (r) => `Payment ${uuid(r)} authorized: amount ${int(r, 1, 900)}.${int(r, 10, 99)} EUR` },
  { w: 2, source: 'payments', level: 'WARN', make: (r) => `Payment provider timeout after ${int(r, 2000, 5000)}ms, retrying (attempt ${int(r, 1, 3)})` },
  { w: 9, source: 'orders', level: 'DEBUG', make: (r) => `Query executed on table ${pick(r, TABLES)} in ${int(r, 1, 40)}ms (${int(r, 0, 500)} rows)` },
  { w: 2, source: 'orders', level: 'WARN', make: (r) => `Slow query on table ${pick(r, TABLES)}: ${int(r, 500, 2500)}ms` },
  { w: 7, source: 'catalog', level: 'DEBUG', make: (r) => `Cache ${pick(r, ['hit', 'hit', 'hit', 'miss'])} for key product:${int(r, 1, 5000)}` },
  { w: 3, source: 'catalog', level: 'INFO', make: (r) => `Reindexed ${int(r, 10, 2000)} products in ${int(r, 50, 900)}ms` },
  {
    w: 5,
    source: 'inventory',
    level: 'INFO',
    make: (r) => `Reserved ${int(r, 1, 5)} units of SKU-${int(r, 10000, 99999)} for order ${int(r, 100000, 999999)}`,
  },
  { w: 2, source: 'inventory', level: 'INFO', make: (r) => `Stock level for SKU-${int(r, 10000, 99999)} is ${int(r, 0, 40)}, below reorder point` },
  {
    w: 4,
    source: 'scheduler',
    level: 'INFO',
    make: (r) => `Job ${pick(r, ['cleanup-sessions', 'send-newsletter', 'rotate-keys', 'sync-inventory'])} started (run ${uuid(r)})`,
  },
  {
    w: 4,
    source: 'scheduler',
    level: 'INFO',
    make: (r) => `Job ${pick(r, ['cleanup-sessions', 'send-newsletter', 'rotate-keys', 'sync-inventory'])} finished in ${int(r, 1, 120)}s`,
  },
  {
    w: 3,
    source: 'mailer',
    level: 'INFO',
    make: (r) => `Sent ${pick(r, ['order-confirmation', 'password-reset', 'shipping-update'])} email to ${pick(r, USERS)}@example.com`,
  },
  { w: 3, source: 'api-gateway', level: 'INFO', make: (r) => `Connection from ${ip(r)} port ${int(r, 30000, 65000)} accepted` },
  { w: 2, source: 'api-gateway', level: 'WARN', make: (r) => `Rate limit reached for client ${ip(r)}, returning 429` },
  { w: 2, source: 'worker', level: 'INFO', make: (r) => `Processed batch of ${int(r, 10, 500)} events in ${int(r, 5, 300)}ms` },
  { w: 1, source: 'worker', level: 'INFO', make: (r) => `Health check passed: memory ${int(r, 120, 900)}MB, cpu ${int(r, 1, 60)}%` },
  { w: 1, source: 'config', level: 'INFO', make: (r) => `Loaded configuration from /etc/shop/${pick(r, ['app', 'db', 'cache'])}.yaml` },
];

const TOTAL_WEIGHT = TEMPLATES.reduce((n, t) => n + t.w, 0);

/** `n` lines of everyday shop traffic, the same for the same seed. */
export function generateSampleCorpus(n: number, seed = 7): CorpusLine[] {
  const r = mulberry32(seed);
  const out: CorpusLine[] = [];
  for (let i = 0; i < n; i++) {
    let x = r() * TOTAL_WEIGHT;
    let t = TEMPLATES[0];
    for (const c of TEMPLATES) {
      x -= c.w;
      if (x < 0) {
        t = c;
        break;
      }
    }
    out.push({ message: t.make(r), level: t.level, source: t.source });
  }
  return out;
}
