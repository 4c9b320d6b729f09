import type { LogEvent } from '@logad/detector';
import { parseCsv } from './parse-csv';
import type { LabelledSession } from './labelled-data';

/** `081111 091713` (yyMMdd HHmmss, the logs' own clock, read as UTC) as epoch ms, null when malformed. */
function hdfsTime(date: string | undefined, time: string | undefined): number | null {
  if (!/^\d{6}$/.test(date ?? '') || !/^\d{6}$/.test(time ?? '')) return null;
  const d = date as string;
  const t = time as string;
  const n = (s: string, i: number): number => Number(s.slice(i, i + 2));
  return Date.UTC(2000 + n(d, 0), n(d, 2) - 1, n(d, 4), n(t, 0), n(t, 2), n(t, 4));
}

/**
 * LogHub HDFS: lines `<Date> <Time> <Pid> <Level> <Component>: <Content>` grouped into sessions by
 * the first match of `keyPattern` (the block id), in order of first appearance; labels from
 * `anomaly_label.csv` (`BlockId,Label` with Normal/Anomaly). Lines without a key are dropped,
 * as are blocks without a label. Each line keeps its timestamp (the session model's follow-ups).
 */
export function parseHdfsSessions(logText: string, labelCsv: string, keyPattern: RegExp): LabelledSession[] {
  const labels = new Map<string, number>();
  const rows = parseCsv(labelCsv);
  for (const r of rows.slice(1)) if (r.length >= 2) labels.set(r[0], r[1].trim() === 'Anomaly' ? 1 : 0);
  const sessions = new Map<string, LogEvent[]>();
  const re = new RegExp(keyPattern.source, keyPattern.flags.replace('g', ''));
  for (const line of logText.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const p = line.split(' ');
    const content = p.slice(5).join(' ');
    const m = re.exec(content);
    if (m === null) continue;
    const key = m[0];
    let s = sessions.get(key);
    if (s === undefined) sessions.set(key, (s = []));
    s.push({ message: content, level: p[3] ?? null, source: (p[4] ?? '').replace(/:$/, '') || null, timestamp: hdfsTime(p[0], p[1]) });
  }
  const out: LabelledSession[] = [];
  for (const [key, events] of sessions) {
    const label = labels.get(key);
    if (label !== undefined) out.push({ key, events, label });
  }
  return out;
}
