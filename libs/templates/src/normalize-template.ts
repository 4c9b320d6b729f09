import { InvalidArgumentError } from './errors/invalid-argument.error';

/** Delimiters that split a template into the pieces the digit and word+variable rules look at. */
const PIECE_DELIMITERS = /(\s|,|!|;|:|=|\||"|'|\[|\]|\(|\)|\{|\}|\.|-|\+|@|#|\$|%|&)/;
const DIGITS = /^\d+$/;
/** A piece holding a variable and no whitespace or slash ("blk_<*>", "<*>ms"). */
const WORD_WITH_VARIABLE = /^[^\s/]*<\*>[^\s/]*$/;
/** Two variables joined by one of these characters are one variable. */
const JOINED = ['<*>:<*>', '<*>#<*>', '<*>/<*>', '<*>@<*>', '<*>.<*>'];

function replaceAll(s: string, from: string, to: string): string {
  let out = s;
  while (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/**
 * A template in the canonical form that Loghub-2.0's parsing-accuracy benchmark compares (the rules of its
 * `correct_single_template`, re-implemented): whitespace runs become one space; a piece that is all digits, or
 * a word glued to a `<*>`, becomes `<*>`; variables joined by `.`, `:`, `#`, `/`, `@` or nothing become one;
 * a quoted `<*>` between spaces loses its quotes. Applied to the ground truth and the parsed template alike, it
 * makes the comparison ignore how finely a variable was cut ("<*>.<*>" vs "<*>").
 */
export function normalizeTemplate(template: string): string {
  if (typeof template !== 'string') throw new InvalidArgumentError('normalizeTemplate requires a string template');
  let t = template.trim().replace(/\s+/g, ' ');
  t = t
    .split(PIECE_DELIMITERS)
    .map((piece) => (DIGITS.test(piece) || (WORD_WITH_VARIABLE.test(piece) && piece !== '<*>/<*>') ? '<*>' : piece))
    .join('');
  t = replaceAll(t, '<*>.<*>', '<*>');
  t = replaceAll(t, '<*><*>', '<*>');
  t = replaceAll(t, ' #<*># ', ' <*> ');
  t = replaceAll(t, ' #<*> ', ' <*> ');
  for (const j of JOINED) t = replaceAll(t, j, '<*>');
  t = replaceAll(t, ' "<*>" ', ' <*> ');
  t = replaceAll(t, " '<*>' ", ' <*> ');
  return replaceAll(t, '<*><*>', '<*>');
}
