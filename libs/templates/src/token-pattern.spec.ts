import { TokenPattern } from './token-pattern';

describe('TokenPattern.covers', () => {
  const p = new TokenPattern(['<*>', '<IP>']);

  it.each([
    ['chdir(<*>)', 'chdir(pwd)', true],
    ['rhost=<*>', 'rhost=csnsu.nsuok.edu', true],
    ['rhost=<*>', 'rhost=<*>.netvigator.com', true],
    ['<*>.log', 'app.log', true],
    ['a<*>b<*>c', 'axbyc', true],
    ['a<*>b<*>c', 'abbc', false], // each placeholder stands for at least one character
    ['a<*>b<*>c', 'axbc', false],
    ['<IP>:<*>', '10.0.0.1:80', true],
    ['chdir(<*>)', 'chdir()', false],
    ['chdir(<*>)', 'chdir(pwd', false],
    ['onExtend:<*>', 'onStandStepChanged', false],
    ['rhost=<*>', 'ruser=x', false],
    ['plain', 'plain', false], // no placeholder: nothing to cover
    ['<*>x<*>', 'x', false],
  ])('%s covers %s: %s', (pattern, text, expected) => {
    expect(p.covers(pattern, text)).toBe(expected);
  });
});
