// The panels and the refresh loop: each panel loads from the query API and renders; a panel
// that fails keeps its last data, dimmed, and says why; the header says whether the page is live.
import { ApiError, api, query } from './api.js';
import { drawChart } from './chart.js';
import { count, fill, h, hourMinute, shortTime } from './dom.js';
import { askForKey, openContext, openMute, unmute } from './dialogs.js';
import { $, PAGE, chartWindow, state, timeWindow } from './state.js';
import { renderAnomalies, renderMutes, renderSessions, renderTemplates } from './views.js';

/** Runs one panel's refresh: on failure keeps its last content, marks it stale and says why. */
export async function panel(name, card, run) {
  try {
    await run();
    state.errors.delete(name);
    card.classList.remove('is-stale');
    const err = card.querySelector('.card-error');
    if (err) err.hidden = true;
  } catch (e) {
    if (e && e.name === 'AbortError') return;
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e && e.message ? e.message : e));
    state.errors.set(name, err);
    card.classList.add('is-stale');
    const box = card.querySelector('.card-error');
    if (box) {
      fill(box, h('strong', {}, `Could not refresh (${err.status ? `${err.status} ` : ''}${err.code}).`), ' ', describe(err));
      box.hidden = false;
    }
    if (err.status === 401 || err.status === 403) askForKey(err);
  }
}

export function describe(err) {
  if (err.status === 0) return 'ingest-api does not answer; retrying every few seconds.';
  if (err.status === 401) return 'An API key is required.';
  if (err.status === 403) return 'This API key was revoked.';
  if (err.status === 400) return err.message;
  if (err.status === 503) return `${err.message}${/[.!?]$/.test(err.message) ? '' : '.'} Retrying in a few seconds.`;
  return err.message;
}

export async function loadStream({ older = false } = {}) {
  const w = timeWindow();
  const f = state.filters;
  const page = await api(
    `/api/v1/anomalies${query({ since: w.since, until: w.until, source: f.source, level: f.level, limit: PAGE, cursor: older ? state.cursor : undefined })}`,
  );
  if (older) {
    state.anomalies = [...state.anomalies, ...page.items.filter((r) => !state.anomalies.some((a) => a.id === r.id))];
    state.olderLoaded = true;
  } else if (state.olderLoaded) {
    // Keep the older pages the user asked for below the fresh first page.
    const fresh = new Set(page.items.map((r) => r.id));
    state.anomalies = [...page.items, ...state.anomalies.filter((r) => !fresh.has(r.id))];
  } else {
    state.anomalies = page.items;
  }
  if (older || !state.olderLoaded) state.cursor = page.next_cursor;
  for (const r of page.items) if (r.source) state.sources.add(r.source);
  renderStream();
}

export function renderStream() {
  renderAnomalies($('#anomaly-rows'), state.anomalies, state.muted, openContext);
  $('#stream-empty').hidden = state.anomalies.length > 0;
  $('#more').hidden = !state.cursor;
  const f = state.filters;
  const bits = [f.source && `source ${f.source}`, f.level && `level ${f.level}`].filter(Boolean);
  fill($('#stream-meta'), `${count(state.anomalies.length)} shown${bits.length ? ` · ${bits.join(' · ')}` : ''} · newest first`);
  fill(
    $('#sources'),
    [...state.sources].sort().map((x) => h('option', { value: x })),
  );
}

export async function loadStats() {
  const c = chartWindow();
  const stats = await api(`/api/v1/stats${query({ since: c.since, until: c.until, bucket: c.bucket })}`);
  state.stats = stats;
  drawStats();
}

