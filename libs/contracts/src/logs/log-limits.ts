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
  /**
   * Largest `attributes`, as JSON bytes.
   * @defaultValue 16384
   */
  readonly maxAttributesBytes: number;
  /**
   * Deepest nesting of `attributes` (an object directly holding values is depth 1).
   * @defaultValue 5
   */
  readonly maxAttributesDepth: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = {
  maxMessageBytes: 64 * 1024,
  maxSourceLength: 256,
  maxIdLength: 128,
  maxBatchSize: 10_000,
  maxAttributesBytes: 16 * 1024,
  maxAttributesDepth: 5,
};
