/**
 * One measured run in a fresh process, so timings are cold and peak RSS belongs to one run.
 * usage: tfidf-bench-worker.ts LINES_FILE (ours-sklearn|ours-log) (fitTransform|fitThenTransform)
 *        tfidf-bench-worker.ts LINES_FILE natural N NATURAL_TFIDF_MODULE
 * Prints one JSON object on stdout.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TfidfVectorizer } from '../src';

function rssBytes(): number {
  return process.memoryUsage.rss();
}

function ours(lines: string[], impl: string, op: string): Record<string, unknown> {
  const tokenizer = impl === 'ours-sklearn' ? 'sklearn' : 'log';
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = rssBytes();
  const t0 = process.hrtime.bigint();
  let v: TfidfVectorizer;
  let X;
  if (op === 'fitTransform') {
    v = new TfidfVectorizer({ tokenizer });
    X = v.fitTransform(lines);
  } else {
    v = new TfidfVectorizer({ tokenizer }).fit(lines);
    X = v.transform(lines);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  let dataSum = 0;
  for (let k = 0; k < X.data.length; k++) dataSum += X.data[k];
  // transformOne: the online-scoring hot path, on a slice of the same lines
  const sample = lines.slice(0, 20000);
  const t1 = process.hrtime.bigint();
  for (const line of sample) v.transformOne(line);
  const oneSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  return {
    impl,
    op,
    lines: lines.length,
    seconds,
    vocabularySize: v.vocabularySize,
    vocabularySha256: createHash('sha256').update(v.featureNames().join('\n'), 'utf8').digest('hex'),
    nnz: X.indices.length,
    dataSum,
    rssBeforeBytes: rssBefore,
    peakRssBytes: peakRss,
    transformOnePerSecond: sample.length / oneSeconds,
  };
}

interface NaturalTfIdf {
  addDocument(doc: string): void;
  listTerms(i: number): unknown[];
}

function natural(lines: string[], n: number, modulePath: string): Record<string, unknown> {
  // Only natural's tfidf module is loaded: its package index pulls storage back-ends that read .env.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const TfIdf = require(modulePath) as new () => NaturalTfIdf;
  const docs = lines.slice(0, n);
  const t = new TfIdf();
  const t0 = process.hrtime.bigint();
  for (const d of docs) t.addDocument(d);
  const addSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const t1 = process.hrtime.bigint();
  let terms = 0;
  for (let i = 0; i < docs.length; i++) terms += t.listTerms(i).length;
  const listSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const t2 = process.hrtime.bigint();
  const v = new TfidfVectorizer({ tokenizer: 'sklearn' });
  v.fitTransform(docs);
  const oursSeconds = Number(process.hrtime.bigint() - t2) / 1e9;
  return { impl: 'natural', docs: docs.length, addSeconds, listSeconds, terms, oursSklearnSeconds: oursSeconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}

function main(): void {
  const [file, impl, op, modulePath] = process.argv.slice(2);
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = impl === 'natural' ? natural(lines, Number(op), modulePath) : ours(lines, impl, op);
  process.stdout.write(JSON.stringify(out) + '\n');
}

main();
