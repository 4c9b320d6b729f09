import { parseLokiLabels } from './loki-labels';

describe('parseLokiLabels', () => {
  it('reads a selector with spaces, escapes and unicode', () => {
    expect({ ...(parseLokiLabels('{job="api", env = "prod",msg="a \\"q\\" \\\\ \\n é"}') as object) }).toEqual({
      job: 'api',
      env: 'prod',
      msg: 'a "q" \\ \n é',
    });
    expect({ ...(parseLokiLabels('{}') as object) }).toEqual({});
  });
  it('says what is wrong with a broken one', () => {
    expect(parseLokiLabels('job="x"')).toMatch(/enclosed/);
    expect(parseLokiLabels('{job="x}')).toMatch(/not closed/);
    expect(parseLokiLabels('{1job="x"}')).toMatch(/label name/);
    expect(parseLokiLabels('{job="x" env="y"}')).toMatch(/","/);
    expect(parseLokiLabels('{job="\\q"}')).toMatch(/bad escape/);
  });
});
