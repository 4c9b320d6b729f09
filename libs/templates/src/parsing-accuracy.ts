import { InvalidArgumentError } from './errors/invalid-argument.error';
import { normalizeTemplate } from './normalize-template';

/** Options of {@link parsingAccuracy}. */
export interface ParsingAccuracyOptions {
  /**
   * Compare templates after {@link normalizeTemplate} on both sides, as Loghub-2.0's benchmark does (its parsers'
   * outputs and its corrected ground truth both pass through that normalisation). false compares the raw text.
   * @defaultValue true
   */
  normalize?: boolean;
}

/**
 * Parsing accuracy (PA) as defined by LogPAI's Loghub-2.0 benchmark (`calculate_parsing_accuracy`): the fraction
 * of lines whose parsed template text equals their ground-truth EventTemplate exactly. Unlike grouping accuracy it
 * judges the template itself: a line grouped right under a template with a constant left as `<*>`, or a variable
 * left as text, does not count.
 */
export function parsingAccuracy(truth: ReadonlyArray<string>, predicted: ReadonlyArray<string>, options: ParsingAccuracyOptions = {}): number {
  if (!Array.isArray(truth) || !Array.isArray(predicted)) throw new InvalidArgumentError('parsingAccuracy requires two arrays');
  if (truth.length !== predicted.length) {
    throw new InvalidArgumentError(`parsingAccuracy requires arrays of the same length, got ${truth.length} and ${predicted.length}`);
  }
  if (truth.length === 0) throw new InvalidArgumentError('parsingAccuracy requires at least one line');
  if (![...truth, ...predicted].every((t) => typeof t === 'string')) throw new InvalidArgumentError('parsingAccuracy requires string templates');
  const normalize = options.normalize ?? true;
  // each distinct template is normalised once: a 2k sample has ~100 templates, a big log many lines per template
  const seen = new Map<string, string>();
  const canonical = (t: string): string => {
    if (!normalize) return t;
    let c = seen.get(t);
    if (c === undefined) seen.set(t, (c = normalizeTemplate(t)));
    return c;
  };
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (canonical(truth[i]) === canonical(predicted[i])) correct++;
  return correct / truth.length;
}
