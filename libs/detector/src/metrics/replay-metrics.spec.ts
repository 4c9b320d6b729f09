import { replayMetrics } from './replay-metrics';

const S = 1000;
const H = 3_600_000;

describe('replayMetrics', () => {
  const lines = Array.from({ length: 1000 }, (_, i) => ({ timestamp: i * 3.6 * S, source: i % 2 ? 'a' : 'b' })); // one hour
  const incidents = [
    { id: 'i1', source: 'a', start: 600 * S, end: 690 * S },
    { id: 'i2', source: 'b', start: 1800 * S, end: 1890 * S },
  ];

  it('detects an incident by an anomaly of its source in [start, end + 60 s], with the time to detect', () => {
    const f = replayMetrics(lines, [{ timestamp: 605 * S, source: 'a', templateId: 1, kind: 'new_pattern' }, { timestamp: 1950 * S, source: 'b', templateId: 2, kind: 'surge' }], incidents);
    expect(f.incidents).toEqual({ total: 2, detected: 2, recall: 1 });
    expect(f.per_incident.map((p) => p.time_to_detect_s)).toEqual([5, 150]);
    expect(f.time_to_detect_s).toEqual({ median: 5, p90: 150 });
    expect(f.false_alarms).toBe(0);
  });

  it("ignores another source's anomaly inside the window, and counts alert groups outside as false alarms", () => {
    const anomalies = [
      { timestamp: 610 * S, source: 'b', templateId: 3, kind: 'new_pattern' }, // wrong source: no detection, not a false alarm either
      { timestamp: 100 * S, source: 'a', templateId: 4, kind: 'new_pattern' },
      { timestamp: 200 * S, source: 'a', templateId: 4, kind: 'new_pattern' }, // same group (within 5 min)
      { timestamp: 500 * S, source: 'a', templateId: 4, kind: 'new_pattern' }, // a new group
      { timestamp: 120 * S, source: 'b', templateId: 4, kind: 'new_pattern' }, // other source: its own group
    ];
    const f = replayMetrics(lines, anomalies, incidents);
    expect(f.incidents.detected).toBe(0);
    expect(f.false_alarms).toBe(3);
    expect(f.false_alarm_groups[0]).toMatchObject({ source: 'a', templateId: 4, anomalies: 2 });
    expect(f.hours).toBeCloseTo((999 * 3.6 * S) / H, 3);
    expect(f.false_alarms_per_hour).toBeCloseTo(3 / f.hours, 2);
    expect(f.false_alarms_per_hour_per_source).toBeCloseTo(f.false_alarms_per_hour / 2, 2);
    expect(f.flagged_outside).toBe(4);
    expect(f.flagged_share_outside).toBeCloseTo(4 / f.lines_outside, 6);
  });

  it('works on a stream with no incident (the flagged share is then of every line)', () => {
    const f = replayMetrics(lines, [{ timestamp: 0, source: 'a', templateId: 1, kind: 'rare' }], []);
    expect(f.incidents).toEqual({ total: 0, detected: 0, recall: 1 });
    expect(f.time_to_detect_s).toEqual({ median: null, p90: null });
    expect(f.lines_outside).toBe(1000);
    expect(f.flagged_share_outside).toBe(0.001);
  });
});
