// The dashboard's state: filters (kept in the URL), the data on screen, and the time windows
// the filters stand for.

export const $ = (sel) => document.querySelector(sel);
export const RANGES = { '15m': 15 * 60e3, '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3, '7d': 7 * 86400e3 };
export const BUCKETS = { '15m': 15, '1h': 60, '6h': 300, '24h': 900, '7d': 7200 };
export const PAGE = 50;
/** The anomaly kinds the detector gives (ANOMALY_KINDS in @logad/contracts), as the page names them. */
export const KINDS = { '': 'any kind', new_pattern: 'new pattern', surge: 'surge', rare: 'rare line', session: 'session' };

export const state = {
  filters: { source: '', level: '', kind: '', range: '1h', from: '', to: '' },
  anomalies: [],
  cursor: null,
  olderLoaded: false,
  // Operators' verdicts by template id (GET /api/v1/feedback): a template is in one map at most.
  muted: new Map(),
  confirmed: new Map(),
  // ml-api's per-source learning state (GET /api/v1/baselines), or { error } when it cannot tell.
  baselines: null,
  stats: null,
  paused: false,
  tick: 0,
  errors: new Map(),
  lastOk: 0,
  sources: new Set(),
};

export function readFiltersFromUrl() {
  const q = new URLSearchParams(location.search);
  for (const k of Object.keys(state.filters)) if (q.has(k)) state.filters[k] = q.get(k) ?? '';
  if (!(state.filters.range in RANGES) && state.filters.range !== 'custom') state.filters.range = '1h';
  if (!(state.filters.kind in KINDS)) state.filters.kind = '';
}

export function syncForm() {
  const f = $('#filters');
  f.elements.source.value = state.filters.source;
  f.elements.level.value = state.filters.level;
  f.elements.kind.value = state.filters.kind;
  f.elements.range.value = state.filters.range;
  f.elements.from.value = state.filters.from;
  f.elements.to.value = state.filters.to;
  for (const el of document.querySelectorAll('.field.custom')) el.hidden = state.filters.range !== 'custom';
}

/** `[since, until)` of the chosen range, as ISO strings (until undefined: now). */
export function timeWindow() {
  const { range, from, to } = state.filters;
  if (range === 'custom') {
    const since = from ? new Date(from) : undefined;
    const until = to ? new Date(to) : undefined;
    return {
      since: since && !Number.isNaN(since.getTime()) ? since.toISOString() : undefined,
      until: until && !Number.isNaN(until.getTime()) ? until.toISOString() : undefined,
    };
  }
  return { since: new Date(Date.now() - RANGES[range]).toISOString(), until: undefined };
}

/** The chart's window: the range (the last hour by default) in about 60–120 buckets. */
export function chartWindow() {
  const { range } = state.filters;
  if (range !== 'custom') {
    const bucket = BUCKETS[range];
    const since = Math.floor((Date.now() - RANGES[range]) / (bucket * 1000)) * bucket * 1000;
    return { since: new Date(since).toISOString(), bucket };
  }
  const w = timeWindow();
  const until = w.until ? Date.parse(w.until) : Date.now();
  const since = w.since ? Date.parse(w.since) : until - 3600e3;
  const nice = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400];
  const bucket = nice.find((b) => (until - since) / (b * 1000) <= 120) ?? 86400;
  return { since: new Date(since).toISOString(), until: w.until, bucket };
}
