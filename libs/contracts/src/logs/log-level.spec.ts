import { LEVEL_ALIASES, LOG_LEVELS, normalizeLevel } from './log-level';

describe('normalizeLevel', () => {
  it('takes our levels and their aliases in any case, and nothing else', () => {
    for (const l of LOG_LEVELS) for (const v of [l, l.toLowerCase(), l[0] + l.slice(1).toLowerCase()]) expect([v, normalizeLevel(v)]).toEqual([v, l]);
    for (const [alias, l] of Object.entries(LEVEL_ALIASES)) for (const v of [alias, alias.toLowerCase(), `${alias[0].toLowerCase()}${alias.slice(1)}`]) expect([v, normalizeLevel(v)]).toEqual([v, l]);
    for (const v of ['', 'inf', 'information ', 'levels', 'toString', '__proto__']) expect(normalizeLevel(v)).toBeUndefined();
  });
});
