/** ml-api's `GET /model` answer. */
export interface ModelInfo {
  readonly version: string;
  readonly trained_at: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly vocabulary_size: number;
  readonly training_lines: number;
}
