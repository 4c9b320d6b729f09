// Write and query costs of both adapters on the same synthetic records.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/storage/bench/query.bench.ts [records] [--pg]
// --pg also runs PostgresStore against TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
// in a throw-away schema. Records are ~560 bytes as JSON, 5% anomalous, 50 templates, 8 sources.
import { ScoredRecord } from '@logad/contracts';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { JsonLinesStore, PostgresStore, Store } from '../src';
import { benchRecord } from './bench-records';

const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000);
const withPg = process.argv.includes('--pg');
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const T0 = Date.parse('2024-03-10T00:00:00.000Z');

const record = (i: number): ScoredRecord => benchRecord(i, T0, 10);

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const out = await run();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms   rss +${((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(0)} MiB`);
  return out;
}

async function bench(name: string, s: Store): Promise<void> {
  console.log(`\n== ${name}, ${n} records`);
  await s.sink.open();
  await time(`write ${n} in batches of 1000`, async () => {
    for (let i = 0; i < n; i += 1000) await s.sink.write(Array.from({ length: Math.min(1000, n - i) }, (_, j) => record(i + j)));
  });
  const mid = new Date(T0 + n * 5).toISOString();
  if (s instanceof JsonLinesStore) {
    const [normal, anomalous] = await Promise.all([stat(s.sink.normalPath), stat(s.sink.anomalousPath)]);
    console.log(`files: normal ${(normal.size / 1e6).toFixed(1)} MB, anomalous ${(anomalous.size / 1e6).toFixed(1)} MB`);
  }
  await time('queryRecords {} (anomalous, first page of 100)', () => s.queries.queryRecords({}));
  const page = await time("queryRecords {kind:'all'} first page", () => s.queries.queryRecords({ kind: 'all' }));
  await time("queryRecords {kind:'all'} second page (cursor)", () => s.queries.queryRecords({ kind: 'all', cursor: page.next_cursor ?? undefined }));
  await time("queryRecords {kind:'all', until: middle, limit 1000}", () => s.queries.queryRecords({ kind: 'all', until: mid, limit: 1000 }));
  await time("queryRecords {kind:'normal', source:'svc-3', level:'INFO'}", () => s.queries.queryRecords({ kind: 'normal', source: 'svc-3', level: 'INFO' }));
  await time('templateStats {} (all records)', () => s.queries.templateStats({}));
  await time('templateStats {since: middle}', () => s.queries.templateStats({ since: mid }));
  await time(`around(bench-${Math.floor(n / 2)}, 20, 20)`, () => s.queries.around(`bench-${Math.floor(n / 2)}`, 20, 20));
  await s.sink.close();
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'logad-bench-'));
  try {
    await bench('JsonLinesStore (fsync never)', new JsonLinesStore({ dir, fsync: 'never' }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!withPg) return;
  const schema = `bench_${randomUUID().replace(/-/g, '')}`;
  try {
    await bench('PostgresStore', new PostgresStore({ url, schema }));
  } finally {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

void main();
