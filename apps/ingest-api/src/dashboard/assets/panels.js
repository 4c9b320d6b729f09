// The panels and the refresh loop: each panel loads from the query API and renders; a panel
// that fails keeps its last data, dimmed, and says why; the header says whether the page is live.
import { ApiError, api, query } from './api.js';
import { drawChart } from './chart.js';
import { count, fill, h, hourMinute, shortTime } from './dom.js';
import { askForKey, openContext } from './dialogs.js';
import { learningPeriodText, loadBaselines } from './learning.js';
import { $, KINDS, PAGE, chartWindow, state, timeWindow } from './state.js';
import { toggleVerdict, verdictOf, withdrawVerdict } from './verdicts.js';
import { renderAnomalies, renderFeedback, renderSessions, renderTemplates } from './views.js';

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
    `/api/v1/anomalies${query({ since: w.since, until: w.until, source: f.source, level: f.level, kind: f.kind, limit: PAGE, cursor: older ? state.cursor : undefined })}`,
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
  renderAnomalies($('#anomaly-rows'), state.anomalies, verdictOf, openContext);
  const empty = $('#stream-empty');
  empty.hidden = state.anomalies.length > 0;
  // A newcomer's empty page says why it is empty: new sources are learnt before they alert.
  fill(empty, 'No anomalies in this window. New ones appear here within seconds.', h('br'), learningPeriodText());
  $('#more').hidden = !state.cursor;
  const f = state.filters;
  const bits = [f.source && `source ${f.source}`, f.level && `level ${f.level}`, f.kind && KINDS[f.kind]].filter(Boolean);
  fill($('#stream-meta'), `${count(state.anomalies.length)} shown${bits.length ? ` · ${bits.join(' · ')}` : ''} · newest first`);
  fill(
    $('#sources'),
    [...state.sources].sort().map((x) => h('option', { value: x })),
  );
}

export async function loadStats() {
  const c = chartWindow();
  const stats = await api(`/api/v1/stats${query({ since: c.since, until: c.until, bucket: c.bucket, source: state.filters.source })}`);
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
  const source = state.filters.source;
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const [top, fresh] = await Promise.all([
    api(`/api/v1/templates${query({ since: w.since, until: w.until, source, limit: 10 })}`),
    api(`/api/v1/templates${query({ new_since: midnight.toISOString(), source, limit: 10 })}`),
  ]);
  state.templates = { top, fresh };
  renderTemplatePanels();
}

/** Both template tables, with the latest verdicts. */
export function renderTemplatePanels() {
  if (!state.templates) return;
  const { top, fresh } = state.templates;
  const actions = { toggle: toggleVerdict };
  renderTemplates($('#top-rows'), top, verdictOf, actions);
  $('#top-empty').hidden = top.length > 0;
  renderTemplates($('#new-rows'), fresh, verdictOf, actions, true);
  $('#new-empty').hidden = fresh.length > 0;
  const where = state.filters.source ? ` · source ${state.filters.source}` : '';
  fill($('#top-meta'), `in the time range, by count${where}`);
  fill($('#new-meta'), `new templates since midnight${where}`);
}

export async function loadSessions() {
  const w = timeWindow();
  const page = await api(`/api/v1/sessions${query({ since: w.since, until: w.until, limit: 10 })}`);
  renderSessions($('#session-list'), page.items);
  $('#sessions-empty').hidden = page.items.length > 0;
}

/** Every verdict (GET /api/v1/feedback): the confirmed and the muted templates. */
export async function loadFeedback() {
  const feedback = await api('/api/v1/feedback');
  const confirms = feedback.filter((f) => f.verdict === 'confirm');
  const mutes = feedback.filter((f) => f.verdict === 'mute');
  state.confirmed = new Map(confirms.map((f) => [f.template_id, f]));
  state.muted = new Map(mutes.map((f) => [f.template_id, f]));
  renderFeedback($('#confirm-list'), confirms, withdrawVerdict);
  $('#confirms-empty').hidden = confirms.length > 0;
  renderFeedback($('#mute-list'), mutes, withdrawVerdict);
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
    // Verdicts first: the other panels mark muted and confirmed templates.
    if (all || t % 6 === 0) await panel('feedback', $('#feedback-card'), loadFeedback);
    const jobs = [panel('stream', $('#stream'), loadStream)];
    if (all || t % 2 === 0) jobs.push(panel('stats', $('#chart-card'), loadStats));
    if (all || t % 6 === 0) {
      jobs.push(panel('templates', $('#templates-card'), loadTemplates), panel('sessions', $('#sessions-card'), loadSessions), loadBaselines());
    }
    await Promise.all(jobs);
    if (all || t % 6 === 0) {
      // The anomaly rows re-render with the latest verdicts and learning state.
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
