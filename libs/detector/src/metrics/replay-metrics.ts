/** An incident window of a replay (`incidents.json`). */
export interface ReplayIncident {
  readonly id: string;
  readonly source: string;
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
}

/** One flagged event of a replay. */
export interface ReplayAnomaly {
  readonly timestamp: number;
  readonly source: string;
  readonly templateId: number;
  readonly kind: string;
  /** The verdict's reason and the line, when the caller has them: shown with false alarms. */
  readonly reason?: string;
  readonly message?: string;
}

/** An alert group outside every window, with its first line when known. */
export interface FalseAlarmGroup {
  readonly source: string;
  readonly templateId: number;
  readonly kind: string;
  readonly at: string;
  anomalies: number;
  readonly reason?: string;
  readonly message?: string;
}

/** The figures of a replay; the first four names are the evaluation's contract. */
export interface ReplayFigures {
  readonly incidents: { readonly total: number; readonly detected: number; readonly recall: number };
  readonly time_to_detect_s: { readonly median: number | null; readonly p90: number | null };
  readonly false_alarms_per_hour: number;
  readonly flagged_share_outside: number;
  readonly false_alarms: number;
  readonly hours: number;
  readonly sources: number;
  readonly false_alarms_per_hour_per_source: number;
  readonly lines: number;
  readonly lines_outside: number;
  readonly flagged_outside: number;
  readonly per_incident: ReadonlyArray<{ readonly id: string; readonly source: string; readonly detected: boolean; readonly time_to_detect_s: number | null; readonly first_kind: string | null }>;
  /** The alert groups outside every window: what an operator would have been paged for in vain. */
  readonly false_alarm_groups: ReadonlyArray<Readonly<FalseAlarmGroup>>;
}

export interface ReplayMetricsOptions {
  /**
   * Grace after an incident's end during which its effects still count as the incident.
   * @defaultValue 60_000
   */
  graceMs?: number;
  /**
   * An alert group: anomalies of one template on one source within this long of the group's first.
   * @defaultValue 300_000
   */
  groupMs?: number;
}

/**
 * Scores a replay against incident windows. An incident is detected when an anomaly of its source
 * falls in [start, end + grace]; its time to detect runs from start to the first such anomaly. A
 * false alarm is an alert group (one per template per source per groupMs) that begins outside every
 * window + grace; false alarms per hour count all sources over the stream's event-time span.
 * `lineTimes` are the timestamps and sources of every replayed line (for the flagged share).
 */
export function replayMetrics(
  lines: ReadonlyArray<{ readonly timestamp: number; readonly source: string }>,
  anomalies: readonly ReplayAnomaly[],
  incidents: readonly ReplayIncident[],
  options: ReplayMetricsOptions = {},
): ReplayFigures {
  const grace = options.graceMs ?? 60_000;
  const groupMs = options.groupMs ?? 300_000;
  const inWindow = (ts: number, source?: string): boolean => incidents.some((w) => (source === undefined || w.source === source) && ts >= w.start && ts <= w.end + grace);
  // Outside = outside every window of any source: lines of other sources during an incident may be its effects.
  const outside = (ts: number): boolean => !inWindow(ts);

  let first = Infinity;
  let last = -Infinity;
  const sources = new Set<string>();
  let linesOutside = 0;
  for (const l of lines) {
    if (l.timestamp < first) first = l.timestamp;
    if (l.timestamp > last) last = l.timestamp;
    sources.add(l.source);
    if (outside(l.timestamp)) linesOutside++;
  }
  const sorted = [...anomalies].sort((a, b) => a.timestamp - b.timestamp);
  const perIncident = incidents.map((w) => {
    const hit = sorted.find((a) => a.source === w.source && a.timestamp >= w.start && a.timestamp <= w.end + grace);
    return { id: w.id, source: w.source, detected: hit !== undefined, time_to_detect_s: hit ? Math.max(0, hit.timestamp - w.start) / 1000 : null, first_kind: hit?.kind ?? null };
  });
  const groups = new Map<string, { start: number; falseAlarm: FalseAlarmGroup | null }>();
  const falseGroups: FalseAlarmGroup[] = [];
  let flaggedOutside = 0;
  for (const a of sorted) {
    const out = outside(a.timestamp);
    if (out) flaggedOutside++;
    const key = `${a.source}\u0000${a.templateId}`;
    const g = groups.get(key);
    if (g !== undefined && a.timestamp - g.start < groupMs) {
      if (g.falseAlarm) g.falseAlarm.anomalies++;
      continue;
    }
    const falseAlarm: FalseAlarmGroup | null = out
      ? { source: a.source, templateId: a.templateId, kind: a.kind, at: new Date(a.timestamp).toISOString(), anomalies: 1, ...(a.reason === undefined ? {} : { reason: a.reason }), ...(a.message === undefined ? {} : { message: a.message.slice(0, 300) }) }
      : null;
    if (falseAlarm) falseGroups.push(falseAlarm);
    groups.set(key, { start: a.timestamp, falseAlarm });
  }
  const hours = lines.length === 0 ? 0 : Math.max(last - first, 1) / 3_600_000;
  const ttd = perIncident.flatMap((p) => (p.time_to_detect_s === null ? [] : [p.time_to_detect_s])).sort((a, b) => a - b);
  const detected = perIncident.filter((p) => p.detected).length;
  const faph = hours === 0 ? 0 : falseGroups.length / hours;
  return {
    incidents: { total: incidents.length, detected, recall: incidents.length === 0 ? 1 : detected / incidents.length },
    time_to_detect_s: { median: quantile(ttd, 0.5), p90: quantile(ttd, 0.9) },
    false_alarms_per_hour: round(faph),
    flagged_share_outside: linesOutside === 0 ? 0 : round(flaggedOutside / linesOutside, 6),
    false_alarms: falseGroups.length,
    hours: round(hours),
    sources: sources.size,
    false_alarms_per_hour_per_source: sources.size === 0 ? 0 : round(faph / sources.size),
    lines: lines.length,
    lines_outside: linesOutside,
    flagged_outside: flaggedOutside,
    per_incident: perIncident,
    false_alarm_groups: falseGroups,
  };
}

/** Nearest-rank quantile of sorted values (null when there are none). */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
