import { TemplateExtractor } from './template-extractor';

const make = (template: string, delimiters: string[] = []) => new TemplateExtractor(template.split(' '), ['<*>', '<IP>'], delimiters);

describe('TemplateExtractor', () => {
  it('reads each slot from the original text, spanning masked multi-token values', () => {
    expect(make('close, <*> sent, lifetime <*>').extract('close, 1190 bytes (1.16 KB) sent, lifetime 00:02')).toEqual(['1190 bytes (1.16 KB)', '00:02']);
    expect(make('Receiving block <*> src: <*>').extract('  Receiving   block blk_1\tsrc: /10.0.0.1:50010 ')).toEqual(['blk_1', '/10.0.0.1:50010']);
  });

  it('handles slots inside tokens, at both ends, and typed placeholders', () => {
    expect(make('<*> user=<*> from <IP>').extract('sshd[12] user=bob from 10.0.0.1')).toEqual(['sshd[12]', 'bob', '10.0.0.1']);
    expect(make('chdir(<*>) failed').extract('chdir(/a b/c) failed')).toEqual(['/a b/c']);
    expect(make('onExtend:<*> <*>').extract('onExtend:1514038530000 14 0 4')).toEqual(['1514038530000', '14 0 4']);
  });

  it('gives a slot the shortest text that lets the rest match', () => {
    expect(make('a <*> b <*>').extract('a x b y b z')).toEqual(['x', 'y b z']);
  });

  it('treats extra delimiters as gaps', () => {
    expect(make('k <*> n <*>', ['=', ',']).extract('k=1,n= 2')).toEqual(['1', '2']);
  });

  it('returns null when the content does not fit, and [] for constant templates', () => {
    expect(make('Receiving block <*>').extract('Sending block 1')).toBeNull();
    expect(make('a <*> b').extract('a x c')).toBeNull();
    expect(make('chdir(<*>)').extract('chdir()')).toEqual(['']);
    expect(make('no slots here').extract('no slots here')).toEqual([]);
    expect(make('no slots here').slots).toBe(0);
  });

  it('copes with thousands of slots without recursion', () => {
    const n = 3000;
    const template = Array.from({ length: n }, () => '<*> w').join(' ');
    const text = Array.from({ length: n }, (_, i) => `${i} w`).join(' ');
    const got = make(template).extract(text);
    expect(got).toHaveLength(n);
    expect(got?.[n - 1]).toBe(String(n - 1));
  });
});