export function drawStats() {
  const stats = state.stats;
  if (!stats) return;
  const box = $('#chart');
  box.setAttribute('aria-label', `Chart of logs and anomalies per second. ${drawChart(box, stats)}`);
  const last = [...stats.buckets].reverse().find((b) => b.logs > 0) ?? stats.buckets[stats.buckets.length - 1];
  fill($('#kpi-logs'), count(stats.totals.logs));
  fill($('#kpi-anomalies'), count(stats.totals.anomalies));
  const share = stats.totals.logs ? (100 * stats.totals.anomalies) / stats.totals.logs : 0;
  fill($('#kpi-share'), `${share >= 10 ? share.toFixed(0) : share.toFixed(1)} %`);
  fill($('#kpi-rate'), last ? `${last.logs_per_s >= 10 ? last.logs_per_s.toFixed(0) : last.logs_per_s.toFixed(2)}` : '0');
  const span = Date.parse(stats.until) - Date.parse(stats.since);
  fill(
    $('#chart-meta'),
    `${hourMinute(Date.parse(stats.since))}–${hourMinute(Date.parse(stats.until))} · ${stats.bucket_seconds} s buckets${span > 86400e3 ? ' · several days' : ''}`,
  );
}

export async function loadTemplates() {
  const w = timeWindow();
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const [top, fresh] = await Promise.all([
    api(`/api/v1/templates${query({ since: w.since, until: w.until, limit: 10 })}`),
    api(`/api/v1/templates${query({ new_since: midnight.toISOString(), limit: 10 })}`),
  ]);
  renderTemplates($('#top-rows'), top, state.muted, openMute, unmute);
  $('#top-empty').hidden = top.length > 0;
  renderTemplates($('#new-rows'), fresh, state.muted, openMute, unmute, true);
  $('#new-empty').hidden = fresh.length > 0;
  state.templates = { top, fresh };
}

export async function loadSessions() {
  const w = timeWindow();
  const page = await api(`/api/v1/sessions${query({ since: w.since, until: w.until, limit: 10 })}`);
  renderSessions($('#session-list'), page.items);
  $('#sessions-empty').hidden = page.items.length > 0;
}

export async function loadMutes() {
  const mutes = await api('/api/v1/mutes');
  state.muted = new Map(mutes.map((m) => [m.template_id, m]));
  renderMutes($('#mute-list'), mutes, unmute);
  $('#mutes-empty').hidden = mutes.length > 0;
}

let running = false;
let wantAll = false;

export async function refresh(all = false) {
  if ($('#key-dialog').open) return;
  if (running) {
    // A filter applied during a refresh is not lost: a full refresh follows this one.
    wantAll ||= all;
    return;
  }
  running = true;
  const t = state.tick++;
  try {
    // Mutes first: the other panels mark muted templates.
    if (all || t % 6 === 0) await panel('mutes', $('#mutes-card'), loadMutes);
    const jobs = [panel('stream', $('#stream'), loadStream)];
    if (all || t % 2 === 0) jobs.push(panel('stats', $('#chart-card'), loadStats));
    if (all || t % 6 === 0) jobs.push(panel('templates', $('#templates-card'), loadTemplates), panel('sessions', $('#sessions-card'), loadSessions));
    await Promise.all(jobs);
    if (all || t % 6 === 0) {
      // The tables of templates re-render with the latest mute state.
      renderStream();
    }
  } finally {
    running = false;
    showStatus();
    if (wantAll) {
      wantAll = false;
      void refresh(true);
    }
  }
}

export function showStatus() {
  const status = $('#status');
  const errors = [...state.errors.values()];
  if (errors.length === 0) state.lastOk = Date.now();
  const worst = errors.find((e) => e.status === 0) ?? errors.find((e) => e.status >= 500) ?? errors[0];
  status.dataset.state = state.paused ? 'paused' : worst ? 'error' : 'live';
  const when = state.lastOk ? ` · updated ${shortTime(new Date(state.lastOk).toISOString())}` : '';
  const text = state.paused
    ? `Paused${when}`
    : worst
      ? worst.status === 0
        ? 'ingest-api unreachable'
        : `API error ${worst.status} ${worst.code}`
      : `Live${when}`;
  fill($('#status-text'), text);
  const banner = $('#banner');
  if (worst && !state.paused) {
    fill(
      banner,
      h('strong', {}, worst.status === 0 ? 'The dashboard cannot reach ingest-api.' : 'Some panels could not be refreshed.'),
      ' ',
      describe(worst),
      ' Panels keep their last data, dimmed.',
    );
    banner.hidden = false;
  } else banner.hidden = true;
}
