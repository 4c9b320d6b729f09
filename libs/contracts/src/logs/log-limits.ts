/** Limits applied to ingested logs. Apps read overrides from the environment. */
export interface LogLimits {
  /**
   * Largest `message`, in UTF-8 bytes.
   * @defaultValue 65536 (64 KiB)
   */
  readonly maxMessageBytes: number;
  /**
   * Longest `source`, in characters.
   * @defaultValue 256
   */
  readonly maxSourceLength: number;
  /**
   * Longest client-supplied `id`, in characters.
   * @defaultValue 128
   */
  readonly maxIdLength: number;
  /**
   * Most logs in one request.
   * @defaultValue 10000
   */
  readonly maxBatchSize: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = {
  maxMessageBytes: 64 * 1024,
  maxSourceLength: 256,
  maxIdLength: 128,
  maxBatchSize: 10_000,
};
