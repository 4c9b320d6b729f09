// `train --from-store`: the corpus is what the worker's store holds (a temp JSON Lines store here):
// normal records since --since, plus records of muted templates; too little data is refused.
import { ScoredRecord } from '@logad/contracts';
import { createLogger } from '@logad/server';
import { JsonLinesStore } from '@logad/storage';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelStore } from '../src/model/model-store';
import { readStoreCorpus } from '../src/train/read-store-corpus';
import { runTrain } from '../src/train/run-train';
import { TooFewLinesError, parseTrainArgs } from '../src/train/train-args';

const root = join(__dirname, '../../..');
const DAY = 86_400_000;
const silent = createLogger('train-test', 'silent');

describe('train --from-store (e2e, JSON store)', () => {
  let dir: string;
  let corpus: Array<{ message: string; level: string; source: string }>;

  beforeAll(async () => {
    corpus = (await readFile(join(root, 'data/sample-corpus.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-train-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const record = (id: string, ageMs: number, i: number, over: Partial<ScoredRecord> = {}): ScoredRecord => {
    const at = Date.now() - ageMs;
    const c = corpus[i % corpus.length];
    return {
      id,
      timestamp: new Date(at).toISOString(),
      source: c.source,
      level: c.level as ScoredRecord['level'],
      message: c.message,
      anomaly_score: 0.05,
      is_anomaly: false,
      prediction: 1,
      model_version: 'v-old',
      received_at: at,
      stored_at: at,
      ...over,
    };
  };
  const anomaly = (id: string, ageMs: number, templateId: number, message: string): Partial<ScoredRecord> & { id: string } => ({
    id,
    message,
    is_anomaly: true,
    prediction: -1,
    anomaly_score: -0.1,
    template_id: templateId,
    template: message,
    timestamp: new Date(Date.now() - ageMs).toISOString(),
  });

  /** A store with 150 recent normal records, 30 older than 10 days, 20 anomalies of a muted template and 10 of another. */
  async function fillStore(logs: string, recentNormal = 150): Promise<void> {
    const store = new JsonLinesStore({ dir: logs, fsync: 'never' });
    await store.sink.open();
    const records: ScoredRecord[] = [];
    for (let i = 0; i < recentNormal; i++) records.push(record(`n-${i}`, (i + 1) * 60_000, i));
    for (let i = 0; i < 30; i++) records.push(record(`old-${i}`, 10 * DAY + i * 60_000, 1000 + i, { message: `old line ${i} from the previous release` }));
    for (let i = 0; i < 20; i++)
      records.push(record(`m-${i}`, i * 60_000 + 1000, i, anomaly(`m-${i}`, i * 60_000 + 1000, 7, `Cache warm-up of shard ${i} took longer than usual`)));
    for (let i = 0; i < 10; i++)
      records.push(record(`a-${i}`, i * 60_000 + 2000, i, anomaly(`a-${i}`, i * 60_000 + 2000, 8, `DATABASE INTEGRITY ERROR ${i}: checksum mismatch`)));
    await store.sink.write(records);
    await store.feedback.muteTemplate(7, 'Cache warm-up of shard <*> took longer than usual', 'expected after deploys');
    await store.sink.close();
  }

  it('reads normal records since --since and those of muted templates, and trains on them', async () => {
    const logs = join(dir, 'logs');
    await fillStore(logs);

    const read = await readStoreCorpus(new JsonLinesStore({ dir: logs }), new Date(Date.now() - 7 * DAY).toISOString(), 200_000);
    expect({ normal: read.normal, muted: read.muted, mutedTemplates: read.mutedTemplates }).toEqual({ normal: 150, muted: 20, mutedTemplates: 1 });
    const messages = read.events.map((e) => e.message);
    expect(messages.filter((m) => m.startsWith('Cache warm-up'))).toHaveLength(20);
    expect(messages.some((m) => m.startsWith('old line'))).toBe(false);
    expect(messages.some((m) => m.startsWith('DATABASE INTEGRITY'))).toBe(false);
    expect(read.events[0]).toEqual({ message: corpus[0].message, level: corpus[0].level, source: corpus[0].source });

    const capped = await readStoreCorpus(new JsonLinesStore({ dir: logs }), new Date(Date.now() - 7 * DAY).toISOString(), 120);
    expect({ lines: capped.events.length, normal: capped.normal, muted: capped.muted }).toEqual({ lines: 120, normal: 120, muted: 0 });

    const result = await runTrain(
      parseTrainArgs(['--from-store', '--since', '7d', '--model-dir', join(dir, 'models'), '--trees', '20']),
      { LOGS_DIR: logs },
      silent,
    );
    expect(result).toMatchObject({ lines: 170, store: { normal: 150, muted: 20, mutedTemplates: 1 } });
    const models = new ModelStore(join(dir, 'models'));
    const pointer = await models.current();
    expect(pointer?.version).toBe(result.version);
    const model = await models.load(pointer!);
    expect(model.line.info().training_lines).toBe(170);
    // The muted template is now known: its lines are no longer new templates to the model.
    const [p] = model.line.score(['Cache warm-up of shard 3 took longer than usual']);
    expect(p.explanation?.new_template).toBe(false);
  });

  it('never takes the records of a confirmed template, not even those stored as normal before the confirmation', async () => {
    const logs = join(dir, 'logs');
    await fillStore(logs);
    const store = new JsonLinesStore({ dir: logs, fsync: 'never' });
    await store.sink.open();
    // 12 lines stored as normal, then confirmed as an incident; and the muted template confirmed after all.
    const incident = Array.from({ length: 12 }, (_, i) =>
      record(`inc-${i}`, (i + 1) * 30_000, i, { template_id: 42, template: 'Payment <*> declined', message: `Payment ${i} declined by issuer XYZZY` }),
    );
    await store.sink.write(incident);
    await store.feedback.giveFeedback('confirm', 42, 'Payment <*> declined', 'INC-1');
    const since = new Date(Date.now() - 7 * DAY).toISOString();
    const read = await readStoreCorpus(store, since, 200_000);
    expect({ normal: read.normal, muted: read.muted, confirmedLeftOut: read.confirmedLeftOut }).toEqual({ normal: 150, muted: 20, confirmedLeftOut: 12 });
    expect(read.events.some((e) => e.message.includes('XYZZY'))).toBe(false);

    await store.feedback.giveFeedback('confirm', 7, 'Cache warm-up of shard <*> took longer than usual');
    const after = await readStoreCorpus(store, since, 200_000);
    expect({ normal: after.normal, muted: after.muted, mutedTemplates: after.mutedTemplates }).toEqual({ normal: 150, muted: 0, mutedTemplates: 0 });
    await store.sink.close();
  });

  it('refuses, saying why, when the store holds fewer than 100 lines in the window', async () => {
    const logs = join(dir, 'logs');
    await fillStore(logs, 40);
    const train = runTrain(parseTrainArgs(['--from-store', '--since', '7d', '--model-dir', join(dir, 'models')]), { LOGS_DIR: logs }, silent);
    await expect(train).rejects.toThrow(TooFewLinesError);
    await expect(train).rejects.toThrow(
      /holds 60 line\(s\) since .* \(40 normal, 20 of muted templates\); training from the store needs at least 100: widen --since/,
    );
    expect(await new ModelStore(join(dir, 'models')).current()).toBeNull();
    // A window with nothing in it at all.
    await expect(
      runTrain(parseTrainArgs(['--from-store', '--since', '1s', '--model-dir', join(dir, 'models')]), { LOGS_DIR: join(dir, 'empty') }, silent),
    ).rejects.toThrow(/holds 0 line\(s\)/);
  });

  it('runs as the train command with nx-style arguments (--from-store=true --since=7d)', async () => {
    const logs = join(dir, 'logs');
    await fillStore(logs);
    const models = join(dir, 'models');
    const r = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/ml-api/src/train/main.ts', '--from-store=true', '--since=7d', '--trees=20', `--model-dir=${models}`],
      {
        cwd: root,
        env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', LOGS_DIR: logs, LOG_LEVEL: 'silent', MODEL_STORE: 'dir' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect((await new ModelStore(models).current())?.version).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]+$/);
    const list = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/ml-api/src/train/main.ts', '--list', `--model-dir=${models}`], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', MODEL_STORE: 'dir' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^\* \d{8}T\d{6}Z-[0-9a-f]+ {2}saved /m);
  }, 60_000);

  it('checks its arguments', () => {
    expect(parseTrainArgs(['--from-store', '--since', '36h'])).toMatchObject({ fromStore: true, sinceMs: 36 * 3_600_000, maxLines: 200_000 });
    expect(parseTrainArgs(['--from-store'])).toMatchObject({ sinceMs: 7 * DAY });
    // As nx may forward them: bare, `=true`, and again in camelCase.
    expect(parseTrainArgs(['--from-store', '--since', '2d', '--fromStore=true', '--maxLines=500'])).toMatchObject({
      fromStore: true,
      sinceMs: 2 * DAY,
      maxLines: 500,
    });
    expect(() => parseTrainArgs(['--from-store', '--since', '7w'])).toThrow(/--since must be/);
    expect(() => parseTrainArgs(['--from-store', '--since', '0d'])).toThrow(/--since must be/);
    expect(() => parseTrainArgs(['--since', '7d'])).toThrow(/--since goes with --from-store/);
    expect(() => parseTrainArgs(['--from-store', '--input', 'x.jsonl'])).toThrow(/exclude each other/);
    expect(() => parseTrainArgs(['--from-store=yes'])).toThrow(/takes no value/);
    expect(parseTrainArgs(['--use', '20261126T000952Z-e2d12e47'])).toMatchObject({ use: '20261126T000952Z-e2d12e47', fromStore: false });
    expect(() => parseTrainArgs(['--use', '../etc'])).toThrow(/--use needs a model version/);
  });
});
