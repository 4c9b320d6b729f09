import { EVALUATE_USAGE, parseEvaluateArgs } from './evaluate-args';
import { evaluate } from './main';
import { parseIncidents, parseReplayEvents, runReplayEvaluation } from './run-replay-evaluation';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const T0 = Date.UTC(2026, 11, 6, 23, 0, 0);

describe('evaluate --replay', () => {
  it('parses --replay and --help as flags', () => {
    expect(parseEvaluateArgs(['--replay', '--input', 'e.jsonl', '--incidents', 'i.json'])).toMatchObject({
      format: 'replay',
      input: 'e.jsonl',
      incidents: 'i.json',
    });
    expect(parseEvaluateArgs(['--help']).help).toBe(true);
    expect(EVALUATE_USAGE).toMatch(/--replay --input events.jsonl/);
  });

  it('replays a stream from an empty state: the learning period is quiet, the incident is found', () => {
    const lines: string[] = [];
    // 20 minutes of ordinary traffic on two sources, then a burst of a new error on one of them
    for (let s = 0; s < 1200; s++) {
      lines.push(JSON.stringify({ timestamp: new Date(T0 + s * 1000).toISOString(), source: 'web', message: `GET /items/${s % 50} 200 ${s % 9} ms` }));
      if (s % 3 === 0) lines.push(JSON.stringify({ timestamp: T0 + s * 1000 + 1, source: 'db', message: `checkpoint complete: wrote ${s % 40} buffers` }));
    }
    const start = T0 + 1200 * 1000;
    for (let i = 0; i < 100; i++)
      lines.push(
        JSON.stringify({ timestamp: start + i * 200, source: 'db', message: `FATAL: could not open relation ${1000 + i}: No such file`, level: 'FATAL' }),
      );
    const events = parseReplayEvents(lines.join('\n'));
    const incidents = parseIncidents(
      JSON.stringify([{ id: 'x', source: 'db', start: new Date(start).toISOString(), end: new Date(start + 20_000).toISOString() }]),
    );
    const r = runReplayEvaluation(events, incidents);
    expect(r.figures.incidents).toEqual({ total: 1, detected: 1, recall: 1 });
    expect(r.figures.time_to_detect_s.median).toBeLessThan(60);
    expect(r.figures.false_alarms).toBe(0);
    expect(r.figures.flagged_share_outside).toBe(0);
    expect(r.byKind.new_pattern).toBeGreaterThan(0);
    expect(r.stateBytes.perSource.db).toBeGreaterThan(0);
  });

  it('retrains the line model every --retrain-every of event time, on what was stored as normal, and keeps it quiet on that traffic', () => {
    expect(parseEvaluateArgs(['--replay', '--retrain-every', '10m']).retrainEveryMs).toBe(600_000);
    expect(parseEvaluateArgs(['--replay', '--retrain-every', '90s']).retrainEveryMs).toBe(90_000);
    expect(parseEvaluateArgs(['--replay']).retrainEveryMs).toBeNull();
    expect(() => parseEvaluateArgs(['--replay', '--retrain-every', 'soon'])).toThrow(/positive duration/);
    const lines: string[] = [];
    // 40 minutes: a busy source and, every 5 minutes, an infrequent but regular pattern (a save)
    for (let s = 0; s < 2400; s++) {
      lines.push(JSON.stringify({ timestamp: T0 + s * 1000, source: 'cache', message: `GET key:${s % 300} hit in ${s % 7} us` }));
      if (s % 300 === 0) lines.push(JSON.stringify({ timestamp: T0 + s * 1000 + 1, source: 'cache', message: `background save of ${s % 97} keys done` }));
    }
    const events = parseReplayEvents(lines.join('\n'));
    const r = runReplayEvaluation(events, [], {}, { everyMs: 15 * 60_000, lineOptions: { seed: 1, contamination: 0.05, trainedAt: new Date(T0) } });
    expect(r.retrains).toBe(2);
    // the saves are the rarest lines the model knows, beyond a 5 % threshold, yet usual for their pattern
    expect(r.byKind.rare ?? 0).toBe(0);
    expect(r.figures.flagged_outside).toBe(0);
  });

  it('reports the flagged share on data with no anomaly instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logad-eval-'));
    const file = join(dir, 'plain.jsonl');
    writeFileSync(file, Array.from({ length: 300 }, (_, i) => JSON.stringify({ message: `job ${i} finished in ${i % 7} s`, label: 0 })).join('\n'));
    const { figures, text } = evaluate(parseEvaluateArgs(['--format', 'jsonl', '--input', file]));
    expect(text).toMatch(/one class only/);
    expect((figures as { report: { flaggedShare: number } }).report.flaggedShare).toBeGreaterThanOrEqual(0);
  });
});
