// Logs/s and anomalies/s per bucket as inline SVG: two panels on one time axis (their scales
// differ by orders of magnitude, so one axis would flatten the anomalies), with a hover read-out.
import { dayMonth, fill, h, hourMinute, rate, s } from './dom.js';

const TOP = 130; // logs/s panel height
const BOTTOM = 64; // anomalies/s panel height
const GAP = 30;
const AXIS = 22;
const LEFT = 52;
const RIGHT = 14;
const PAD_TOP = 14;

/** A round axis for values up to `v`: a step of 1, 2 or 5 × 10^k, at most `maxSteps` of them. */
function niceScale(v, maxSteps) {
  if (!(v > 0)) return { max: 1, step: 1 / maxSteps, steps: maxSteps };
  const raw = v / maxSteps;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((st) => st >= raw) ?? 10 * p;
  const steps = Math.max(1, Math.ceil(v / step - 1e-9));
  return { max: steps * step, step, steps };
}

/** A tick label with as many decimals as the step needs. */
function tickLabel(value, step) {
  const decimals = Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9)));
  return value >= 1000 ? rate(value) : value.toFixed(decimals);
}

const TICK_STEPS = [60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3];

function timeTicks(from, to, maxTicks) {
  const step = TICK_STEPS.find((st) => (to - from) / st <= maxTicks) ?? 86400e3;
  const offset = new Date(from).getTimezoneOffset() * 60e3;
  const out = [];
  // Ticks on local whole minutes/hours/days.
  for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) out.push(t);
  return { ticks: out, step };
}

/**
 * Draws `stats` (GET /api/v1/stats) into `box`, sized to its width. Returns a one-sentence
 * summary for assistive technology.
 */
