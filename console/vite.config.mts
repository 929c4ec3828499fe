import path from 'node:path';
import { defineConfig } from 'vite';

const API = process.env.FLOWBOT_API_URL ?? 'http://localhost:3000';

/**
 * The web console's build: `npm run console:build` writes console/dist, which the API serves at `/`.
 * `npm run console:dev` serves it with hot reload on http://localhost:5173 and proxies the API
 * routes to FLOWBOT_API_URL (default the `npm start` on port 3000), so the session cookie stays
 * same-origin. JSX is compiled by Vite's own transform for Preact: no framework plugin.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    // No inline data: scripts or modulepreload polyfill: the page's CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    // The editor imports the flow engine's catalogue from ../workflows.
    fs: { allow: [path.join(import.meta.dirname, '..')] },
    proxy: { '/api': { target: API, changeOrigin: false } },
  },
});
