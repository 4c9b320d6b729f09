import { InvalidArgumentError } from './errors/invalid-argument.error';
import { normalizeTemplate } from './normalize-template';
import { parsingAccuracy } from './parsing-accuracy';

describe('normalizeTemplate (Loghub-2.0 canonical form)', () => {
  it('collapses whitespace and trims', () => {
    expect(normalizeTemplate('  Receiving   block <*>\tsrc: <*> ')).toBe('Receiving block <*> src: <*>');
  });

  it('turns digit pieces and words glued to a variable into one variable', () => {
    expect(normalizeTemplate('Took 12 ms for blk_<*>')).toBe('Took <*> ms for <*>');
    expect(normalizeTemplate('core.2275')).toBe('core.<*>');
    // a slash keeps a path's parts apart; "<*>/<*>" then joins
    expect(normalizeTemplate('path /var/<*>')).toBe('path /var/<*>');
  });

  it('joins variables separated by . : # / @ or nothing', () => {
    expect(normalizeTemplate('time: <*>.<*>')).toBe('time: <*>');
    expect(normalizeTemplate('from <*>:<*> to <*>@<*>')).toBe('from <*> to <*>');
    expect(normalizeTemplate('<*>/<*>/<*> done')).toBe('<*> done');
    expect(normalizeTemplate('x <*><*> y')).toBe('x <*> y');
  });

  it('drops quotes around a lone variable between spaces, but keeps other quoted text', () => {
    expect(normalizeTemplate('setting hostname to "<*>" now')).toBe('setting hostname to <*> now');
    expect(normalizeTemplate('<*> "GET <*>" status: <*>')).toBe('<*> "GET <*>" status: <*>');
  });

  it('keeps constant text (a different word is a different template)', () => {
    expect(normalizeTemplate('VM Paused (Lifecycle Event)')).not.toBe(normalizeTemplate('VM Resumed (Lifecycle Event)'));
  });
});

describe('parsingAccuracy (Loghub-2.0 definition)', () => {
  const truth = ['open <*>', 'open <*>', 'close <*> after <*>.<*> s', 'ping'];

  it('counts lines whose template equals the truth after normalisation', () => {
    expect(parsingAccuracy(truth, ['open <*>', 'open <*>', 'close <*> after <*> s', 'ping'])).toBe(1);
    // a constant lost to <*> is wrong even when the grouping would be right
    expect(parsingAccuracy(truth, ['<*> <*>', '<*> <*>', 'close <*> after <*> s', 'ping'])).toBeCloseTo(2 / 4, 12);
    // a variable left as text is wrong
    expect(parsingAccuracy(truth, ['open <*>', 'open <*>', 'close <*> after <*> s', 'ping 3'])).toBeCloseTo(3 / 4, 12);
  });

  it('compares raw text when normalize is false', () => {
    expect(parsingAccuracy(truth, ['open <*>', 'open <*>', 'close <*> after <*> s', 'ping'], { normalize: false })).toBeCloseTo(3 / 4, 12);
  });

  it('rejects arrays of different lengths, empty arrays and non-strings with a typed error', () => {
    expect(() => parsingAccuracy(['a'], [])).toThrow(InvalidArgumentError);
    expect(() => parsingAccuracy([], [])).toThrow(InvalidArgumentError);
    expect(() => parsingAccuracy(['a'], [1 as unknown as string])).toThrow(InvalidArgumentError);
    expect(() => normalizeTemplate(3 as unknown as string)).toThrow(InvalidArgumentError);
  });
});
