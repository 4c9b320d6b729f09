/** Options of {@link JsonLinesStore}. */
export interface JsonLinesStoreOptions {
  /** Directory of the files; created when missing. */
  readonly dir: string;
  /**
   * File for normal records.
   * @defaultValue 'normal_logs.jsonl'
   */
  readonly normalFile?: string;
  /**
   * File for anomalous records.
   * @defaultValue 'anomalous_logs.jsonl'
   */
  readonly anomalousFile?: string;
  /**
   * File for anomalous sessions.
   * @defaultValue 'anomalous_sessions.jsonl'
   */
  readonly sessionsFile?: string;
  /**
   * File of the muted templates, rewritten whole (temporary file + rename) on every change.
   * @defaultValue 'muted_templates.json'
   */
  readonly mutesFile?: string;
  /**
   * File of the confirmed templates (real incidents), beside the mutes and rewritten the same way.
   * @defaultValue 'confirmed_templates.json'
   */
  readonly confirmsFile?: string;
  /**
   * `'always'`: fdatasync after every write, so a resolved write survives a power cut.
   * `'never'`: leave flushing to the OS (survives a process crash, not a power cut).
   * @defaultValue 'always'
   */
  readonly fsync?: 'always' | 'never';
  /**
   * How many recent ids are remembered to drop duplicates (redeliveries, client retries).
   * @defaultValue 1000000
   */
  readonly dedupeWindow?: number;
  /**
   * On open, how much of the tail of each file is read to remember the ids it holds.
   * @defaultValue 67108864 (64 MiB)
   */
  readonly indexTailBytes?: number;
  /**
   * Size in bytes past which a file is moved aside (`normal_logs.<time>.<pid>.jsonl`) and a new
   * one started; 0 never rotates.
   * @defaultValue 1073741824 (1 GiB)
   */
  readonly rotateBytes?: number;
  /**
   * This writer's own segment: its records go to `normal_logs.<segment>.jsonl` (and
   * `anomalous_logs.<segment>.jsonl`, `anomalous_sessions.<segment>.jsonl`), which no other
   * process appends to, so a write takes no shared lock and reads nobody else's appends. `'auto'`
   * takes the first free `w1`, `w2`, … (a name is held by a live process through
   * `.logad-segment.<name>.lock`). `''`: the shared files, every write under the directory's lock.
   * Readers always read every segment (docs/storage.md, docs/guarantees.md).
   * @defaultValue ''
   */
  readonly segment?: string;
}

/** The options with every default filled in. */
export type ResolvedJsonLinesOptions = Required<JsonLinesStoreOptions>;

export function resolveJsonLinesOptions(options: JsonLinesStoreOptions): ResolvedJsonLinesOptions {
  return {
    normalFile: 'normal_logs.jsonl',
    anomalousFile: 'anomalous_logs.jsonl',
    sessionsFile: 'anomalous_sessions.jsonl',
    fsync: 'always',
    dedupeWindow: 1_000_000,
    indexTailBytes: 64 << 20,
    rotateBytes: 1 << 30,
    mutesFile: 'muted_templates.json',
    confirmsFile: 'confirmed_templates.json',
    ...options,
    segment: options.segment ?? '',
  };
}
