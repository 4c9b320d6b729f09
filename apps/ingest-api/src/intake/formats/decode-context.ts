import { LogLimits } from '@logad/contracts';

/** What every decoder is given besides the body: limits, the request's id and clock, an id source. */
export interface DecodeContext {
  readonly limits: LogLimits;
  /** When the request arrived (epoch ms): the timestamp of logs that carry none. */
  readonly receivedAt: number;
  /** The request's id, carried to storage. */
  readonly requestId?: string;
  /** Gives ids to logs that bring none. */
  readonly newId: () => string;
}

/** Request headers as Node gives them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;
