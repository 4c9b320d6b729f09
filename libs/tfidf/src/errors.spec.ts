import * as lib from './index';

const errorClasses = Object.entries(lib).filter(
  ([name, v]) => typeof v === 'function' && name.endsWith('Error') && name !== 'TfidfError',
) as Array<[string, new (m: string) => lib.TfidfError]>;

describe('error classes', () => {
  it('exports one class per code in ERROR_CODES', () => {
    expect(errorClasses.length).toBe(Object.keys(lib.ERROR_CODES).length);
    const codes = errorClasses.map(([, C]) => new C('x').code).sort();
    expect(codes).toEqual(Object.keys(lib.ERROR_CODES).sort());
  });

  it.each(errorClasses)('%s has a documented code, its own name and the message given', (name, C) => {
    const e = new C('fit requires something');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(lib.TfidfError);
    expect(e.name).toBe(name);
    expect(e.message).toBe('fit requires something');
    expect(Object.keys(lib.ERROR_CODES)).toContain(e.code);
    expect(e.code.startsWith('tfidf:')).toBe(true);
  });
});
