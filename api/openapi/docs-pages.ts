import { readFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';

/** The Scalar browser bundle, a single self-contained script (no chunks, no CDN). */
export const SCALAR_BUNDLE_PATH = path.join(
  // The package exports no subpath for it (nor package.json): find it beside the main entry.
  path.dirname(require.resolve('@scalar/api-reference')),
  'browser/standalone.js',
);

/**
 * Only these sources may load on the docs pages: the browser itself then refuses anything that
 * would leave the server (fonts, telemetry, a CDN), whatever a library version tries. Scalar
 * injects its styles at run time, hence 'unsafe-inline' for styles only.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Scalar's configuration: the four languages of the published documentation (cURL, Node.js,
 * Python, PHP; every other client hidden), no remote fonts, no telemetry, no AI agent or MCP
 * features (they call scalar.com).
 */
export const SCALAR_CONFIGURATION = {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  documentDownloadType: 'json',
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  hiddenClients: {
    c: true,
    clojure: true,
    csharp: true,
    dart: true,
    fsharp: true,
    go: true,
    http: true,
    java: true,
    js: true,
    julia: true,
    kotlin: true,
    objc: true,
    ocaml: true,
    powershell: true,
    r: true,
    ruby: true,
    rust: true,
    swift: true,
    shell: ['httpie', 'wget'],
    node: ['axios', 'ofetch', 'undici'],
    python: ['httpx_sync', 'httpx_async', 'aiohttp'],
    php: ['guzzle', 'laravel'],
  },
} as const;

/** The script that mounts the reference; a file of its own so no inline script is needed. */
export const REFERENCE_PAGE_SCRIPT = `Scalar.createApiReference('#app', ${JSON.stringify(SCALAR_CONFIGURATION)});\n`;

/** The /docs page: Scalar reading /api/openapi.json, everything from this server. */
export function renderReferencePage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>FlowBot API reference</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <noscript>The reference needs JavaScript; the document itself is <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
    <div id="app"></div>
    <script src="/docs/assets/scalar.js"></script>
    <script src="/docs/assets/reference-page.js"></script>
  </body>
</html>
`;
}

/** Links between the Markdown files of docs/ become links between the docs pages. */
const PAGE_LINKS: Record<string, string> = {
  'integration-guide.md': '/docs/integration-guide',
  'capability-map.md': '/docs/capabilities',
};

/** A Markdown document as a standalone, readable HTML page (docs/ files and the capability map). */
export function renderMarkdownPage(title: string, markdown: string): string {
  const html = (marked.parse(markdown, { async: false }) as string).replace(
    /href="([^"#]+)(#[^"]*)?"/g,
    (all, target: string, hash = '') => (PAGE_LINKS[target] ? `href="${PAGE_LINKS[target]}${hash}"` : all),
  );
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="data:," />
    <style>${PAGE_STYLE}</style>
  </head>
  <body>
    <nav><a href="/docs">API reference</a> · <a href="/docs/integration-guide">Integration guide</a> · <a href="/docs/capabilities">Capability map</a> · <a href="/api/openapi.json">OpenAPI 3.1</a></nav>
    <main>${html}</main>
  </body>
</html>
`;
}

/** Reads a file of docs/ (the integration guide). */
export function readDocsFile(name: string): string {
  return readFileSync(path.resolve(__dirname, '../../docs', name), 'utf8');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const PAGE_STYLE = `
body { margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #1b1b1f; background: #fff; }
nav { padding: 12px 24px; border-bottom: 1px solid #e3e3e8; background: #f7f7f9; font-size: 14px; }
main { max-width: 960px; margin: 0 auto; padding: 8px 24px 64px; }
a { color: #0b5cad; }
h1, h2, h3 { line-height: 1.25; }
h2 { margin-top: 2.2em; border-bottom: 1px solid #e3e3e8; padding-bottom: 4px; }
pre { background: #f4f4f6; padding: 12px 14px; border-radius: 6px; overflow-x: auto; font-size: 13.5px; line-height: 1.45; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.92em; }
table { border-collapse: collapse; margin: 12px 0; font-size: 14px; }
th, td { border: 1px solid #dcdce2; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
`;
