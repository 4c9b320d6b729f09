import { ERROR_CODES } from './errors/error-codes';
import { InvalidArgumentError } from './errors/invalid-argument.error';
import { InvalidHeaderFormatError } from './errors/invalid-header-format.error';
import { InvalidOptionError } from './errors/invalid-option.error';
import { InvalidStateError } from './errors/invalid-state.error';
import { TemplatesError } from './errors/templates.error';
import * as barrel from './index';

const classes = [InvalidOptionError, InvalidHeaderFormatError, InvalidStateError, InvalidArgumentError];

describe('error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s has a code listed in ERROR_CODES and its own name', (name, Cls) => {
    const e = new Cls('boom');
    expect(Object.keys(ERROR_CODES)).toContain(e.code);
    expect(e.code.startsWith('templates:')).toBe(true);
    expect(e.name).toBe(name);
    expect(e.message).toBe('boom');
    expect(e).toBeInstanceOf(TemplatesError);
    expect(e).toBeInstanceOf(Error);
  });

  it('every listed code has a class, and every class is exported from the barrel', () => {
    expect(new Set(classes.map((C) => new C('').code))).toEqual(new Set(Object.keys(ERROR_CODES)));
    for (const C of [...classes, TemplatesError]) expect((barrel as Record<string, unknown>)[C.name]).toBe(C);
  });

  it('the barrel exports the public API', () => {
    for (const name of ['TemplateMiner', 'compileHeaderFormat', 'stripHeader', 'groupingAccuracy', 'ERROR_CODES']) {
      expect((barrel as Record<string, unknown>)[name]).toBeDefined();
    }
  });
});
