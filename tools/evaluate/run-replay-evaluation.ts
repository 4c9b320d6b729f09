import * as fs from 'node:fs';
import {
  type DetectorTrainingOptions,
  type LogEvent,
  type ReplayAnomaly,
  type ReplayFigures,
  type ReplayIncident,
  type StreamOptions,
  LogAnomalyDetector,
  StreamDetector,
  decideEvent,
  replayMetrics,
  scoreFamiliar,
} from '@logad/detector';
import { EvaluateArgsError } from './evaluate-args';

/** One replayed event: `timestamp` ISO-8601 or epoch ms, `source`, `message`, optional `level`. */
interface ReplayEvent {
  readonly timestamp: number;
  readonly source: string;
  readonly message: string;
  readonly level: string | null;
}

/** Reads a JSON Lines event stream; events are replayed in file order (the stream's own order). */
export function parseReplayEvents(text: string): ReplayEvent[] {
  const out: ReplayEvent[] = [];
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (line.trim() === '') continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new EvaluateArgsError(`replay input line ${n} is not JSON`);
    }
    const ts = typeof o.timestamp === 'number' ? o.timestamp : Date.parse(String(o.timestamp));
    if (!Number.isFinite(ts)) throw new EvaluateArgsError(`replay input line ${n} has no valid timestamp`);
    if (typeof o.message !== 'string') throw new EvaluateArgsError(`replay input line ${n} has no message`);
    out.push({ timestamp: ts, source: typeof o.source === 'string' ? o.source : '', message: o.message, level: typeof o.level === 'string' ? o.level : null });
  }
  return out;
}

/** Reads `incidents.json`: `[{id, source, start, end}]` with ISO-8601 or epoch-ms times. */
export function parseIncidents(text: string): ReplayIncident[] {
  const raw = JSON.parse(text) as unknown;
  if (!Array.isArray(raw)) throw new EvaluateArgsError('incidents must be a JSON array of {id, source, start, end}');
  return raw.map((w: Record<string, unknown>, i) => {
    const start = typeof w.start === 'number' ? w.start : Date.parse(String(w.start));
    const end = typeof w.end === 'number' ? w.end : Date.parse(String(w.end));
    if (typeof w.source !== 'string' || !Number.isFinite(start) || !Number.isFinite(end))
      throw new EvaluateArgsError(`incident ${i} needs source, start and end`);
    return { id: typeof w.id === 'string' ? w.id : `incident-${i}`, source: w.source, start, end };
  });
}

/** Automatic retraining during a replay, as ml-api's RetrainService does it, in event time. */
export interface ReplayRetraining {
  /** Event time between retrains (ms), from the stream's first event. */
  readonly everyMs: number;
  /** Options of each line model (seed, trainedAt…). */
  readonly lineOptions?: DetectorTrainingOptions;
  /** Most lines a retrain reads, the newest (train --from-store's default). */
  readonly maxLines?: number;
}

export interface ReplayEvaluation {
  readonly figures: ReplayFigures;
  readonly byKind: Record<string, number>;
  /** Line models trained during the replay (0 without retraining). */
  readonly retrains: number;
  readonly linesPerSecond: number;
  /** Serialised baselines at the end, per source (bytes of JSON): what the per-source state costs. */
  readonly stateBytes: { readonly total: number; readonly perSource: Record<string, number> };
}

const BATCH = 500;

/**
 * The online path from an empty state, learning period included: every event goes through the
 * stream stage exactly as the pipeline sends it (in order, with its event time), and what it
 * flags is scored against the incident windows. With `retraining`, a line model is trained every
 * `everyMs` of event time on the events stored as normal so far and decides with the stream as
 * ml-api does (`decideEvent`: `rare` on the sources it was trained on) — what a user's system does
 * once automatic retraining has run.
 */
