// Records/s the worker's sink writes: JSON Lines vs PostgreSQL, same records, same run.
//   npm run bench -- --only storage-sink            (registered in tools/bench/lib-benches.ts)
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/storage/bench/sink.bench.ts [records]
// PostgreSQL is TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), a throw-away
// schema per run. Batches of 500 (as a worker writes a job's records), written by 1 writer and by 4
// at once (WORKER_CONCURRENCY's default); timestamps 1 s apart, so 100,000 records span 2 days
// and the day partitions are created on the way, as a running worker creates them.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { JsonLinesStore, MIGRATIONS, PostgresStore, RecordSink } from '../src';
// The previous release's insert, rebuilt from the same column list: the baseline of the partitioned one.
import { RECORD_COLUMNS, recordColumns } from '../src/postgres/record-rows';
import type { BenchResult } from './bench-result';
import { benchRecord } from './bench-records';

export interface SinkBenchOptions {
  /** Records per run. @defaultValue 100_000 (quick: 10_000) */
  records?: number;
  /** Records per write. @defaultValue 500 */
  batch?: number;
  /** Timed runs per variant; the best is reported (the machine is shared). @defaultValue 2 (quick: 1) */
  runs?: number;
  quick?: boolean;
  url?: string;
  log?: (line: string) => void;
}

/** What the bench writes through: a sink, or the old statement on a pool. */
interface Target {
  write(records: ReturnType<typeof benchRecord>[]): Promise<unknown>;
  close(): Promise<void>;
}

interface Variant {
  readonly name: string;
  open(): Promise<Target>;
}

const T0 = Date.parse('2024-03-10T00:00:00.000Z');

const OLD_INSERT_SQL = `INSERT INTO logad_records (${RECORD_COLUMNS.map(([c]) => c).join(', ')})
SELECT * FROM unnest(${RECORD_COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})
ON CONFLICT (id) DO NOTHING`;

async function withAdmin(url: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function sinkTarget(sink: RecordSink, after: () => Promise<void>): Target {
  return { write: (r) => sink.write(r), close: async () => (await sink.close(), await after()) };
}

function variants(url: string): Variant[] {
  const jsonLines = (fsync: 'always' | 'never'): Variant => ({
    name: `JSON Lines, fsync ${fsync}${fsync === 'always' ? ' (default)' : ''}`,
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'logad-sinkbench-'));
      const store = new JsonLinesStore({ dir, fsync });
      await store.sink.open();
      return sinkTarget(store.sink, () => rm(dir, { recursive: true, force: true }));
    },
  });
  const schema = () => `bench_${randomUUID().replace(/-/g, '')}`;
  return [
    jsonLines('always'),
    jsonLines('never'),
    {
      name: 'PostgreSQL, day partitions + id table',
      async open() {
        const s = schema();
        const store = new PostgresStore({ url, schema: s });
        await store.sink.open();
        return sinkTarget(store.sink, () => withAdmin(url, `DROP SCHEMA "${s}" CASCADE`));
      },
    },
    {
      name: 'PostgreSQL, one table, ON CONFLICT (id) (schema 6)',
      async open() {
        const s = schema();
        await withAdmin(url, `CREATE SCHEMA "${s}"`);
        const pool = new Pool({ connectionString: url, max: 10, options: `-c search_path=${s}` });
        const c = await pool.connect();
        try {
          await c.query('CREATE TABLE logad_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
          for (const m of MIGRATIONS.filter((m) => m.version <= 6)) await c.query(m.sql);
        } finally {
          c.release();
        }
        return {
          write: (r) => pool.query(OLD_INSERT_SQL, recordColumns(r)),
          close: async () => (await pool.end(), await withAdmin(url, `DROP SCHEMA "${s}" CASCADE`)),
        };
      },
    },
  ];
}

/** Seconds to write `batches` through `target`, `writers` writes in flight. */
async function timeWrites(target: Target, batches: ReturnType<typeof benchRecord>[][], writers: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < batches.length) await target.write(batches[next++]);
    }),
  );
  return (performance.now() - t0) / 1000;
}

export async function runStorageSinkBench(opts: SinkBenchOptions = {}): Promise<BenchResult[]> {
  const n = opts.records ?? (opts.quick ? 10_000 : 100_000);
  const size = opts.batch ?? 500;
  const runs = opts.runs ?? (opts.quick ? 1 : 2);
  const url = opts.url ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const log = opts.log ?? ((l: string) => console.log(l));
  const records = Array.from({ length: n }, (_, i) => benchRecord(i, T0, 1000));
  const batches: ReturnType<typeof benchRecord>[][] = [];
  for (let i = 0; i < n; i += size) batches.push(records.slice(i, i + size));
  const results: BenchResult[] = [];
  for (const writers of [1, 4]) {
    let reference: number | undefined;
    for (const v of variants(url)) {
      let best = Infinity;
      for (let r = 0; r < runs; r++) {
        const target = await v.open();
        try {
          best = Math.min(best, await timeWrites(target, batches, writers));
        } finally {
          await target.close();
        }
      }
      const rate = n / best;
      reference ??= rate;
      log(`${v.name}, ${writers} writer(s): ${Math.round(rate)} records/s`);
      results.push({
        name: `${v.name}, ${writers} writer${writers > 1 ? 's' : ''}`,
        value: Math.round(rate),
        unit: 'records/s',
        reference: 'JSON Lines, fsync always',
        referenceValue: Math.round(reference),
        ratio: rate / reference,
        note: `${n} records in batches of ${size}, best of ${runs}`,
      });
    }
  }
  return results;
}

if (require.main === module) {
  const n = process.argv.slice(2).find((a) => /^\d+$/.test(a));
  runStorageSinkBench({ records: n ? Number(n) : undefined }).then(
    (r) => console.table(r.map(({ name, value, ratio }) => ({ name, 'records/s': value, 'vs JSON always': ratio?.toFixed(2) }))),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
