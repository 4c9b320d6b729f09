import { DEFAULT_MASK_RULES, type MaskRule } from '@logad/text';
import { InvalidOptionError } from './errors/invalid-option.error';

/** Options of {@link TemplateMiner}. The defaults are the one configuration evaluated in the README. */
export interface TemplateMinerOptions {
  /**
   * Prefix-tree depth as in Drain: the tree indexes the token count and the first `depth - 2` tokens.
   * @defaultValue 4
   */
  depth?: number;
  /**
   * Drain's st: the fraction of positions of a same-length template that must agree with the message
   * (equal token, or a template variable). A differing constant word never matches, whatever the value.
   * @defaultValue 0.5
   */
  similarityThreshold?: number;
  /**
   * Children per prefix-tree node before further tokens share the `<*>` child.
   * @defaultValue 100
   */
  maxChildren?: number;
  /**
   * Most templates kept; when reached, the least recently used template is evicted.
   * @defaultValue 10000
   */
  maxTemplates?: number;
  /**
   * Masking rules (of the text stage, `@logad/text`) applied in order to the content before tokenisation.
   * @defaultValue DEFAULT_MASK_RULES
   */
  maskRules?: readonly MaskRule[];
  /**
   * A LogHub-style header format (e.g. `<Date> <Time> <Level> <Component>: <Content>`); when set, `add` and
   * `match` strip the header and mine the `<Content>` field. Lines that do not match are mined whole.
   * @defaultValue undefined (plain messages)
   */
  headerFormat?: string;
  /**
   * Extra token delimiters (besides whitespace), e.g. `['=', ',']`.
   * @defaultValue []
   */
  extraDelimiters?: readonly string[];
  /**
   * Distinct words seen in the same slot of otherwise identical templates before that slot becomes a variable
   * (see README, "word variables"). 0 disables the rule. Four, not three: closed sets of state words (HTTP
   * methods, lifecycle states) reach three values but are separate events.
   * @defaultValue 4
   */
  variableEvidence?: number;
  /**
   * Constant tokens a template must keep besides the varying one to take part in family merges (word
   * variables and subsumption), so that short messages never merge on a word.
   * @defaultValue 3
   */
  minContextTokens?: number;
}

/** Options with every default filled in and validated. */
export interface ResolvedOptions {
  readonly depth: number;
  readonly similarityThreshold: number;
  readonly maxChildren: number;
  readonly maxTemplates: number;
  readonly maskRules: readonly MaskRule[];
  readonly headerFormat: string | null;
  readonly extraDelimiters: readonly string[];
  readonly variableEvidence: number;
  readonly minContextTokens: number;
}

function integer(value: unknown, name: string, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidOptionError(`TemplateMiner requires ${name} to be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

export function resolveOptions(options: TemplateMinerOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('TemplateMiner requires options to be an object');
  const st = options.similarityThreshold ?? 0.5;
  if (typeof st !== 'number' || !(st >= 0 && st <= 1)) {
    throw new InvalidOptionError(`TemplateMiner requires similarityThreshold in [0, 1], got ${String(st)}`);
  }
  const evidence = integer(options.variableEvidence, 'variableEvidence', 0, 4);
  if (evidence === 1) throw new InvalidOptionError('TemplateMiner requires variableEvidence to be 0 (off) or >= 2, got 1');
  const headerFormat = options.headerFormat ?? null;
  if (headerFormat !== null && typeof headerFormat !== 'string') throw new InvalidOptionError('TemplateMiner requires headerFormat to be a string');
  return {
    depth: integer(options.depth, 'depth', 2, 4),
    similarityThreshold: st,
    maxChildren: integer(options.maxChildren, 'maxChildren', 1, 100),
    maxTemplates: integer(options.maxTemplates, 'maxTemplates', 1, 10000),
    maskRules: options.maskRules ?? DEFAULT_MASK_RULES,
    headerFormat,
    extraDelimiters: options.extraDelimiters ?? [],
    variableEvidence: evidence,
    minContextTokens: integer(options.minContextTokens, 'minContextTokens', 0, 3),
  };
}
