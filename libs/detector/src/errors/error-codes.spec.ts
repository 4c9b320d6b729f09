import * as lib from '../index';

describe('ERROR_CODES', () => {
  const classes = [lib.InvalidModelError, lib.InvalidOptionError, lib.InvalidInputError];

  it.each(classes.map((c) => [c.name, c]))('%s has a code listed in ERROR_CODES', (_name, Cls) => {
    const err = new Cls('x');
    expect(err).toBeInstanceOf(lib.DetectorError);
    expect(err.name).toBe(Cls.name);
    expect(Object.keys(lib.ERROR_CODES)).toContain(err.code);
  });

  it('lists no code that no class throws', () => {
    const codes = classes.map((C) => new C('x').code).sort();
    expect(Object.keys(lib.ERROR_CODES).sort()).toEqual(codes);
  });
});
