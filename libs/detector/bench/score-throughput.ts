// Scoring throughput of the line model on real lines: `SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/detector/bench/score-throughput.ts`
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogAnomalyDetector } from '../src';

const dataDir = process.env.LOGAD_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data');
const file = path.join(dataDir, 'hdfs/HDFS.log');
if (!fs.existsSync(file)) {
  console.log(`skipped: ${file} not found`);
  process.exit(0);
}
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, 60000);
const events = lines.map((l) => {
  const p = l.split(' ');
  return { message: p.slice(5).join(' '), level: p[3], source: p[4] };
});
const train = events.slice(0, 20000);
const test = events.slice(20000);
let t = process.hrtime.bigint();
const det = LogAnomalyDetector.train(train, { trainedAt: new Date(0), tfidfColumns: process.env.TFIDF === '1' });
console.log(`train ${train.length} lines: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);
const batch = 500;
for (let round = 0; round < 3; round++) {
  t = process.hrtime.bigint();
  let flagged = 0;
  for (let i = 0; i < test.length; i += batch) for (const p of det.score(test.slice(i, i + batch))) flagged += p.is_anomaly ? 1 : 0;
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`round ${round}: ${Math.round(test.length / s)} lines/s (batches of ${batch}, ${flagged} flagged)`);
}
