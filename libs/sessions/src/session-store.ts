/** One line of a session as the store keeps it. */
export interface SessionLine {
  readonly id: string;
  readonly message: string;
  readonly level: string | null;
  /** When the worker saw it (epoch ms). */
  readonly at: number;
  /** When it was logged (the record's own timestamp, ISO 8601; absent in lines stored before it was kept). */
  readonly timestamp?: string;
}

/** A closed session, handed to exactly one claimer. */
export interface ClosedSession {
  readonly key: string;
  readonly lines: SessionLine[];
  /** Why it closed. */
  readonly closedBy: 'idle' | 'end-line' | 'size';
}

/**
 * Port for open sessions shared by all workers. `append` adds lines; `claim` hands out sessions
 * that went idle (or were ended) to exactly one caller and forgets them, so each session is
 * scored once however many workers sweep.
 */
export abstract class SessionStore {
  abstract append(lines: ReadonlyArray<{ key: string; line: SessionLine }>): Promise<void>;
  /** Marks sessions to be closed at the next claim, whatever their idle time (an end line arrived). */
  abstract end(keys: readonly string[]): Promise<void>;
  /** Sessions idle since before `idleBefore` (epoch ms) or ended, at most `limit`. */
  abstract claim(idleBefore: number, limit: number): Promise<ClosedSession[]>;
  /** Sessions open now. */
  abstract openCount(): Promise<number>;
  abstract close(): Promise<void>;
}
