import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedDataDir } from './evaluate-args';

/**
 * `node tools/dist/evaluate/newcomer-stream.js --out DIR --seed N --systems Linux,Zookeeper,… [--loghub DIR[,DIR…]]`
 * writes DIR/events.jsonl and DIR/incidents.json for `evaluate --replay`: a newcomer's first hour.
 * Each system's raw Loghub-2k lines (`<S>/<S>_2k.log`) become one source, in file order, spread over
 * one hour of event time with random (exponential) gaps; the sources are interleaved by time; then a
 * burst of 200 lines of an error no Loghub system writes is injected late (70–90 % in) on one source,
 * over 30 s. The burst is the only incident: everything else counts as ordinary traffic.
 */
export function newcomerStream(systems: readonly string[], roots: readonly string[], seed: number): { events: object[]; incidents: object[] } {
  const rnd = mulberry32(seed);
  const T0 = 1_800_000_000_000;
  const span = 3_600_000;
  const events: Array<{ timestamp: number; source: string; message: string }> = [];
  for (const s of systems) {
    const file = roots.map((r) => path.join(r, s, `${s}_2k.log`)).find((f) => fs.existsSync(f));
    if (!file) throw new Error(`no ${s}/${s}_2k.log under ${roots.join(', ')}`);
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const gaps = lines.map(() => -Math.log(1 - rnd()));
    const total = gaps.reduce((a, b) => a + b, 0);
    let t = T0;
    lines.forEach((message, i) => {
      t += (gaps[i] / total) * span;
      events.push({ timestamp: Math.floor(t), source: s.toLowerCase(), message });
    });
  }
  const victim = systems[Math.floor(rnd() * systems.length)].toLowerCase();
  const start = T0 + Math.floor(span * (0.7 + 0.2 * rnd()));
  const word = ['segment', 'journal', 'volume', 'shard', 'partition'][Math.floor(rnd() * 5)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  for (let i = 0; i < 200; i++) {
    events.push({
      timestamp: start + Math.floor((i * 30_000) / 200),
      source: victim,
      message: `ERROR ${word} writer-${int(1, 8)}: failed to flush ${word} ${int(1000, 99999)} to /data/${word}s/${int(1, 64)}: No space left on device (errno 28)`,
    });
  }
  events.sort((a, b) => a.timestamp - b.timestamp);
  return { events, incidents: [{ id: 'burst', source: victim, start, end: start + 30_000 }] };
}

/** A small seedable generator (mulberry32): same seed, same stream. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main(): void {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) args.set(argv[i].replace(/^--/, ''), argv[i + 1]);
  const out = args.get('out');
  const systems = args.get('systems')?.split(',');
  if (!out || !systems) {
    process.stderr.write('usage: newcomer-stream --out DIR --systems A,B,C [--seed 1] [--loghub DIR[,DIR]]\n');
    process.exit(2);
  }
  const roots = (args.get('loghub') ?? path.join(sharedDataDir(), 'loghub-2k')).split(',');
  const { events, incidents } = newcomerStream(systems, roots, Number(args.get('seed') ?? '1'));
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  fs.writeFileSync(path.join(out, 'incidents.json'), JSON.stringify(incidents) + '\n');
  process.stdout.write(`${events.length} events, burst on ${(incidents[0] as { source: string }).source}, written to ${out}\n`);
}

if (require.main === module) main();
