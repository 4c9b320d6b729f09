import { ScoredRecord } from '@logad/contracts';

/** One alert for a template: the first anomaly of a window, or the count of those held back during it. */
export interface GroupedAlert {
  readonly groupKey: string;
  /** Anomalies this alert stands for. */
  readonly count: number;
  /** The latest anomaly of the group, as an example line. */
  readonly example: ScoredRecord;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

interface Group {
  held: number;
  example: ScoredRecord;
  firstSeen: number;
  lastSeen: number;
  timer: NodeJS.Timeout;
}

/**
 * At most one alert per template per window: the first anomaly of a template alerts at once and
 * opens a window; later ones are counted; when the window ends, one alert carries their count and
 * opens the next window. A template that stays quiet for a whole window starts afresh.
 */
export class AlertGrouper {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly windowMs: number,
    private readonly emit: (alert: GroupedAlert) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(record: ScoredRecord): void {
    const key = groupKeyOf(record);
    const t = this.now();
    const g = this.groups.get(key);
    if (g) {
      g.held++;
      g.example = record;
      g.lastSeen = t;
      if (g.held === 1) g.firstSeen = t;
      return;
    }
    if (this.windowMs <= 0) {
      this.emit({ groupKey: key, count: 1, example: record, firstSeen: t, lastSeen: t });
      return;
    }
    this.emit({ groupKey: key, count: 1, example: record, firstSeen: t, lastSeen: t });
    this.open(key, record, t);
  }

  /** Sends what is held back now (shutdown) and stops the timers. */
  flush(): void {
    for (const [key, g] of this.groups) {
      clearTimeout(g.timer);
      if (g.held > 0) this.emit({ groupKey: key, count: g.held, example: g.example, firstSeen: g.firstSeen, lastSeen: g.lastSeen });
    }
    this.groups.clear();
  }

  private open(key: string, example: ScoredRecord, t: number): void {
    const timer = setTimeout(() => this.close(key), this.windowMs);
    timer.unref();
    this.groups.set(key, { held: 0, example, firstSeen: t, lastSeen: t, timer });
  }

  private close(key: string): void {
    const g = this.groups.get(key);
    if (!g) return;
    this.groups.delete(key);
    if (g.held === 0) return;
    this.emit({ groupKey: key, count: g.held, example: g.example, firstSeen: g.firstSeen, lastSeen: g.lastSeen });
    this.open(key, g.example, this.now());
  }
}

/** Anomalies group by template; a line with no template groups by its own text. */
export function groupKeyOf(r: ScoredRecord): string {
  if (r.template_id !== undefined && r.template_id !== null) return `t:${r.template_id}`;
  if (r.template) return `x:${r.template}`;
  return `m:${r.message.slice(0, 200)}`;
}
