import { percentile } from '@logad/iforest';
import { fenceOffset } from './threshold/fence-offset';
import { levelSeverity, percentScore } from './index';
import { noveltyDecision } from './novelty-decision';

describe('percentScore', () => {
  it('maps scoreSamples to 0–100 with the threshold on 50', () => {
    const offset = -0.6;
    expect(percentScore(0, offset)).toBe(0);
    expect(percentScore(offset, offset)).toBe(50);
    expect(percentScore(-1, offset)).toBe(100);
    expect(percentScore(offset / 2, offset)).toBe(25);
    expect(percentScore((offset - 1) / 2, offset)).toBe(75);
  });

  it('is monotone: lower scoreSamples, higher score', () => {
    let prev = -1;
    for (let s = 0; s >= -1; s -= 0.01) {
      const p = percentScore(s, -0.45);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
  });
});

describe('levelSeverity', () => {
  it('ranks syslog-style levels, any case, unknown and missing as info', () => {
    expect(levelSeverity('fatal')).toBe(5);
    expect(levelSeverity('CRITICAL')).toBe(5);
    expect(levelSeverity('Error')).toBe(4);
    expect(levelSeverity('SEVERE')).toBe(4);
    expect(levelSeverity('warning')).toBe(3);
    expect(levelSeverity('INFO')).toBe(2);
    expect(levelSeverity('debug')).toBe(1);
    expect(levelSeverity('combo')).toBe(2);
    expect(levelSeverity(null)).toBe(2);
  });

  it("reads Android logcat's level letters", () => {
    expect(['V', 'D', 'I', 'W', 'E', 'F', 'A'].map(levelSeverity)).toEqual([0, 1, 2, 3, 4, 5, 5]);
  });
});

describe('percentile', () => {
  it('interpolates linearly as numpy.percentile (the one percentile, from @logad/iforest)', () => {
    // numpy.percentile([1,2,3,4], 25) = 1.75; ([5,1,3], 50) = 3; ([1,2,3,4,5], 10) = 1.4
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 12);
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 10)).toBeCloseTo(1.4, 12);
  });
});

describe('fenceOffset', () => {
  it("is Tukey's far-out fence, never above the paper's −0.5", () => {
    // q1 = −0.6, q3 = −0.55 → −0.6 − 3 · 0.05 = −0.75
    expect(fenceOffset([-0.6, -0.6, -0.55, -0.55, -0.6, -0.55, -0.6, -0.55, -0.575])).toBeCloseTo(-0.75, 12);
    expect(fenceOffset([-0.4, -0.4, -0.4])).toBe(-0.5);
  });
});

describe('noveltyDecision', () => {
  it('is negative and keeps the forest order', () => {
    expect(noveltyDecision(0.2, -0.3)).toBeCloseTo(-0.013, 12);
    expect(noveltyDecision(0.2, -0.4)).toBeLessThan(noveltyDecision(0.2, -0.3));
    expect(noveltyDecision(-0.1, -0.7)).toBeCloseTo(-0.1 - 0.017, 12);
  });
});
