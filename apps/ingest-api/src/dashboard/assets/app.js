// The dashboard's entry: wires the filters, buttons and dialogs, then refreshes every 5 seconds
// (see panels.js) while the page is visible and not paused.
import { forgetKey, keepKey, currentKey } from './api.js';
import { fill } from './dom.js';
import { contextAction, toast } from './dialogs.js';
import { drawStats, loadStream, panel, refresh, showStatus } from './panels.js';
import { $, readFiltersFromUrl, state, syncForm } from './state.js';
import { submitVerdict } from './verdicts.js';

const TICK_MS = 5000;

function wire() {
  const form = $('#filters');
  form.elements.range.addEventListener('change', () => {
    for (const el of document.querySelectorAll('.field.custom')) el.hidden = form.elements.range.value !== 'custom';
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    for (const k of Object.keys(state.filters)) state.filters[k] = String(fd.get(k) ?? '').trim();
    const q = new URLSearchParams(Object.entries(state.filters).filter(([k, v]) => v && !(k === 'range' && v === '1h')));
    history.replaceState(null, '', `${location.pathname}${q.toString() ? `?${q}` : ''}`);
    state.olderLoaded = false;
    void refresh(true);
  });
  form.addEventListener('reset', () => {
    setTimeout(() => {
      state.filters = { source: '', level: '', kind: '', range: '1h', from: '', to: '' };
      syncForm();
      history.replaceState(null, '', location.pathname);
      state.olderLoaded = false;
      void refresh(true);
    });
  });
  $('#more').addEventListener('click', () => panel('stream', $('#stream'), () => loadStream({ older: true })));
  $('#pause').addEventListener('click', () => {
    state.paused = !state.paused;
    $('#pause').setAttribute('aria-pressed', String(state.paused));
    fill($('#pause'), state.paused ? 'Resume updates' : 'Pause updates');
    showStatus();
    if (!state.paused) void refresh(true);
  });
  $('#forget-key').addEventListener('click', () => {
    forgetKey();
    $('#forget-key').hidden = true;
    toast('The API key was removed from this browser.');
    void refresh(true);
  });
  $('#key-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = $('#key-input').value.trim();
    if (!key) return;
    keepKey(key);
    $('#key-dialog').close();
    $('#forget-key').hidden = false;
    void refresh(true);
  });
  $('#context-mute').addEventListener('click', () => contextAction('mute'));
  $('#context-confirm').addEventListener('click', () => contextAction('confirm'));
  for (const btn of document.querySelectorAll('[data-close]')) btn.addEventListener('click', () => btn.closest('dialog').close());
  $('#verdict-form').addEventListener('submit', submitVerdict);
  let resize;
  window.addEventListener('resize', () => {
    clearTimeout(resize);
    resize = setTimeout(drawStats, 150);
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !state.paused) void refresh(true);
  });
}

readFiltersFromUrl();
syncForm();
wire();
$('#forget-key').hidden = !currentKey();
void refresh(true);
setInterval(() => {
  if (!state.paused && !document.hidden) void refresh();
}, TICK_MS);
