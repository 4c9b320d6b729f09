import { ClosedSession, SessionLine, SessionStore } from './session-store';

interface Open {
  lines: SessionLine[];
  lastAt: number;
  ended: boolean;
}

/** Sessions in this process's memory: for the single-process mode with no Redis. */
export class InMemorySessionStore extends SessionStore {
  private readonly open = new Map<string, Open>();

  constructor(private readonly maxLinesPerSession = 10_000) {
    super();
  }

  async append(lines: ReadonlyArray<{ key: string; line: SessionLine }>): Promise<void> {
    for (const { key, line } of lines) {
      const s = this.open.get(key) ?? { lines: [], lastAt: 0, ended: false };
      if (s.lines.length < this.maxLinesPerSession) s.lines.push(line);
      s.lastAt = Math.max(s.lastAt, line.at);
      this.open.set(key, s);
    }
  }

  async end(keys: readonly string[]): Promise<void> {
    for (const k of keys) {
      const s = this.open.get(k);
      if (s) s.ended = true;
    }
  }

  async claim(idleBefore: number, limit: number): Promise<ClosedSession[]> {
    const out: ClosedSession[] = [];
    for (const [key, s] of this.open) {
      if (out.length >= limit) break;
      if (s.ended || s.lastAt < idleBefore) {
        this.open.delete(key);
        out.push({ key, lines: s.lines, closedBy: s.ended ? 'end-line' : 'idle' });
      }
    }
    return out;
  }

  async openCount(): Promise<number> {
    return this.open.size;
  }

  async close(): Promise<void> {
    this.open.clear();
  }
}
