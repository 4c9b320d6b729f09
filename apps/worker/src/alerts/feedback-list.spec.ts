import { ScoredRecord } from '@logad/contracts';
import { JsonLinesStore } from '@logad/storage';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { FeedbackList } from './feedback-list';

const rec = (id: string, templateId: number | undefined, isAnomaly = false): ScoredRecord => ({
  id,
  timestamp: '2024-01-01T00:00:00.000Z',
  source: 'db',
  level: 'INFO',
  message: `line ${id}`,
  anomaly_score: isAnomaly ? -0.2 : 0.1,
  is_anomaly: isAnomaly,
  prediction: isAnomaly ? -1 : 1,
  model_version: 'v',
  ...(templateId === undefined ? {} : { template: `tmpl ${templateId}`, template_id: templateId }),
  received_at: 0,
  stored_at: 0,
});

describe('FeedbackList (over a real JSON store)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-feedback-list-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes confirmed lines anomalies with a reason, flags muted ones, leaves the rest, and keeps the last list when the store breaks', async () => {
    const store = new JsonLinesStore({ dir, fsync: 'never' }).feedback;
    await store.giveFeedback('confirm', 1, 'tmpl 1', 'INC-3');
    await store.muteTemplate(2, 'tmpl 2');
    const list = new FeedbackList(store, pino({ level: 'silent' }), 60_000);
    await list.start();
    try {
      expect(list.apply(rec('a', 1))).toEqual({
        ...rec('a', 1),
        is_anomaly: true,
        prediction: -1,
        reason: 'An operator confirmed this template as an incident (INC-3).',
      });
      expect(list.apply(rec('b', 2, true))).toEqual({ ...rec('b', 2, true), muted: true });
      expect(list.apply(rec('c', 3))).toEqual(rec('c', 3));
      expect(list.apply(rec('d', undefined))).toEqual(rec('d', undefined));
      expect([list.verdict(1), list.verdict(2), list.verdict(3), list.has(2)]).toEqual(['confirm', 'mute', undefined, true]);

      await writeFile(join(dir, 'confirmed_templates.json'), '{broken');
      await list.refresh();
      expect(list.verdict(1)).toBe('confirm');
    } finally {
      list.stop();
    }
  });
});
