import { BenchResult, BenchSection } from './bench-result';

/** 1234567 → "1,234,567"; 0.12345 → "0.1235"; keeps small integers as they are. */
export function formatNumber(v: number | undefined): string {
  if (v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(4)).toString();
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A section as a Markdown table. */
export function sectionTable(s: BenchSection): string {
  if (s.error) return `_not measured: ${cell(s.error)}_`;
  if (s.results.length === 0) return '_no figures (data missing?)_';
  const head = '| figure | value | unit | reference (same run) | reference value | ratio | note |\n|---|---:|---|---|---:|---:|---|';
  const rows = s.results.map(
    (r: BenchResult) =>
      `| ${cell(r.name)} | ${formatNumber(r.value)} | ${cell(r.unit)} | ${cell(r.reference ?? '')} | ${formatNumber(r.referenceValue)} | ${formatNumber(r.ratio)} | ${cell(r.note ?? '')} |`,
  );
  return [head, ...rows].join('\n');
}

/** Every "goal …: met / NOT met" found in the notes (the goal text may hold a colon inside parentheses), as a Markdown table. */
export function goalsTable(sections: readonly BenchSection[]): string {
  const rows: string[] = [];
  for (const s of sections) {
    for (const r of s.results) {
      for (const m of (r.note ?? '').matchAll(/goal ((?:[^:;()]|\([^()]*\))*?): (met|NOT met)(?: \(([^)]*)\))?/g)) {
        rows.push(
          `| ${s.name} | ${cell(r.name)} | ${cell(m[1])} | ${formatNumber(r.value)} ${cell(r.unit)} | ${m[2] === 'met' ? 'met' : '**NOT met**'} ${m[3] ? `(${cell(m[3])})` : ''} |`,
        );
      }
    }
  }
  if (rows.length === 0) return '_no goals among the figures measured_';
  return ['| bench | figure | goal | value | outcome |', '|---|---|---|---:|---|', ...rows].join('\n');
}