export function runReplayEvaluation(
  events: readonly ReplayEvent[],
  incidents: readonly ReplayIncident[],
  options: StreamOptions = {},
  retraining?: ReplayRetraining,
): ReplayEvaluation {
  const stream = StreamDetector.create(options);
  const anomalies: ReplayAnomaly[] = [];
  const byKind: Record<string, number> = {};
  const normal: LogEvent[] = [];
  let model: LogAnomalyDetector | null = null;
  let known = new Set<string>();
  let retrains = 0;
  let nextRetrain = retraining && events.length > 0 ? events[0].timestamp + retraining.everyMs : Infinity;
  const t0 = process.hrtime.bigint();
  let i = 0;
  while (i < events.length) {
    if (events[i].timestamp >= nextRetrain) {
      const corpus = normal.slice(-(retraining?.maxLines ?? 200_000));
      if (corpus.length >= 2) {
        model = LogAnomalyDetector.train(corpus, retraining?.lineOptions);
        known = new Set(corpus.map((e) => e.source ?? ''));
        retrains++;
      }
      while (events[i].timestamp >= nextRetrain) nextRetrain += retraining!.everyMs;
    }
    // a batch as the worker sends it, cut at the next retrain
    const batch: ReplayEvent[] = [];
    for (; i < events.length && batch.length < BATCH && events[i].timestamp < nextRetrain; i++) batch.push(events[i]);
    const verdicts = batch.map((e) => stream.observe(e));
    const lines = model === null ? null : scoreFamiliar(model, batch, verdicts, (source) => known.has(source), { explain: false });
    verdicts.forEach((v, k) => {
      const e = batch[k];
      const d = decideEvent(v, lines?.[k] ?? null, known.has(v.source));
      if (d.is_anomaly && d.kind !== null) {
        anomalies.push({ timestamp: e.timestamp, source: e.source, templateId: v.templateId, kind: d.kind, reason: d.reason ?? undefined, message: e.message });
        byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
      } else if (retraining) normal.push({ message: e.message, level: e.level, source: e.source });
    });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const state = stream.toJSON();
  const perSource: Record<string, number> = {};
  let total = 0;
  for (const [name, s] of state.sources) {
    const bytes = Buffer.byteLength(JSON.stringify(s));
    perSource[name === '' ? '(none)' : name] = bytes;
    total += bytes;
  }
  return {
    figures: replayMetrics(events, anomalies, incidents),
    byKind,
    retrains,
    linesPerSecond: Math.round(events.length / Math.max(seconds, 1e-9)),
    stateBytes: { total, perSource },
  };
}

export function formatReplay(r: ReplayEvaluation): string {
  const f = r.figures;
  const lines = [
    `replay: ${f.lines} lines, ${f.sources} sources, ${f.hours} h of event time`,
    `  incidents detected  ${f.incidents.detected} / ${f.incidents.total} (recall ${f.incidents.recall.toFixed(3)})`,
    `  time to detect      median ${f.time_to_detect_s.median ?? '-'} s, p90 ${f.time_to_detect_s.p90 ?? '-'} s`,
    `  false alarms        ${f.false_alarms} (${f.false_alarms_per_hour} per hour, ${f.false_alarms_per_hour_per_source} per hour per source)`,
    `  flagged outside     ${f.flagged_outside} of ${f.lines_outside} lines (${(100 * f.flagged_share_outside).toFixed(3)} %)`,
    `  anomalies by kind   ${
      Object.entries(r.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }${r.retrains > 0 ? ` (after ${r.retrains} automatic retrains)` : ''}`,
    `  state at the end    ${(r.stateBytes.total / 1024).toFixed(1)} KiB of JSON for ${f.sources} sources; ${r.linesPerSecond} lines/s`,
    ...f.per_incident.map(
      (p) => `  ${p.detected ? 'detected' : 'MISSED  '} ${p.id} (${p.source})${p.detected ? ` after ${p.time_to_detect_s} s as ${p.first_kind}` : ''}`,
    ),
    ...f.false_alarm_groups.map(
      (g) =>
        `  false alarm ${g.at} ${g.source} ${g.kind} template ${g.templateId} (${g.anomalies} lines): ${g.reason ?? ''} | ${(g.message ?? '').slice(0, 160)}`,
    ),
  ];
  return lines.join('\n');
}

export function readReplayFiles(input: string, incidentsPath: string | null): { events: ReplayEvent[]; incidents: ReplayIncident[] } {
  const events = parseReplayEvents(fs.readFileSync(input, 'utf8'));
  const incidents = incidentsPath === null ? [] : parseIncidents(fs.readFileSync(incidentsPath, 'utf8'));
  return { events, incidents };
}
