import { join, resolve } from 'node:path';
import { dashboardAssetsDir, loadDashboardAssets } from './dashboard-assets';

describe('dashboard assets', () => {
  const src = join(__dirname, 'assets');

  it('are found beside the source, and from the compiled dist/dashboard in src/dashboard/assets', () => {
    expect(dashboardAssetsDir(__dirname)).toBe(src);
    expect(dashboardAssetsDir(resolve(__dirname, '../../dist/dashboard'))).toBe(src);
    expect(() => dashboardAssetsDir('/nowhere/dist/dashboard')).toThrow(/dashboard assets not found/);
  });

  it('load every page file with its type and a content ETag, and nothing else', () => {
    const assets = loadDashboardAssets(src);
    expect([...assets.keys()].sort()).toEqual([
      'api.js',
      'app.js',
      'chart.js',
      'dialogs.js',
      'dom.js',
      'favicon.svg',
      'index.html',
      'learning.js',
      'panels.js',
      'state.js',
      'style.css',
      'template-id.js',
      'verdicts.js',
      'views.js',
    ]);
    expect(assets.get('app.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(assets.get('index.html')?.etag).toMatch(/^"[\w-]{22}"$/);
    expect(new Set([...assets.values()].map((a) => a.etag)).size).toBe(assets.size);
  });
});
