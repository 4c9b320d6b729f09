import { ScoredRecord } from '@logad/contracts';
import { AlertGrouper, GroupedAlert } from './alert-grouper';

const rec = (id: string, templateId: number, template = `tmpl ${templateId}`): ScoredRecord => ({
  id,
  timestamp: '2024-01-01T00:00:00.000Z',
  source: 'db',
  level: 'ERROR',
  message: `line ${id}`,
  anomaly_score: -0.2,
  is_anomaly: true,
  prediction: -1,
  score: 80,
  model_version: 'v',
  template,
  template_id: templateId,
  received_at: 0,
  stored_at: 0,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('AlertGrouper', () => {
  it('alerts at once on a template, then once per window with the count held back', async () => {
    const out: GroupedAlert[] = [];
    const g = new AlertGrouper(150, (a) => out.push(a));
    g.add(rec('a', 1));
    g.add(rec('b', 1));
    g.add(rec('c', 1));
    g.add(rec('x', 2));
    expect(out.map((a) => [a.groupKey, a.count, a.example.id])).toEqual([
      ['t:1', 1, 'a'],
      ['t:2', 1, 'x'],
    ]);
    await sleep(250);
    expect(out.map((a) => [a.groupKey, a.count, a.example.id])).toEqual([
      ['t:1', 1, 'a'],
      ['t:2', 1, 'x'],
      ['t:1', 2, 'c'],
    ]);
    g.add(rec('d', 1)); // inside the window that the count alert opened
    await sleep(250);
    expect(out.slice(3).map((a) => [a.groupKey, a.count])).toEqual([['t:1', 1]]);
    await sleep(200); // a quiet window closes the group: the next anomaly alerts at once
    g.add(rec('e', 1));
    expect(out.slice(4).map((a) => [a.groupKey, a.count, a.example.id])).toEqual([['t:1', 1, 'e']]);
    g.flush();
  });

  it('flushes what it holds on shutdown, and alerts on every anomaly with a window of 0', () => {
    const out: GroupedAlert[] = [];
    const g = new AlertGrouper(60_000, (a) => out.push(a));
    g.add(rec('a', 1));
    g.add(rec('b', 1));
    g.flush();
    expect(out.map((a) => a.count)).toEqual([1, 1]);
    const every: GroupedAlert[] = [];
    const none = new AlertGrouper(0, (a) => every.push(a));
    none.add(rec('a', 1));
    none.add(rec('b', 1));
    expect(every).toHaveLength(2);
  });
});
