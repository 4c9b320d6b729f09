// The dialogs: the lines around an anomaly (with its template's Mute and Confirm), the API key;
// and the toast. The verdict dialog itself is in verdicts.js.
import { ApiError, api, currentKey, query } from './api.js';
import { fill, fullTime, h } from './dom.js';
import { describe } from './panels.js';
import { $, state } from './state.js';
import { templateIdOf } from './template-id.js';
import { onVerdictsChanged, toggleVerdict, verdictOf } from './verdicts.js';
import { kindBadge, levelBadge, renderContext, scoreBadge, templateLabel } from './views.js';

export let contextRecord = null;

export async function openContext(r) {
  contextRecord = r;
  const dlg = $('#context-dialog');
  fill($('#context-title'), 'Lines around this anomaly');
  fill(
    $('#context-meta'),
    scoreBadge(r.score),
    ' ',
    levelBadge(r.level),
    ' ',
    h('span', {}, r.source ?? 'no source'),
    ' · ',
    h('time', { datetime: r.timestamp }, fullTime(r.timestamp)),
    r.kind ? [' · ', kindBadge(r.kind)] : null,
    r.reason ? h('p', { class: 'reason' }, r.reason) : null,
    r.template ? h('div', { class: 'tpl' }, templateLabel(r), ' ', h('span', { class: 'tpl-text' }, r.template)) : null,
    r.attributes ? h('details', {}, h('summary', {}, 'Attributes'), h('pre', {}, JSON.stringify(r.attributes, null, 2))) : null,
  );
  updateContextVerdict();
  fill($('#context-lines'), h('li', { class: 'dim' }, 'Loading…'));
  $('#context-error').hidden = true;
  if (!dlg.open) dlg.showModal();
  try {
    const { items } = await api(`/api/v1/records/${encodeURIComponent(r.id)}/around${query({ before: 20, after: 20 })}`);
    for (const x of items) if (x.source) state.sources.add(x.source);
    renderContext($('#context-lines'), items, r.id);
    fill($('#context-count'), `${items.length} lines from ${r.source ?? 'records without a source'}, oldest first`);
    const target = $('#context-lines .is-target');
    if (target) target.scrollIntoView({ block: 'center' });
  } catch (e) {
    fill($('#context-lines'));
    const box = $('#context-error');
    fill(box, e instanceof ApiError ? `Could not load the lines around it (${e.status || ''} ${e.code}): ${describe(e)}` : String(e));
    box.hidden = false;
  }
}

/** The context dialog's Mute and Confirm buttons, and its verdict tag, as the template's verdict stands. */
export function updateContextVerdict() {
  const r = contextRecord;
  const tid = r ? templateIdOf(r) : undefined;
  const mute = $('#context-mute');
  const confirm = $('#context-confirm');
  const tag = $('#context-verdict');
  mute.hidden = confirm.hidden = tid === undefined;
  if (tid === undefined) {
    tag.hidden = true;
    return;
  }
  const name = tid < 0 ? 'this new template' : `template #${tid}`;
  const verdict = verdictOf(tid);
  fill(mute, verdict === 'mute' ? `Unmute ${name}` : `Mute ${name}`);
  fill(confirm, verdict === 'confirm' ? 'Withdraw confirmation' : 'Confirm as incident');
  confirm.setAttribute('aria-pressed', String(verdict === 'confirm'));
  mute.setAttribute('aria-pressed', String(verdict === 'mute'));
  tag.hidden = verdict === undefined;
  if (verdict) {
    const f = verdict === 'mute' ? state.muted.get(tid) : state.confirmed.get(tid);
    tag.className = `verdict-state verdict-${verdict}`;
    fill(
      tag,
      verdict === 'mute' ? 'Muted: its lines raise no alert' : 'Confirmed as an incident: its lines are anomalies and alert',
      f && f.note ? ` (${f.note})` : '',
      '.',
    );
  }
}

/** The context dialog's buttons act on the shown record's template. */
export function contextAction(verdict) {
  const r = contextRecord;
  const tid = r ? templateIdOf(r) : undefined;
  if (tid === undefined) return;
  toggleVerdict(verdict, { template_id: tid, template: r.template }, r.id);
}

onVerdictsChanged(updateContextVerdict);

export function askForKey(err) {
  const dlg = $('#key-dialog');
  if (dlg.open) return;
  fill(
    $('#key-reason'),
    err.status === 403
      ? 'The API key kept in this browser was revoked. Enter another one.'
      : currentKey()
        ? 'The API key kept in this browser was not accepted. Enter another one.'
        : 'This logad requires an API key to read its data.',
  );
  $('#key-input').value = '';
  dlg.showModal();
}

let toastTimer;
export function toast(text, isError = false) {
  const el = $('#toast');
  fill(el, text);
  el.classList.toggle('is-error', isError);
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 6000);
}
