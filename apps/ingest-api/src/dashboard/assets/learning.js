// Which sources are still in their learning period (GET /api/v1/baselines, ml-api's per-source
// baselines passed on by ingest-api): a new source's first minutes are learnt, not alerted on, and
// the page says so plainly rather than looking broken or quiet.
import { ApiError, api } from './api.js';
import { dayMonth, fill, h, hourMinute } from './dom.js';
import { $, state } from './state.js';

const LISTED = 8;

/** Loads the learning state; a failure is shown in the banner, never as a broken page. */
export async function loadBaselines() {
  try {
    state.baselines = await api('/api/v1/baselines');
    for (const s of state.baselines.sources) state.sources.add(s.source);
  } catch (e) {
    if (e && e.name === 'AbortError') return;
    state.baselines = { error: e instanceof ApiError ? e : new ApiError(0, 'internal', String(e && e.message ? e.message : e)) };
  }
  renderLearning();
}

const minutes = (ms) => (ms >= 120e3 ? `${Math.round(ms / 60e3)} minutes` : `${Math.round(ms / 1e3)} seconds`);

/** Time of day, with the day when it is not today (the logs' own time: a replay may be old). */
function when(ms) {
  return new Date(ms).toDateString() === new Date().toDateString() ? hourMinute(ms) : `${dayMonth(ms)} ${hourMinute(ms)}`;
}

/** One sentence for a newcomer: the first minutes of a source are learnt, not alerted on. */
export function learningPeriodText() {
  const b = state.baselines;
  const period = b && typeof b.learning_period_ms === 'number' ? ` (${minutes(b.learning_period_ms)})` : '';
  return `The first minutes of each new source${period} are a learning period: logad learns what is normal for it and alerts on new patterns only after that.`;
}

export function renderLearning() {
  const box = $('#learning');
  const b = state.baselines;
  if (!b || (b.error && (b.error.status === 401 || b.error.status === 403))) {
    box.hidden = true; // nothing known yet, or the key dialog is asking
    return;
  }
  if (b.error) {
    box.dataset.state = 'unknown';
    fill(box, h('strong', {}, 'Learning state unknown.'), ' ', `${b.error.status ? `${b.error.status} ` : ''}${b.error.code}: ${b.error.message}`);
    box.hidden = false;
    return;
  }
  const only = state.filters.source;
  const learning = b.sources.filter((s) => s.learning && (!only || s.source === only));
  if (learning.length === 0) {
    if (b.sources.length > 0) {
      box.hidden = true; // every source is learnt: nothing to say
      return;
    }
    box.dataset.state = 'empty';
    fill(box, h('strong', {}, 'No logs yet.'), ' ', learningPeriodText());
    box.hidden = false;
    return;
  }
  const ends = learning.map((s) => Date.parse(s.learning_ends_at)).filter(Number.isFinite);
  const n = learning.length;
  box.dataset.state = 'learning';
  fill(
    box,
    h('strong', {}, `Learning: ${n} source${n === 1 ? '' : 's'}`, ends.length ? `, first alerts after ${when(Math.min(...ends))}` : '', '.'),
    ' ',
    `logad is learning what is normal for ${n === 1 ? 'it' : 'them'}, and raises no new-pattern alert for a source until its learning period (${minutes(b.learning_period_ms)} of its logs) ends.`,
    h(
      'ul',
      { class: 'learning-sources', 'aria-label': 'Sources still learning' },
      learning.slice(0, LISTED).map((s) => h('li', {}, h('code', {}, s.source), s.learning_ends_at ? ` until ${when(Date.parse(s.learning_ends_at))}` : '')),
      n > LISTED ? h('li', { class: 'dim' }, `and ${n - LISTED} more`) : null,
    ),
  );
  box.hidden = false;
}
