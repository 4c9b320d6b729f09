import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  readonly file: string;
  /** Sampled seconds, and the share not idle. */
  readonly totalSec: number;
  readonly busySec: number;
  /** Top functions by self time: share of busy time. */
  readonly functions: Array<{ name: string; where: string; selfMs: number; share: number }>;
  /** Self time grouped by where the code lives (package, app or lib folder, node internals). */
  readonly places: Array<{ place: string; selfMs: number; share: number }>;
}

/** Where a script lives, coarsely: `node_modules/<pkg>`, `libs/<lib>`, `apps/<app>`, `node:<internal>`. */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const repo = /\/(libs|apps|tools)\/([^/]+)\//.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

/** Self time per function and per place from a V8 .cpuprofile (what `node --cpu-prof` writes). */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  if (p.samples && p.timeDeltas) {
    for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  } else {
    const total = p.endTime - p.startTime;
    const hits = p.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0) || 1;
    for (const n of p.nodes) selfUs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const places = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    totalUs += us;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') {
      idleUs += us;
      continue;
    }
    const where = url ? `${url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|libs|apps|tools)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const e = fn.get(key) ?? { name, where, us: 0 };
    e.us += us;
    fn.set(key, e);
    const place = placeOf(url, name);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const busy = totalUs - idleUs || 1;
  return {
    file,
    totalSec: totalUs / 1e6,
    busySec: (totalUs - idleUs) / 1e6,
    functions: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, selfMs: Math.round(e.us / 1000), share: e.us / busy })),
    places: [...places.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([place, us]) => ({ place, selfMs: Math.round(us / 1000), share: us / busy })),
  };
}

/** Plain-text rendering of a summary. */
export function formatProfileSummary(label: string, s: ProfileSummary): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(6);
  const lines = [`${label}: ${s.busySec.toFixed(1)} s busy of ${s.totalSec.toFixed(1)} s sampled (${s.file})`, '  by place:'];
  for (const p of s.places.slice(0, 10)) lines.push(`    ${pct(p.share)}  ${p.place}`);
  lines.push('  top functions by self time:');
  for (const f of s.functions) lines.push(`    ${pct(f.share)}  ${f.name}  ${f.where}`);
  return lines.join('\n');
}
