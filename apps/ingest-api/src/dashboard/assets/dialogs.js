// The dialogs: the lines around an anomaly, muting a template, the API key; and the toast.
import { ApiError, api, currentKey, query } from './api.js';
import { fill, fullTime, h } from './dom.js';
import { describe, loadMutes, panel, renderStream, showStatus } from './panels.js';
import { $, state } from './state.js';
import { templateIdOf } from './template-id.js';
import { levelBadge, renderContext, renderTemplates, scoreBadge, templateLabel } from './views.js';

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
    r.template ? h('div', { class: 'tpl' }, templateLabel(r), ' ', h('span', { class: 'tpl-text' }, r.template)) : null,
    r.attributes ? h('details', {}, h('summary', {}, 'Attributes'), h('pre', {}, JSON.stringify(r.attributes, null, 2))) : null,
  );
  updateContextMute();
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

export function updateContextMute() {
  const r = contextRecord;
  const btn = $('#context-mute');
  const tid = r ? templateIdOf(r) : undefined;
  if (tid === undefined) {
    btn.hidden = true;
    return;
  }
  btn.hidden = false;
  const name = tid < 0 ? 'this new template' : `template #${tid}`;
  fill(btn, state.muted.has(tid) ? `Unmute ${name}` : `Mute ${name}`);
}

let muteTarget = null;

export function openMute(t) {
  muteTarget = t;
  fill($('#mute-title'), t.template_id < 0 ? 'Mute this new template' : `Mute template #${t.template_id}`);
  fill($('#mute-template'), t.template || '(no text)');
  $('#mute-note').value = '';
  $('#mute-error').hidden = true;
  $('#mute-dialog').showModal();
  $('#mute-note').focus();
}

export async function confirmMute(ev) {
  ev.preventDefault();
  const t = muteTarget;
  if (!t) return;
  try {
    const note = $('#mute-note').value.trim();
    await api(`/api/v1/templates/${t.template_id}/mute`, {
      method: 'PUT',
      body: { template: t.template || `template ${t.template_id}`, ...(note ? { note } : {}) },
    });
    $('#mute-dialog').close();
    toast(`Muted ${t.template_id < 0 ? 'the new template' : `template #${t.template_id}`}: its anomalies are still stored and listed, but raise no alert.`);
    await afterMuteChange();
  } catch (e) {
    const box = $('#mute-error');
    fill(box, e instanceof ApiError ? `Not muted (${e.status || ''} ${e.code}): ${describe(e)}` : String(e));
    box.hidden = false;
  }
}

export async function unmute(t) {
  try {
    await api(`/api/v1/templates/${t.template_id}/mute`, { method: 'DELETE' });
    toast(`Unmuted ${t.template_id < 0 ? 'the new template' : `template #${t.template_id}`}: its anomalies raise alerts again.`);
    await afterMuteChange();
  } catch (e) {
    toast(e instanceof ApiError ? `Not unmuted (${e.status || ''} ${e.code}): ${describe(e)}` : String(e), true);
  }
}

async function afterMuteChange() {
  await panel('mutes', $('#mutes-card'), loadMutes);
  renderStream();
  if (state.templates) {
    renderTemplates($('#top-rows'), state.templates.top, state.muted, openMute, unmute);
    renderTemplates($('#new-rows'), state.templates.fresh, state.muted, openMute, unmute, true);
  }
  updateContextMute();
  showStatus();
}

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
