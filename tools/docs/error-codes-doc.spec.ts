import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'bench' || name === 'fixtures') return [];
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Every stable error code the code can answer with: `code = '…'` in error classes and the HTTP status codes. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const f of [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps'))]) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bcode\s*=\s*'([a-z]+:[a-z0-9-]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/^\s*'([a-z]+:[a-z0-9-]+)':\s*['{]/gm)) codes.add(m[1]);
    for (const m of text.matchAll(/'(http:[a-z-]+)'/g)) codes.add(m[1]);
  }
  return codes;
}

describe('docs/errors.md', () => {
  it('documents every error code the code can raise', () => {
    const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `([a-z]+:[a-z0-9-]+)` \|/gm)].map((m) => m[1]));
    const missing = [...codesInSource()].filter((c) => !documented.has(c)).sort();
    expect(missing).toEqual([]);
    expect(codesInSource().size).toBeGreaterThan(20);
  });
});
