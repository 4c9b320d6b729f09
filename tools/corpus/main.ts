import { writeFileSync } from 'node:fs';
import { generateSampleCorpus } from './sample-corpus';

/** Regenerates data/sample-corpus.jsonl, the corpus `nx run ml-api:train` uses by default. */
const out = process.argv[2] ?? 'data/sample-corpus.jsonl';
const n = Number(process.argv[3] ?? 8000);
writeFileSync(
  out,
  generateSampleCorpus(n)
    .map((l) => JSON.stringify(l))
    .join('\n') + '\n',
);
process.stdout.write(`wrote ${n} lines to ${out}\n`);
