// Renders the dashboard's lists from query API answers. Pure DOM building: no fetching here.
import { ago, count, fill, fullTime, h, scoreBand, shortTime, srOnly } from './dom.js';
import { templateIdOf } from './template-id.js';

/** The score as a coloured pill that also says it in words (colour is never the only cue). */
export function scoreBadge(score) {
  const band = scoreBand(score);
  const text = typeof score === 'number' ? Math.round(score).toString() : '–';
  return h('span', { class: `score score-${band}`, title: `anomaly score ${text} of 100 (50 is the model's threshold)` }, text, srOnly(' of 100'));
}

export const levelBadge = (level) => h('span', { class: `level level-${(level || 'none').toLowerCase()}` }, level || '—');

/** `#12` for a template the model knows; a "new" tag for one it had never seen. */
export function templateLabel(r) {
  return typeof r.template_id === 'number'
    ? h('span', { class: 'tpl-id' }, `#${r.template_id}`)
    : h('span', { class: 'tag tag-new', title: 'A template the model did not see in training' }, 'new template');
}

/** A record's explanation, when the worker stored one (top features of the model's judgement). */
function explanation(r) {
  const features = r.explanation && Array.isArray(r.explanation.top_features) ? r.explanation.top_features.slice(0, 3) : [];
  if (features.length === 0) return null;
  return h(
    'ul',
    { class: 'features', 'aria-label': 'What made it stand out' },
    features.map((f) => h('li', {}, `${f.feature} `, h('span', { class: 'weight' }, Number(f.weight).toFixed(2)))),
  );
}

/**
 * One row per anomaly; the message is a button that opens the lines around it. `muted` is the
 * set of muted template ids.
 */
export function renderAnomalies(tbody, items, muted, onOpen) {
  fill(
    tbody,
    items.map((r) => {
      const tid = templateIdOf(r);
      const isMuted = r.muted === true || (tid !== undefined && muted.has(tid));
      return h(
        'tr',
        { class: isMuted ? 'is-muted' : undefined, 'data-id': r.id },
        h('td', { class: 'c-score' }, scoreBadge(r.score)),
        h(
          'td',
          { class: 'c-time' },
          h('time', { datetime: r.timestamp, title: fullTime(r.timestamp) }, shortTime(r.timestamp)),
          h('span', { class: 'ago' }, ago(r.timestamp)),
        ),
        h('td', { class: 'c-level' }, levelBadge(r.level)),
        h('td', { class: 'c-source' }, r.source ?? h('span', { class: 'dim' }, 'no source')),
        h(
          'td',
          { class: 'c-message' },
          h(
            'button',
            { type: 'button', class: 'open-context', title: 'Show the lines around it', onclick: () => onOpen(r) },
            h('span', { class: 'msg' }, r.message),
          ),
          r.template
            ? h(
                'div',
                { class: 'tpl' },
                templateLabel(r),
                ' ',
                h('span', { class: 'tpl-text' }, r.template),
                isMuted ? h('span', { class: 'tag tag-muted' }, 'muted') : null,
              )
            : null,
          explanation(r),
        ),
      );
    }),
  );
}

/** Ids below 0 are derived from the text of a template the model did not know. */
const idLabel = (id) =>
  id < 0 ? h('span', { class: 'tag tag-new', title: `template id ${id}, derived from its text` }, 'new template') : h('span', { class: 'tpl-id' }, `#${id}`);

/** A template table: count, anomalies, text, and a Mute / Unmute button. */
export function renderTemplates(tbody, stats, muted, onMute, onUnmute, showFirstSeen = false) {
  fill(
    tbody,
    stats.map((t) => {
      const isMuted = muted.has(t.template_id);
      const button = isMuted
        ? h('button', { type: 'button', class: 'btn-small', onclick: () => onUnmute(t), 'aria-label': `Unmute template ${t.template_id}` }, 'Unmute')
        : h('button', { type: 'button', class: 'btn-small btn-mute', onclick: () => onMute(t), 'aria-label': `Mute template ${t.template_id}` }, 'Mute');
      return h(
        'tr',
        { class: isMuted ? 'is-muted' : undefined },
        h('td', { class: 'num' }, count(t.count)),
        h('td', { class: 'num' }, t.anomalies ? h('span', { class: 'anom-count' }, count(t.anomalies)) : '0'),
        h(
          'td',
          { class: 'c-template' },
          idLabel(t.template_id),
          ' ',
          h('span', { class: 'tpl-text', title: t.template }, t.template || '(no text)'),
          showFirstSeen
            ? h('div', { class: 'dim small' }, 'first seen ', h('time', { datetime: t.first_seen, title: fullTime(t.first_seen) }, shortTime(t.first_seen)))
            : null,
          isMuted ? h('span', { class: 'tag tag-muted' }, 'muted') : null,
        ),
        h('td', { class: 'c-action' }, button),
      );
    }),
  );
}

export function renderSessions(list, items) {
  fill(
    list,
    items.map((x) =>
      h(
        'li',
        { class: 'session' },
        h(
          'div',
          { class: 'session-head' },
          scoreBadge(x.score),
          h('code', { class: 'session-key', title: x.id }, x.key),
          h('span', { class: 'dim small' }, `${count(x.line_count)} lines`),
        ),
        h('div', { class: 'session-reason' }, x.reason),
        h(
          'div',
          { class: 'dim small' },
          'ended ',
          h('time', { datetime: x.ended_at, title: fullTime(x.ended_at) }, `${shortTime(x.ended_at)} (${ago(x.ended_at)})`),
          ` · closed by ${x.closed_by}`,
        ),
      ),
    ),
  );
}

export function renderMutes(list, mutes, onUnmute) {
  fill(
    list,
    mutes.map((m) =>
      h(
        'li',
        { class: 'mute' },
        h('div', { class: 'mute-text' }, idLabel(m.template_id), ' ', h('span', { class: 'tpl-text', title: m.template }, m.template)),
        m.note ? h('div', { class: 'mute-note' }, m.note) : null,
        h(
          'div',
          { class: 'mute-foot' },
          h('span', { class: 'dim small' }, 'muted ', h('time', { datetime: m.muted_at, title: fullTime(m.muted_at) }, ago(m.muted_at))),
          h('button', { type: 'button', class: 'btn-small', onclick: () => onUnmute(m), 'aria-label': `Unmute template ${m.template_id}` }, 'Unmute'),
        ),
      ),
    ),
  );
}

/** The lines around a record, oldest first, the record itself marked. */
export function renderContext(list, items, targetId) {
  fill(
    list,
    items.map((r) => {
      const isTarget = r.id === targetId;
      return h(
        'li',
        { class: `line${isTarget ? ' is-target' : ''}${r.is_anomaly ? ' is-anomaly' : ''}`, 'aria-current': isTarget ? 'true' : undefined },
        h('time', { datetime: r.timestamp, title: fullTime(r.timestamp) }, shortTime(r.timestamp)),
        levelBadge(r.level),
        h(
          'span',
          { class: 'line-score' },
          r.is_anomaly ? scoreBadge(r.score) : h('span', { class: 'dim small' }, typeof r.score === 'number' ? Math.round(r.score) : ''),
        ),
        h('span', { class: 'line-msg' }, isTarget ? srOnly('This anomaly: ') : r.is_anomaly ? srOnly('Anomaly: ') : null, r.message),
      );
    }),
  );
}
