import * as path from 'node:path';
import { EvaluateArgsError, parseEvaluateArgs, sharedDataDir } from './evaluate-args';

describe('parseEvaluateArgs', () => {
  const data = '/data';

  it('fills defaults from the shared data directory', () => {
    const a = parseEvaluateArgs(['--format', 'loghub-hdfs'], data);
    expect(a.input).toBe(path.join(data, 'hdfs/HDFS.log'));
    expect(a.labels).toBe(path.join(data, 'hdfs/anomaly_label.csv'));
    expect(a.keyPattern).toBe('blk_-?\\d+');
    expect(a.trainFraction).toBe(0.6);
    expect(a.contamination).toBeNull();
    expect(a.seed).toBe(42);
    expect(parseEvaluateArgs(['--format=loghub-bgl'], data).input).toBe(path.join(data, 'bgl/BGL_2k.log'));
  });

  it('reads every option, in both --k v and --k=v forms', () => {
    const a = parseEvaluateArgs(
      [
        '--format',
        'jsonl',
        '--input',
        'x.jsonl',
        '--train-fraction=1',
        '--contamination',
        '0.05',
        '--seed',
        '7',
        '--trees',
        '50',
        '--out',
        'f.json',
        '--label-field',
        'is_bad',
        '--session-field',
        'trace',
        '--trained-at',
        '2026-02-03T04:05:06Z',
      ],
      data,
    );
    expect(a).toMatchObject({
      format: 'jsonl',
      input: 'x.jsonl',
      trainFraction: 1,
      contamination: 0.05,
      seed: 7,
      trees: 50,
      out: 'f.json',
      labelField: 'is_bad',
      sessionField: 'trace',
    });
    expect(a.trainedAt.toISOString()).toBe('2026-02-03T04:05:06.000Z');
    expect(parseEvaluateArgs(['--format', 'loghub-bgl', '--contamination', 'auto'], data).contamination).toBe('auto');
    const o = parseEvaluateArgs(['--format', 'loghub-hdfs', '--line-options', '{"tokenRarity":true}', '--session-options={"transitions":false}'], data);
    expect(o.lineOptions).toEqual({ tokenRarity: true });
    expect(o.sessionOptions).toEqual({ transitions: false });
  });

  it('rejects what it cannot use', () => {
    const bad = [
      [],
      ['--format', 'csv'],
      ['--format', 'jsonl'],
      ['--format', 'loghub-bgl', '--train-fraction', '0'],
      ['--format', 'loghub-bgl', '--contamination', '0.7'],
      ['--format', 'loghub-bgl', '--seed', '1.5'],
      ['--format', 'loghub-bgl', '--nope', '1'],
      ['--format', 'loghub-bgl', '--key-pattern', '('],
      ['--format', 'loghub-bgl', 'stray'],
      ['--format'],
      ['--format', 'loghub-bgl', '--line-options', '[1]'],
      ['--format', 'loghub-bgl', '--session-options', '{oops'],
    ];
    for (const argv of bad) expect(() => parseEvaluateArgs(argv, data)).toThrow(EvaluateArgsError);
  });

  it('finds the shared data from $LOGAD_SHARED_DATA, else next to the repository', () => {
    expect(sharedDataDir({ LOGAD_SHARED_DATA: '/x' })).toBe('/x');
    expect(sharedDataDir({})).toBe(path.resolve(__dirname, '../../../shared/data'));
  });
});
