import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOGHUB_SYSTEMS, measureTemplateConsistency, sharedDataDir } from '../bench/template-consistency';

const dir = sharedDataDir();
const present = existsSync(join(dir, 'loghub-2k'));
if (!present) console.warn(`real-logs.spec: SKIPPED, LogHub-2k not found under ${dir} (set LOGAD_SHARED_DATA)`);
const describeIfData = present ? describe : describe.skip;

// describe.skip still runs this body to collect the tests: nothing is read without the data
describeIfData('tokenize on LogHub-2k (real labelled logs)', () => {
  const rows = (present ? LOGHUB_SYSTEMS : []).map((s) => [s, measureTemplateConsistency(dir, s, true), measureTemplateConsistency(dir, s, false)] as const);

  it.each(rows)('%s: masking never makes token lists less consistent with the true templates', (_s, masked, plain) => {
    expect(masked.lines).toBeGreaterThan(1000);
    expect(masked.majorityShare).toBeGreaterThanOrEqual(plain.majorityShare);
    expect(masked.tokenLists).toBeLessThanOrEqual(plain.tokenLists);
  });

  it('puts most lines of a template into one token list overall, without merging templates', () => {
    const lines = rows.reduce((s, [, m]) => s + m.lines, 0);
    const majority = rows.reduce((s, [, m]) => s + m.majorityShare * m.lines, 0);
    expect(majority / lines).toBeGreaterThan(0.85);
    const hdfs = rows.find(([s]) => s === 'HDFS') as (typeof rows)[number];
    expect(hdfs[1].majorityShare).toBeGreaterThan(0.95);
    expect(rows.reduce((s, [, m]) => s + m.sharedLists, 0)).toBeLessThanOrEqual(2);
  });
});
