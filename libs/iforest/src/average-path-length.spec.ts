import { averagePathLength } from './average-path-length';

describe('averagePathLength', () => {
  it('has the special cases c(0) = c(1) = 0 and c(2) = 1', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
  });

  it('is 2H(n-1) - 2(n-1)/n with the harmonic number approximated by ln + γ', () => {
    // c(256) from the formula by hand: 2(ln 255 + 0.5772156649) - 2 * 255/256
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - 510 / 256, 14);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 4);
  });

  it('grows with n', () => {
    for (let n = 2; n < 2000; n++) expect(averagePathLength(n + 1)).toBeGreaterThan(averagePathLength(n));
  });
});