export function drawChart(box, stats) {
  const width = Math.max(320, Math.floor(box.clientWidth || 800));
  const height = PAD_TOP + TOP + GAP + BOTTOM + AXIS;
  const buckets = stats.buckets;
  const from = Date.parse(stats.since);
  const to = Date.parse(stats.until);
  const bucketMs = stats.bucket_seconds * 1000;
  const innerW = width - LEFT - RIGHT;
  const x = (t) => LEFT + ((t - from) / Math.max(1, to - from)) * innerW;
  const logsScale = niceScale(Math.max(...buckets.map((b) => b.logs_per_s), 0), 4);
  const anomScale = niceScale(Math.max(...buckets.map((b) => b.anomalies_per_s), 0), 2);
  const yTop = (v) => PAD_TOP + TOP - (v / logsScale.max) * TOP;
  const bottom0 = PAD_TOP + TOP + GAP;
  const yBottom = (v) => bottom0 + BOTTOM - (v / anomScale.max) * BOTTOM;

  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', 'aria-hidden': 'true', focusable: 'false' });

  // Grid and y labels.
  for (const [y0, h0, scale, label] of [
    [PAD_TOP, TOP, logsScale, 'logs/s'],
    [bottom0, BOTTOM, anomScale, 'anomalies/s'],
  ]) {
    for (let i = 0; i <= scale.steps; i++) {
      const y = y0 + h0 - (i / scale.steps) * h0;
      svg.append(s('line', { x1: LEFT, x2: width - RIGHT, y1: y, y2: y, class: i === 0 ? 'axis' : 'grid' }));
      svg.append(s('text', { x: LEFT - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, tickLabel(i * scale.step, scale.step)));
    }
    svg.append(s('text', { x: LEFT, y: y0 - 4, class: 'panel-label' }, label));
  }

  // Logs/s: a step area, each bucket flat over its width.
  let d = '';
  for (const b of buckets) {
    const t0 = Date.parse(b.start);
    const t1 = Math.min(t0 + bucketMs, to);
    d += `${d ? 'L' : 'M'}${x(t0).toFixed(1)},${yTop(b.logs_per_s).toFixed(1)}L${x(t1).toFixed(1)},${yTop(b.logs_per_s).toFixed(1)}`;
  }
  if (d) {
    svg.append(s('path', { d: `${d}L${x(to).toFixed(1)},${yTop(0)}L${x(from).toFixed(1)},${yTop(0)}Z`, class: 'logs-area' }));
    svg.append(s('path', { d, class: 'logs-line' }));
  }

  // Anomalies/s: bars.
  for (const b of buckets) {
    if (!b.anomalies) continue;
    const t0 = Date.parse(b.start);
    const x0 = x(t0);
    const w = Math.max(1.5, x(Math.min(t0 + bucketMs, to)) - x0 - 1);
    const y = yBottom(b.anomalies_per_s);
    svg.append(
      s('rect', { x: x0.toFixed(1), y: y.toFixed(1), width: w.toFixed(1), height: Math.max(1.5, bottom0 + BOTTOM - y).toFixed(1), class: 'anom-bar' }),
    );
  }
  if (!buckets.some((b) => b.anomalies)) {
    svg.append(s('text', { x: LEFT + innerW / 2, y: bottom0 + BOTTOM / 2 + 4, class: 'tick', 'text-anchor': 'middle' }, 'no anomalies in this window'));
  }

  // Time axis.
  const { ticks, step } = timeTicks(from, to, Math.max(2, Math.floor(innerW / 90)));
  for (const t of ticks) {
    const xt = x(t);
    svg.append(s('line', { x1: xt, x2: xt, y1: PAD_TOP, y2: bottom0 + BOTTOM, class: 'grid v' }));
    // A label cut by the right edge says nothing.
    if (xt > width - RIGHT - 26) continue;
    const label = step >= 86400e3 || (new Date(t).getHours() === 0 && new Date(t).getMinutes() === 0) ? dayMonth(t) : hourMinute(t);
    svg.append(s('text', { x: xt, y: bottom0 + BOTTOM + 16, class: 'tick', 'text-anchor': 'middle' }, label));
  }

  // Hover read-out: a rule and a label for the bucket under the pointer.
  const rule = s('line', { x1: 0, x2: 0, y1: PAD_TOP, y2: bottom0 + BOTTOM, class: 'hover-rule', visibility: 'hidden' });
  svg.append(rule);
  const tip = h('div', { class: 'chart-tip', hidden: true });
  const overlay = s('rect', { x: LEFT, y: PAD_TOP, width: innerW, height: bottom0 + BOTTOM - PAD_TOP, class: 'hover-target' });
  overlay.addEventListener('pointermove', (ev) => {
    const rect = svg.getBoundingClientRect();
    const px = ev.clientX - rect.left;
    const t = from + ((px - LEFT) / innerW) * (to - from);
    const b = buckets[Math.min(buckets.length - 1, Math.max(0, Math.floor((t - from) / bucketMs)))];
    if (!b) return;
    const t0 = Date.parse(b.start);
    rule.setAttribute('x1', String(px));
    rule.setAttribute('x2', String(px));
    rule.setAttribute('visibility', 'visible');
    fill(
      tip,
      h('strong', {}, `${hourMinute(t0)}–${hourMinute(Math.min(t0 + bucketMs, to))}`),
      h('span', {}, `${rate(b.logs_per_s)} logs/s (${b.logs})`),
      h('span', { class: 'tip-anom' }, `${rate(b.anomalies_per_s)} anomalies/s (${b.anomalies})`),
    );
    tip.hidden = false;
    tip.style.left = `${Math.min(px + 12, width - 190)}px`;
  });
  overlay.addEventListener('pointerleave', () => {
    rule.setAttribute('visibility', 'hidden');
    tip.hidden = true;
  });
  svg.append(overlay);

  fill(box, svg, tip);
  const peak = buckets.reduce((m, b) => (b.logs_per_s > m.logs_per_s ? b : m), buckets[0] ?? { logs_per_s: 0 });
  return `${stats.totals.logs} logs and ${stats.totals.anomalies} anomalies between ${hourMinute(from)} and ${hourMinute(to)}; peak ${rate(peak.logs_per_s)} logs per second.`;
}
