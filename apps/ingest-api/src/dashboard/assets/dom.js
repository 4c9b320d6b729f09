// Small DOM and formatting helpers. Text from logs only ever goes through textContent (never
// innerHTML), so a log line cannot inject markup into the page.

/** `h('td', { class: 'x', title: 't' }, 'text', child)`: an element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) if (c !== undefined && c !== null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayTimeFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const hmFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Time of day for today, date and time otherwise. */
export function shortTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toDateString() === new Date().toDateString() ? timeFmt.format(d) : dayTimeFmt.format(d);
}

export const fullTime = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${fullFmt.format(d)} (${d.toISOString()})`;
};

export const hourMinute = (ms) => hmFmt.format(new Date(ms));
export const dayMonth = (ms) => dayFmt.format(new Date(ms));

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function ago(iso, now = Date.now()) {
  const sec = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(sec)) return '';
  if (sec < 5) return 'just now';
  if (sec < 60) return `${sec} s ago`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ago`;
  if (sec < 86400) return `${Math.floor(sec / 3600)} h ago`;
  return `${Math.floor(sec / 86400)} d ago`;
}

/** A rate for people: 0, 0.05, 3.2, 48, 1.2k. */
export function rate(x) {
  if (!x) return '0';
  if (x >= 1000) return `${(x / 1000).toFixed(1)}k`;
  if (x >= 100) return Math.round(x).toString();
  if (x >= 10) return x.toFixed(1);
  if (x >= 0.01) return x.toFixed(2);
  return '<0.01';
}

export const count = (n) => new Intl.NumberFormat().format(n);

/** Severity class of a 0–100 score: 50 is the model's threshold. */
export function scoreBand(score) {
  if (typeof score !== 'number') return 'none';
  if (score >= 80) return 'high';
  if (score >= 65) return 'mid';
  if (score >= 50) return 'low';
  return 'normal';
}

/** A visually hidden text for screen readers. */
export const srOnly = (text) => h('span', { class: 'sr-only' }, text);
