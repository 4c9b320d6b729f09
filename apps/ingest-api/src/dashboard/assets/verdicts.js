// Operators' verdicts on a template: Mute (a known false positive) and Confirm (a real incident),
// given through one dialog with an optional note and withdrawn with one click. A template holds at
// most one verdict: the latest replaces the other (the query API keeps it so).
import { ApiError, api } from './api.js';
import { fill, h } from './dom.js';
import { toast } from './dialogs.js';
import { describe, loadFeedback, panel, renderTemplatePanels, renderStream, showStatus } from './panels.js';
import { $, state } from './state.js';

const nameOf = (t) => (t.template_id < 0 ? 'the new template' : `template #${t.template_id}`);

const WORDS = {
  mute: {
    title: (t) => (t.template_id < 0 ? 'Mute this new template' : `Mute template #${t.template_id}`),
    explain: () => ['Its lines are still scored, stored and listed here (marked ', h('span', { class: 'tag tag-muted' }, 'muted'), '), but raise no alert.'],
    submit: 'Mute',
    given: (t) => `Muted ${nameOf(t)}: its anomalies are still stored and listed, but raise no alert.`,
    withdrawn: (t) => `Unmuted ${nameOf(t)}: its anomalies raise alerts again.`,
    placeholder: 'e.g. nightly batch job, ticket OPS-123',
  },
  confirm: {
    title: (t) => (t.template_id < 0 ? 'Confirm this new template as an incident' : `Confirm template #${t.template_id} as an incident`),
    explain: () => [
      'A real incident: within seconds every line of this template is stored as an anomaly (marked ',
      h('span', { class: 'tag tag-confirmed' }, 'confirmed'),
      ') and alerts, whatever the model says, and it is never learnt as normal.',
    ],
    submit: 'Confirm',
    given: (t) => `Confirmed ${nameOf(t)} as an incident: its lines are stored as anomalies and alert.`,
    withdrawn: (t) => `Withdrew the confirmation of ${nameOf(t)}: the model decides about its lines again.`,
    placeholder: 'e.g. INC-42, disk full on db-2',
  },
};

/** `mute`, `confirm` or undefined: the verdict on a template id. */
export const verdictOf = (tid) => (tid === undefined ? undefined : state.muted.has(tid) ? 'mute' : state.confirmed.has(tid) ? 'confirm' : undefined);

let target = null;

/**
 * Opens the dialog for `verdict` on template `t` ({ template_id, template }); with `recordId`, a
 * confirmation goes through that record (`POST /api/v1/records/:id/confirm`), as an alert's would.
 */
export function openVerdict(verdict, t, recordId) {
  target = { verdict, t, recordId };
  const w = WORDS[verdict];
  fill($('#verdict-title'), w.title(t));
  fill($('#verdict-explain'), ...w.explain());
  fill($('#verdict-template'), t.template || '(no text)');
  fill($('#verdict-submit'), w.submit);
  $('#verdict-submit').className = verdict === 'confirm' ? 'primary btn-confirm-strong' : 'primary';
  $('#verdict-note').value = '';
  $('#verdict-note').placeholder = w.placeholder;
  $('#verdict-error').hidden = true;
  $('#verdict-dialog').showModal();
  $('#verdict-note').focus();
}

export async function submitVerdict(ev) {
  ev.preventDefault();
  if (!target) return;
  const { verdict, t, recordId } = target;
  const note = $('#verdict-note').value.trim();
  try {
    if (verdict === 'confirm' && recordId !== undefined) {
      await api(`/api/v1/records/${encodeURIComponent(recordId)}/confirm`, { method: 'POST', body: note ? { note } : {} });
    } else {
      await api(`/api/v1/templates/${t.template_id}/${verdict}`, {
        method: 'PUT',
        body: { template: t.template || `template ${t.template_id}`, ...(note ? { note } : {}) },
      });
    }
    $('#verdict-dialog').close();
    toast(WORDS[verdict].given(t));
    await afterChange();
  } catch (e) {
    const box = $('#verdict-error');
    fill(box, e instanceof ApiError ? `Not done (${e.status || ''} ${e.code}): ${describe(e)}` : String(e));
    box.hidden = false;
  }
}

/** Withdraws `verdict` from template `t`: the model decides about its lines again. */
export async function withdrawVerdict(verdict, t) {
  try {
    await api(`/api/v1/templates/${t.template_id}/${verdict}`, { method: 'DELETE' });
    toast(WORDS[verdict].withdrawn(t));
    await afterChange();
  } catch (e) {
    toast(e instanceof ApiError ? `Not withdrawn (${e.status || ''} ${e.code}): ${describe(e)}` : String(e), true);
  }
}

/** The template buttons' one entry: give `verdict` when the template lacks it, else withdraw it. */
export function toggleVerdict(verdict, t, recordId) {
  if (verdictOf(t.template_id) === verdict) void withdrawVerdict(verdict, t);
  else openVerdict(verdict, t, recordId);
}

const changed = new Set();

/** Lets a view re-render when verdicts change (the lines-around dialog). */
export function onVerdictsChanged(fn) {
  changed.add(fn);
}

async function afterChange() {
  await panel('feedback', $('#feedback-card'), loadFeedback);
  renderStream();
  renderTemplatePanels();
  for (const fn of changed) fn();
  showStatus();
}
