import { mulberry32, percentile } from '@logad/iforest';
import { InvalidOptionError } from '../errors/invalid-option.error';
import { fenceOffset } from './fence-offset';
import { fitOffset } from './fit-offset';
import { fitGpd, gpdQuantile } from './gpd';
import { tailThreshold } from './tail-threshold';
import { checkThresholdRule } from './threshold-rule';

/** Inverse-CDF draws of a GPD(ξ, σ) from a seeded generator. */
function gpdDraws(shape: number, scale: number, n: number, seed: number): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const u = 1 - r();
    return shape === 0 ? -scale * Math.log(u) : (scale / shape) * (Math.pow(u, -shape) - 1);
  });
}

/** Box–Muller standard normal draws from a seeded generator. */
function normalDraws(n: number, seed: number): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}

describe('fitGpd', () => {
  it.each([
    [0.3, 2],
    [0, 1],
    [-0.3, 1],
  ])('recovers a GPD tail with shape %d and scale %d from 5,000 draws', (shape, scale) => {
    const fit = fitGpd(gpdDraws(shape, scale, 5000, 7));
    expect(fit).not.toBeNull();
    expect(Math.abs((fit?.shape ?? NaN) - shape)).toBeLessThan(0.06);
    expect(Math.abs((fit?.scale ?? NaN) - scale) / scale).toBeLessThan(0.06);
  });

  it('refuses what is not a tail', () => {
    expect(fitGpd([1, 2])).toBeNull();
    expect(fitGpd([0, 0, 0, 0])).toBeNull();
    expect(fitGpd([1, -1, 2])).toBeNull();
  });

  it('gpdQuantile inverts the survival function', () => {
    expect(gpdQuantile({ shape: 0, scale: 2 }, Math.exp(-1))).toBeCloseTo(2, 12);
    const g = { shape: 0.5, scale: 1 };
    const y = gpdQuantile(g, 0.01);
    expect(Math.pow(1 + (g.shape * y) / g.scale, -1 / g.shape)).toBeCloseTo(0.01, 12);
  });
});

describe('tailThreshold', () => {
  it.each([1e-2, 1e-3])('exceeded by about risk %d of held-out draws of the same distribution', (risk) => {
    const z = tailThreshold(normalDraws(20000, 1), { risk, initialQuantile: 0.98 });
    const heldOut = normalDraws(200000, 2);
    const share = heldOut.filter((x) => x > z).length / heldOut.length;
    expect(share).toBeGreaterThan(risk / 1.5);
    expect(share).toBeLessThan(risk * 1.5);
  });

  it('holds on a heavy tail where a fixed share would not move with the risk', () => {
    const z = tailThreshold(gpdDraws(0.4, 1, 20000, 3), { risk: 1e-3, initialQuantile: 0.95 });
    const share = gpdDraws(0.4, 1, 200000, 4).filter((x) => x > z).length / 200000;
    expect(share).toBeGreaterThan(1e-3 / 1.6);
    expect(share).toBeLessThan(1e-3 * 1.6);
  });

  it('falls back to the largest score on a constant sample', () => {
    expect(tailThreshold([1, 1, 1, 1, 1], { risk: 1e-3, initialQuantile: 0.9 })).toBe(1);
  });
});

describe('fitOffset', () => {
  const scores = normalDraws(5000, 5).map((x) => -0.4 + 0.02 * x); // forest-like: lower = stranger

  it('contamination c flags a share c of the training scores', () => {
    const offset = fitOffset(scores, 0.05);
    expect(offset).toBe(percentile(scores, 5));
    expect(scores.filter((s) => s < offset).length / scores.length).toBeCloseTo(0.05, 2);
  });

  it("'auto' is the far-out fence, never above the paper's −0.5", () => {
    expect(fitOffset(scores, 'auto')).toBe(fenceOffset(scores));
    expect(fenceOffset(scores)).toBeLessThanOrEqual(-0.5);
  });

  it("'tail' flags about one training score in a thousand, on the low side", () => {
    const offset = fitOffset(scores, 'tail');
    const held = normalDraws(100000, 6).map((x) => -0.4 + 0.02 * x);
    const share = held.filter((s) => s < offset).length / held.length;
    expect(share).toBeGreaterThan(1e-3 / 1.5);
    expect(share).toBeLessThan(1e-3 * 1.5);
  });
});

describe('checkThresholdRule', () => {
  it('accepts the rules and names the caller otherwise', () => {
    expect(checkThresholdRule('auto', 'x')).toBe('auto');
    expect(checkThresholdRule('tail', 'x')).toBe('tail');
    expect(checkThresholdRule(0.5, 'x')).toBe(0.5);
    for (const bad of [0, 0.6, -1, NaN, '0.1', null]) expect(() => checkThresholdRule(bad, 'SessionDetector.train')).toThrow(InvalidOptionError);
    expect(() => checkThresholdRule(0.7, 'SessionDetector.train')).toThrow(/SessionDetector.train requires contamination/);
  });
});
