import { generateLogLines, SYNTHETIC_TEMPLATE_COUNT } from '../bench/synthetic-logs';
import { tokenize } from '@logad/text';

describe('generateLogLines (bench corpus, reused by other libs)', () => {
  const lines = generateLogLines(5000, 42);

  it('is deterministic in (n, seed) and depends on the seed', () => {
    expect(generateLogLines(5000, 42)).toEqual(lines);
    expect(generateLogLines(200, 43)).not.toEqual(lines.slice(0, 200));
    expect(generateLogLines(200, 42)).toEqual(lines.slice(0, 200));
  });

  it('draws from at least 50 templates with variable fields, one line per entry', () => {
    expect(SYNTHETIC_TEMPLATE_COUNT).toBeGreaterThanOrEqual(50);
    expect(lines).toHaveLength(5000);
    for (const l of lines) expect(l).not.toMatch(/[\n\r]/);
    expect(new Set(lines).size).toBeGreaterThan(4900);
    const masked = new Set(lines.map((l) => tokenize(l).slice(2).join(' ')));
    // masking collapses the variable fields: far fewer token lists than lines
    expect(masked.size).toBeLessThan(lines.length / 2);
    expect(masked.size).toBeGreaterThanOrEqual(50);
  });

  it('rejects a bad size', () => {
    expect(() => generateLogLines(-1, 1)).toThrow(RangeError);
  });
});
