import type { LogEvent } from '@logad/detector';

/** Lines with a 0/1 label each, in log order. */
export interface LabelledLines {
  readonly events: LogEvent[];
  readonly labels: number[];
}

/** One session (block, request, trace…) with its lines in order and a 0/1 label. */
export interface LabelledSession {
  readonly key: string;
  readonly events: LogEvent[];
  readonly label: number;
}
