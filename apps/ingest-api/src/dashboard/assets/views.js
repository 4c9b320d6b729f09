// Renders the dashboard's lists from query API answers. Pure DOM building: no fetching here.
import { ago, count, fill, fullTime, h, scoreBand, shortTime, srOnly } from './dom.js';
import { KINDS } from './state.js';
import { templateIdOf } from './template-id.js';

/** The score as a coloured pill that also says it in words (colour is never the only cue). */
export function scoreBadge(score) {
  const band = scoreBand(score);
  const text = typeof score === 'number' ? Math.round(score).toString() : '–';
  return h('span', { class: `score score-${band}`, title: `anomaly score ${text} of 100 (50 is the model's threshold)` }, text, srOnly(' of 100'));
}

export const levelBadge = (level) => h('span', { class: `level level-${(level || 'none').toLowerCase()}` }, level || '—');

const KIND_TITLES = {
  new_pattern: 'A template never seen on this source, past its learning period',
  surge: "A template's count in a time bucket far above its learned rate",
  rare: 'A line the line model scores far out',
  session: 'A whole session unlike the training sessions',
};

/** The anomaly's kind in words; a dash for records stored before kinds existed. */
export const kindBadge = (kind) =>
  kind
    ? h('span', { class: `kind kind-${kind}`, title: KIND_TITLES[kind] ?? kind }, KINDS[kind] ?? kind)
    : h('span', { class: 'dim', title: 'no kind was stored' }, '—');

/** The tag a template's verdict shows beside it. */
export function verdictTag(verdict) {
  if (verdict === 'mute') return h('span', { class: 'tag tag-muted', title: 'Muted: stored and flagged, no alert' }, 'muted');
  if (verdict === 'confirm')
    return h('span', { class: 'tag tag-confirmed', title: 'Confirmed as a real incident: its lines are anomalies and alert' }, 'confirmed');
  return null;
}

/** `#12` for a template the model knows; a "new" tag for one it had never seen (a negative id, or none). */
export function templateLabel(r) {
  return typeof r.template_id === 'number'
    ? idLabel(r.template_id)
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
 * One row per anomaly; the message is a button that opens the lines around it. `verdictOf` gives
 * a template id's verdict (`mute`, `confirm` or undefined).
 */
export function renderAnomalies(tbody, items, verdictOf, onOpen) {
  fill(
    tbody,
    items.map((r) => {
      const tid = templateIdOf(r);
      const verdict = r.muted === true ? 'mute' : verdictOf(tid);
      return h(
        'tr',
        { class: verdict === 'mute' ? 'is-muted' : verdict === 'confirm' ? 'is-confirmed' : undefined, 'data-id': r.id },
        h('td', { class: 'c-score' }, scoreBadge(r.score)),
        h('td', { class: 'c-kind' }, kindBadge(r.kind)),
        h(
          'td',
          { class: 'c-time' },
          h('time', { datetime: r.timestamp, title: fullTime(r.timestamp) }, shortTime(r.timestamp)),
          h('span', { class: 'ago' }, ago(r.timestamp)),
          h('span', { class: 'c-level' }, levelBadge(r.level)),
        ),
        h('td', { class: 'c-source' }, r.source ?? h('span', { class: 'dim' }, 'no source')),
        h(
          'td',
          { class: 'c-message' },
          h(
            'button',
            { type: 'button', class: 'open-context', title: 'Show the lines around it', onclick: () => onOpen(r) },
            h('span', { class: 'msg' }, r.message),
          ),
          r.template ? h('div', { class: 'tpl' }, templateLabel(r), ' ', h('span', { class: 'tpl-text' }, r.template), verdictTag(verdict)) : null,
          explanation(r),
        ),
        h('td', { class: 'c-reason' }, r.reason ? h('span', { class: 'reason' }, r.reason) : h('span', { class: 'dim' }, '—')),
      );
    }),
  );
}

/** Ids below 0 are derived from the text of a template the model did not know. */
const idLabel = (id) =>
  id < 0 ? h('span', { class: 'tag tag-new', title: `template id ${id}, derived from its text` }, 'new template') : h('span', { class: 'tpl-id' }, `#${id}`);

/**
 * A template table: count, anomalies, text and its verdict, with Mute and Confirm buttons (each
 * withdraws its own verdict once given). `actions.toggle(verdict, t)` gives or withdraws one.
 */
export function renderTemplates(tbody, stats, verdictOf, actions, showFirstSeen = false) {
  fill(
    tbody,
    stats.map((t) => {
      const verdict = verdictOf(t.template_id);
      const name = `template ${t.template_id}`;
      const mute =
        verdict === 'mute'
          ? h(
              'button',
              { type: 'button', class: 'btn-small', 'aria-pressed': 'true', onclick: () => actions.toggle('mute', t), 'aria-label': `Unmute ${name}` },
              'Unmute',
            )
          : h('button', { type: 'button', class: 'btn-small btn-mute', onclick: () => actions.toggle('mute', t), 'aria-label': `Mute ${name}` }, 'Mute');
      const confirm =
        verdict === 'confirm'
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn-small btn-withdraw',
                'aria-pressed': 'true',
                onclick: () => actions.toggle('confirm', t),
                'aria-label': `Withdraw the confirmation of ${name}`,
              },
              'Withdraw',
            )
          : h(
              'button',
              { type: 'button', class: 'btn-small btn-confirm', onclick: () => actions.toggle('confirm', t), 'aria-label': `Confirm ${name} as an incident` },
              'Confirm',
            );
      return h(
        'tr',
        { class: verdict === 'mute' ? 'is-muted' : verdict === 'confirm' ? 'is-confirmed' : undefined, 'data-template-id': t.template_id },
        h('td', { class: 'num' }, count(t.count)),
        h('td', { class: 'num' }, t.anomalies ? h('span', { class: 'anom-count' }, count(t.anomalies)) : '0'),
        h(
          'td',
          { class: 'c-template' },
          idLabel(t.template_id),
          ' ',
          h('span', { class: 'tpl-text', title: t.template }, t.template || '(no text)'),
          verdictTag(verdict),
          showFirstSeen
            ? h('div', { class: 'dim small' }, 'first seen ', h('time', { datetime: t.first_seen, title: fullTime(t.first_seen) }, shortTime(t.first_seen)))
            : null,
        ),
        h('td', { class: 'c-action' }, h('div', { class: 'actions' }, verdict === 'confirm' ? null : mute, verdict === 'mute' ? null : confirm)),
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

/** Verdicts of one kind (GET /api/v1/feedback), most recent first, each with its withdraw button. */
export function renderFeedback(list, items, onWithdraw) {
  fill(
    list,
    items.map((f) =>
      h(
        'li',
        { class: `mute verdict-item-${f.verdict}`, 'data-template-id': f.template_id },
        h('div', { class: 'mute-text' }, idLabel(f.template_id), ' ', h('span', { class: 'tpl-text', title: f.template }, f.template)),
        f.note ? h('div', { class: 'mute-note' }, f.note) : null,
        h(
          'div',
          { class: 'mute-foot' },
          h('span', { class: 'dim small' }, f.verdict === 'mute' ? 'muted ' : 'confirmed ', h('time', { datetime: f.at, title: fullTime(f.at) }, ago(f.at))),
          h(
            'button',
            {
              type: 'button',
              class: 'btn-small',
              onclick: () => onWithdraw(f.verdict, f),
              'aria-label': f.verdict === 'mute' ? `Unmute template ${f.template_id}` : `Withdraw the confirmation of template ${f.template_id}`,
            },
            f.verdict === 'mute' ? 'Unmute' : 'Withdraw',
          ),
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
