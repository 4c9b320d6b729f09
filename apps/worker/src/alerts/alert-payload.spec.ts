import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { GroupedAlert } from './alert-grouper';
import { AlertmanagerAlert, PayloadContext, anomalyPayload, sessionPayload, severityOf, webhookEndpoint } from './alert-payload';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const rec = (o: Partial<ScoredRecord> = {}): ScoredRecord => ({
  id: 'r1',
  timestamp: '2026-12-07T09:59:59.000Z',
  source: 'db',
  level: 'ERROR',
  message: 'checksum mismatch in table users',
  anomaly_score: -0.2,
  is_anomaly: true,
  prediction: -1,
  score: 80.4,
  model_version: 'v',
  template: 'checksum mismatch in table <*>',
  template_id: 7,
  kind: 'new_pattern',
  reason: 'a pattern db never wrote',
  received_at: 0,
  stored_at: 0,
  ...o,
});
const group = (r: ScoredRecord, count = 1): GroupedAlert => ({ groupKey: 't:7', count, example: r, firstSeen: NOW - 30_000, lastSeen: NOW - 1000 });
const ctx = (o: Partial<PayloadContext> = {}): PayloadContext => ({ format: 'alertmanager', resolveAfterMs: 300_000, now: NOW, ...o });
const session: SessionRecord = {
  id: 'blk_1@r1',
  key: 'blk_1',
  line_ids: ['r1', 'r2'],
  line_count: 2,
  started_at: '2026-12-07T09:58:00.000Z',
  ended_at: '2026-12-07T09:59:00.000Z',
  closed_by: 'idle',
  is_anomaly: true,
  anomaly_score: -0.1,
  score: 71.6,
  reason: 'an unseen template: <*> deleted',
  unseen_templates: ['<*> deleted'],
  model_version: 'v',
  stored_at: 0,
};

describe('alert payloads', () => {
  it("post Alertmanager's alerts to its API v2 from its base URL or a route prefix; other formats to the URL as given", () => {
    expect(webhookEndpoint('http://am:9093', 'alertmanager')).toBe('http://am:9093/api/v2/alerts');
    expect(webhookEndpoint('http://am:9093/', 'alertmanager')).toBe('http://am:9093/api/v2/alerts');
    expect(webhookEndpoint('https://ops.example/alertmanager/', 'alertmanager')).toBe('https://ops.example/alertmanager/api/v2/alerts');
    expect(webhookEndpoint('http://am:9093/api/v2/alerts', 'alertmanager')).toBe('http://am:9093/api/v2/alerts');
    expect(webhookEndpoint('http://hooks.example/x/', 'json')).toBe('http://hooks.example/x/');
  });

  it('shape an anomaly as one Alertmanager alert: identity in labels, what happened in annotations', () => {
    const [a] = anomalyPayload(group(rec(), 3), ctx({ publicUrl: 'https://logad.example/' })) as AlertmanagerAlert[];
    expect(a).toEqual({
      labels: { alertname: 'LogAnomaly', source: 'db', kind: 'new_pattern', template_id: '7', severity: 'error' },
      annotations: {
        summary: 'logad: new pattern on db (score 80/100, 3 times since 2026-12-07T09:59:30.000Z)',
        description: 'a pattern db never wrote\nExample: checksum mismatch in table users',
        reason: 'a pattern db never wrote',
        example: 'checksum mismatch in table users',
        template: 'checksum mismatch in table <*>',
        score: '80',
        count: '3',
        record_id: 'r1',
      },
      startsAt: '2026-12-07T09:59:30.000Z',
      endsAt: '2026-12-07T10:05:00.000Z',
      generatorURL: 'https://logad.example/dashboard/?source=db',
    });
  });

  it('leave out the labels a record has no value for, and the link without PUBLIC_URL', () => {
    const [a] = anomalyPayload(
      group(rec({ source: null, template_id: undefined, kind: undefined, reason: undefined, level: null })),
      ctx(),
    ) as AlertmanagerAlert[];
    expect(a.labels).toEqual({ alertname: 'LogAnomaly', kind: 'rare', severity: 'info' });
    expect(a.annotations.reason).toBeUndefined();
    expect(a.annotations.summary).toBe('logad: rare on an unknown source (score 80/100)');
    expect(a.generatorURL).toBeUndefined();
  });

  it('map levels to the severities Alertmanager routes usually know', () => {
    expect(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', null].map((l) => severityOf(l as ScoredRecord['level']))).toEqual([
      'critical',
      'error',
      'warning',
      'info',
      'info',
      'info',
      'info',
    ]);
  });

  it('clip a huge line in annotations', () => {
    const [a] = anomalyPayload(group(rec({ message: 'x'.repeat(10_000) })), ctx()) as AlertmanagerAlert[];
    expect(a.annotations.example).toHaveLength(2001);
  });

  it('shape a session as a LogSessionAnomaly told apart by its key', () => {
    const [a] = sessionPayload(session, ctx()) as AlertmanagerAlert[];
    expect(a).toEqual({
      labels: { alertname: 'LogSessionAnomaly', kind: 'session', severity: 'warning', session_key: 'blk_1' },
      annotations: {
        summary: 'logad: anomalous session blk_1 (2 lines, score 72/100)',
        description: 'an unseen template: <*> deleted',
        reason: 'an unseen template: <*> deleted',
        score: '72',
        count: '2',
        session_id: 'blk_1@r1',
      },
      startsAt: '2026-12-07T09:58:00.000Z',
      endsAt: '2026-12-07T10:05:00.000Z',
    });
  });

  it("format Slack's text with the template, score, an example line and the dashboard link", () => {
    const body = anomalyPayload(group(rec(), 3), ctx({ format: 'slack', publicUrl: 'https://logad.example' })) as { text: string };
    expect(body.text).toContain('3 times');
    expect(body.text).toContain('checksum mismatch in table <*>');
    expect(body.text).toContain('checksum mismatch in table users');
    expect(body.text).toContain('80/100');
    expect(body.text).toContain('<https://logad.example/dashboard/?source=db|Open in logad>');
    expect((sessionPayload(session, ctx({ format: 'slack' })) as { text: string }).text).toContain('`blk_1` (2 lines), score 72/100');
  });

  it("give logad's JSON the record, its count and, with PUBLIC_URL, the dashboard link", () => {
    const json = anomalyPayload(group(rec(), 3), ctx({ format: 'json', publicUrl: 'https://logad.example' })) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'anomaly',
      template: 'checksum mismatch in table <*>',
      template_id: 7,
      count: 3,
      score: 80.4,
      dashboard_url: 'https://logad.example/dashboard/?source=db',
    });
    expect(anomalyPayload(group(rec()), ctx({ format: 'json' }))).not.toHaveProperty('dashboard_url');
    expect(sessionPayload(session, ctx({ format: 'json' }))).toEqual({ type: 'session-anomaly', session });
  });
});
