import { SessionRecord } from '@logad/contracts';
import { GroupedAlert } from './alert-grouper';

/** Webhook body formats: logad's own JSON, or Slack's incoming-webhook message. */
export type AlertFormat = 'json' | 'slack';

export function anomalyPayload(a: GroupedAlert, format: AlertFormat): unknown {
  const r = a.example;
  const template = r.template ?? r.message;
  if (format === 'slack') {
    const times = a.count > 1 ? ` (${a.count} times since ${new Date(a.firstSeen).toISOString()})` : '';
    return {
      text: `:rotating_light: logad: ${r.kind ? r.kind.replace('_', ' ') : 'anomalous log'}${times}, score ${Math.round(r.score ?? 0)}/100 from ${r.source ?? 'unknown source'}${r.level ? ` [${r.level}]` : ''}${r.reason ? `\n*Why:* ${clip(r.reason, 500)}` : ''}\n*Template:* \`${clip(template, 300)}\`\n*Example:* \`\`\`${clip(r.message, 1500)}\`\`\``,
    };
  }
  return {
    type: 'anomaly',
    kind: r.kind ?? null,
    reason: r.reason ?? null,
    source: r.source,
    template,
    template_id: r.template_id ?? null,
    score: r.score ?? null,
    anomaly_score: r.anomaly_score,
    count: a.count,
    first_seen: new Date(a.firstSeen).toISOString(),
    last_seen: new Date(a.lastSeen).toISOString(),
    example: r,
    record: r,
  };
}

export function sessionPayload(s: SessionRecord, format: AlertFormat): unknown {
  if (format === 'slack') {
    return {
      text: `:rotating_light: logad: anomalous session \`${clip(s.key, 200)}\` (${s.line_count} lines), score ${Math.round(s.score)}/100\n*Why:* ${clip(s.reason, 1000)}`,
    };
  }
  return { type: 'session-anomaly', session: s };
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
