/** One log as a client sends it to `POST /api/v1/logs`. */
export interface LogInput {
  /** The log line. Required, non-empty. */
  message: string;
  /** The service or host that produced it. */
  source?: string;
  /** One of TRACE DEBUG INFO WARN ERROR FATAL, any case. */
  level?: string;
  /** ISO-8601 string or epoch milliseconds; defaults to the time it was received. */
  timestamp?: string | number;
  /** Client's idempotency key: a log sent twice with the same id is stored once. */
  id?: string;
  /** Structured context, e.g. `{ "trace_id": "…" }`; a JSON object. */
  attributes?: Record<string, unknown>;
}
