import { createReadStream } from 'node:fs';
import type { Router } from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { CAPABILITIES } from '../capabilities/capability-map';
import { renderCapabilityMap } from '../capabilities/render-capability-map';
import { NotFoundError } from '../errors';
import {
  DOCS_CONTENT_SECURITY_POLICY,
  readDocsFile,
  REFERENCE_PAGE_SCRIPT,
  renderMarkdownPage,
  renderReferencePage,
  SCALAR_BUNDLE_PATH,
} from '../openapi/docs-pages';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import type { RouteContext } from '../routing/route-definition';

const htmlSchema = z.string();

/** The page scripts, by the name under /docs/assets/. */
const ASSETS: Record<string, (ctx: RouteContext) => void> = {
  'scalar.js': (ctx) => {
    ctx.body = createReadStream(SCALAR_BUNDLE_PATH);
  },
  'reference-page.js': (ctx) => {
    ctx.body = REFERENCE_PAGE_SCRIPT;
  },
};

/**
 * The documentation pages, served from installed packages and the repository's docs/ only (no
 * CDN, works offline): `/docs` (the API reference, Scalar), its scripts under `/docs/assets/`,
 * `/docs/integration-guide` and `/docs/capabilities`. Pages carry a Content-Security-Policy that
 * keeps every request on this server.
 */
export function createDocsRouter(deps: AuthDeps): Router<AppState> {
  const sendHtml = (ctx: RouteContext, html: string) => {
    ctx.set('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  };
  // Built from constant data: once, not per request.
  const capabilitiesPage = renderMarkdownPage('FlowBot capability map', renderCapabilityMap(CAPABILITIES));
  const htmlResponse = (description: string) => ({
    200: { description, schema: htmlSchema, contentType: 'text/html' },
  });

  const reference = defineRoute({
    method: 'get',
    path: '/docs',
    tag: 'system',
    summary: 'API reference page',
    description:
      'This reference, rendered from /api/openapi.json with code samples in cURL, Node.js, Python and PHP.',
    auth: ['none'],
    responses: htmlResponse('The page'),
    handler: (ctx) => sendHtml(ctx, renderReferencePage()),
  });

  const assets = defineRoute({
    method: 'get',
    path: '/docs/assets/{file}',
    tag: 'system',
    summary: 'API reference page scripts',
    description: `The scripts of /docs: ${Object.keys(ASSETS).join(', ')}.`,
    auth: ['none'],
    request: { params: z.object({ file: z.string() }) },
    responses: {
      200: { description: 'The script', schema: htmlSchema, contentType: 'text/javascript' },
      404: { description: 'No such script' },
    },
    handler: (ctx, { params }) => {
      const send = Object.hasOwn(ASSETS, params.file) ? ASSETS[params.file] : undefined;
      if (!send) throw new NotFoundError('No such file');
      ctx.type = 'text/javascript; charset=utf-8';
      // The bundle changes only with the package version, i.e. with a deployment.
      ctx.set('Cache-Control', 'public, max-age=3600');
      send(ctx);
    },
  });

  const guide = defineRoute({
    method: 'get',
    path: '/docs/integration-guide',
    tag: 'system',
    summary: 'Integration guide page',
    description:
      'Copy-paste snippets for the core integration flows in cURL, Node.js, Python and PHP (docs/integration-guide.md).',
    auth: ['none'],
    responses: htmlResponse('The page'),
    handler: (ctx) =>
      sendHtml(ctx, renderMarkdownPage('FlowBot integration guide', readDocsFile('integration-guide.md'))),
  });

  const capabilities = defineRoute({
    method: 'get',
    path: '/docs/capabilities',
    tag: 'system',
    summary: 'Capability map page',
    description: 'The capability map of /api/capabilities as a page.',
    auth: ['none'],
    responses: htmlResponse('The page'),
    handler: (ctx) => sendHtml(ctx, capabilitiesPage),
  });

  return createRouter(deps, [reference, assets, guide, capabilities]);
}
