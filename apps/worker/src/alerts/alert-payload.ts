import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { GroupedAlert } from './alert-grouper';

/** Webhook body formats: logad's own JSON, Slack's incoming-webhook message, or Alertmanager's API v2. */
export const ALERT_FORMATS = ['json', 'slack', 'alertmanager'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

/** What shapes a body besides the alert itself. */
export interface PayloadContext {
  readonly format: AlertFormat;
  /** Alertmanager: the alert ends this long after it was sent, unless a later one of the same labels extends it (ms). */
  readonly resolveAfterMs: number;
  /** PUBLIC_URL: alerts link to its dashboard; without it, no link. */
  readonly publicUrl?: string;
  readonly now: number;
}

/**
 * One alert as Alertmanager's API v2 takes it (`postableAlert` in its OpenAPI spec). Labels say
 * which alert it is (the same labels again update the same alert); annotations say what happened.
 */
export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL?: string;
}

/** Where a format's body is POSTed: Alertmanager's `http://host:9093` (or a route prefix) means its `…/api/v2/alerts`. */
export function webhookEndpoint(url: string, format: AlertFormat): string {
  if (format !== 'alertmanager') return url;
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/api/v2/alerts')) u.pathname = `${path}/api/v2/alerts`;
  return u.toString();
}

export function anomalyPayload(a: GroupedAlert, c: PayloadContext): unknown {
  const r = a.example;
  const template = r.template ?? r.message;
  const score = Math.round(r.score ?? 0);
  const url = c.publicUrl ? dashboardLink(c.publicUrl, r.source) : undefined;
  if (c.format === 'slack') {
    const times = a.count > 1 ? ` (${a.count} times since ${new Date(a.firstSeen).toISOString()})` : '';
    return {
      text: `:rotating_light: logad: ${r.kind ? r.kind.replace('_', ' ') : 'anomalous log'}${times}, score ${score}/100 from ${r.source ?? 'unknown source'}${r.level ? ` [${r.level}]` : ''}${r.reason ? `\n*Why:* ${clip(r.reason, 500)}` : ''}\n*Template:* \`${clip(template, 300)}\`\n*Example:* \`\`\`${clip(r.message, 1500)}\`\`\`${url ? `\n<${url}|Open in logad>` : ''}`,
    };
  }
  if (c.format === 'alertmanager') {
    const kind = r.kind ?? 'rare';
    const times = a.count > 1 ? `, ${a.count} times since ${new Date(a.firstSeen).toISOString()}` : '';
    // Labels name the alert: what repeats (count, example) goes in annotations, or each repeat would be a new alert.
    const labels: Record<string, string> = { alertname: 'LogAnomaly', kind, severity: severityOf(r.level) };
    if (r.source) labels.source = clip(r.source, 256);
    if (r.template_id !== undefined && r.template_id !== null) labels.template_id = String(r.template_id);
    const alert: AlertmanagerAlert = {
      labels,
      annotations: {
        summary: `logad: ${kind.replace('_', ' ')} on ${r.source ?? 'an unknown source'} (score ${score}/100${times})`,
        description: `${r.reason ? `${clip(r.reason, 1000)}\n` : ''}Example: ${clip(r.message, 2000)}`,
        ...(r.reason ? { reason: clip(r.reason, 1000) } : {}),
        example: clip(r.message, 2000),
        template: clip(template, 1000),
        score: String(score),
        count: String(a.count),
        record_id: r.id,
      },
      startsAt: new Date(a.firstSeen).toISOString(),
      endsAt: new Date(c.now + c.resolveAfterMs).toISOString(),
      ...(url ? { generatorURL: url } : {}),
    };
    return [alert];
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
    ...(url ? { dashboard_url: url } : {}),
    example: r,
    record: r,
  };
}

export function sessionPayload(s: SessionRecord, c: PayloadContext): unknown {
  const score = Math.round(s.score);
  const url = c.publicUrl ? dashboardLink(c.publicUrl, undefined) : undefined;
  if (c.format === 'slack') {
    return {
      text: `:rotating_light: logad: anomalous session \`${clip(s.key, 200)}\` (${s.line_count} lines), score ${score}/100\n*Why:* ${clip(s.reason, 1000)}${url ? `\n<${url}|Open in logad>` : ''}`,
    };
  }
  if (c.format === 'alertmanager') {
    const alert: AlertmanagerAlert = {
      // One alert per session, told apart by its key (a block, a trace), as the other formats do.
      labels: { alertname: 'LogSessionAnomaly', kind: 'session', severity: 'warning', session_key: clip(s.key, 256) },
      annotations: {
        summary: `logad: anomalous session ${clip(s.key, 200)} (${s.line_count} lines, score ${score}/100)`,
        description: clip(s.reason, 2000),
        reason: clip(s.reason, 2000),
        score: String(score),
        count: String(s.line_count),
        session_id: s.id,
      },
      startsAt: s.started_at,
      endsAt: new Date(c.now + c.resolveAfterMs).toISOString(),
      ...(url ? { generatorURL: url } : {}),
    };
    return [alert];
  }
  return { type: 'session-anomaly', session: s, ...(url ? { dashboard_url: url } : {}) };
}

/** Alertmanager's usual severities from the line's level: an anomalous FATAL line pages, a DEBUG one informs. */
export function severityOf(level: ScoredRecord['level']): string {
  switch (level) {
    case 'FATAL':
      return 'critical';
    case 'ERROR':
      return 'error';
    case 'WARN':
      return 'warning';
    default:
      return 'info';
  }
}

/** The dashboard filtered on the alert's source (it has no page per record). */
export function dashboardLink(base: string, source: string | null | undefined): string {
  const u = new URL(`${base.replace(/\/+$/, '')}/dashboard/`);
  if (source) u.searchParams.set('source', source);
  return u.toString();
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
