import * as barrel from './index';
import { ERROR_CODES, InvalidInputError, InvalidMaskRuleError, InvalidOptionError, TextError } from './errors';

const classes = [InvalidMaskRuleError, InvalidOptionError, InvalidInputError];

describe('error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s has a code listed in ERROR_CODES and its own name', (name, Cls) => {
    const e = new Cls('boom');
    expect(Object.keys(ERROR_CODES)).toContain(e.code);
    expect(e.code.startsWith('text:')).toBe(true);
    expect(e.name).toBe(name);
    expect(e.message).toBe('boom');
    expect(e).toBeInstanceOf(TextError);
  });

  it('every listed code has a class, and every class is exported from the barrel', () => {
    expect(new Set(classes.map((C) => new C('').code))).toEqual(new Set(Object.keys(ERROR_CODES)));
    for (const C of [...classes, TextError]) expect((barrel as Record<string, unknown>)[C.name]).toBe(C);
  });
});
