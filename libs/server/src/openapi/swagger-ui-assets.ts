import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Files of `swagger-ui-dist` that the docs page loads, with their content types. */
const FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Where the docs page finds its document, and the script that starts Swagger UI on it. */
const INIT_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis] });
};
`;

/**
 * Swagger UI served by the app itself (no CDN): the page, and its script, style and icon files
 * read from the installed `swagger-ui-dist` once, then kept in memory.
 */
export class SwaggerUiAssets {
  private readonly dir = dirname(require.resolve('swagger-ui-dist'));
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly title: string) {}

  /** The HTML page of `GET /docs`. */
  page(): string {
    const esc = this.title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>${esc}: API</title>
    <link rel="stylesheet" type="text/css" href="/docs/assets/swagger-ui.css">
    <link rel="stylesheet" type="text/css" href="/docs/assets/index.css">
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="/docs/assets/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/assets/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;
  }

  /** An asset by file name, or null for any name not on the list (no path is ever built from input). */
  async asset(name: string): Promise<{ body: Buffer | string; type: string } | null> {
    if (name === 'swagger-initializer.js') return { body: INIT_SCRIPT, type: 'text/javascript; charset=utf-8' };
    const type = Object.prototype.hasOwnProperty.call(FILES, name) ? FILES[name] : undefined;
    if (!type) return null;
    let body = this.cache.get(name);
    if (!body) {
      body = await readFile(join(this.dir, name));
      this.cache.set(name, body);
    }
    return { body, type };
  }
}
