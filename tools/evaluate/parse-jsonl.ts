import type { LogEvent } from '@logad/detector';
import type { LabelledLines, LabelledSession } from './labelled-data';

/** Reads a label value: true, 1, '1', 'true', 'anomaly', 'abnormal', 'attack', 'yes' → 1; anything else → 0. */
export function labelValue(v: unknown): number {
  if (v === true || v === 1) return 1;
  if (typeof v === 'string') return /^(1|true|yes|anomal(y|ous)|abnormal|attack|alert)$/i.test(v.trim()) ? 1 : 0;
  return 0;
}

export interface JsonlFields {
  readonly messageField: string;
  readonly labelField: string;
  readonly sessionField: string | null;
}

/** JSON Lines with a message and a label field (and optional `level`, `source`, session field). */
export function parseJsonl(text: string, f: JsonlFields): { lines: LabelledLines; sessions: LabelledSession[] | null } {
  const events: LogEvent[] = [];
  const labels: number[] = [];
  const bySession = new Map<string, { events: LogEvent[]; label: number }>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`line ${i + 1} is not JSON`);
    }
    const message = o[f.messageField];
    if (typeof message !== 'string') throw new Error(`line ${i + 1} has no string field '${f.messageField}'`);
    const ev: LogEvent = {
      message,
      level: typeof o.level === 'string' ? o.level : null,
      source: typeof o.source === 'string' ? o.source : null,
    };
    const label = labelValue(o[f.labelField]);
    events.push(ev);
    labels.push(label);
    if (f.sessionField !== null) {
      const k = o[f.sessionField];
      if (k === undefined || k === null) return;
      const key = String(k);
      let s = bySession.get(key);
      if (s === undefined) bySession.set(key, (s = { events: [], label: 0 }));
      s.events.push(ev);
      s.label = Math.max(s.label, label); // a session is anomalous when any of its lines is
    }
  });
  const sessions = f.sessionField === null ? null : [...bySession].map(([key, s]) => ({ key, events: s.events, label: s.label }));
  return { lines: { events, labels }, sessions };
}
