import type { Router } from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import {
  CONSOLE_CONTENT_SECURITY_POLICY,
  readConsoleAsset,
  readConsoleIndex,
} from '../console/console-files';
import { NotFoundError, ServiceUnavailableError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { errorResponseSchema } from '../schemas/system';

/**
 * The web console (console/, built by Vite into console/dist): its page at `/` and its hashed
 * scripts and styles under `/assets/`. The console routes inside the page (`/#/flows`), so these two
 * are the only routes it adds. Both carry the console's Content-Security-Policy.
 */
export function createConsoleRouter(deps: AuthDeps): Router<AppState> {
  const page = defineRoute({
    method: 'get',
    path: '/',
    tag: 'system',
    summary: 'Web console',
    description:
      'The FlowBot web console (flows and their editor, AI generator, inbox, settings, admin). It calls this API with the session cookie.',
    auth: ['none'],
    responses: {
      200: { description: 'The page', schema: z.string(), contentType: 'text/html' },
      503: {
        description: 'The console has not been built (`npm run console:build`)',
        schema: errorResponseSchema,
      },
    },
    handler: (ctx) => {
      const html = readConsoleIndex();
      if (!html) throw new ServiceUnavailableError('The console is not built: run npm run console:build');
      ctx.set('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
      // The page names the current hashed assets: always ask again.
      ctx.set('Cache-Control', 'no-cache');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = html;
    },
  });

  const assets = defineRoute({
    method: 'get',
    path: '/assets/{file}',
    tag: 'system',
    summary: 'Web console scripts and styles',
    description: 'The files of the console build; their names carry a hash of their content.',
    auth: ['none'],
    request: { params: z.object({ file: z.string() }) },
    responses: {
      200: { description: 'The file', schema: z.string(), contentType: 'text/javascript' },
      404: { description: 'No such file', schema: errorResponseSchema },
    },
    handler: (ctx, { params }) => {
      const file = readConsoleAsset(params.file);
      if (!file) throw new NotFoundError('No such file');
      ctx.set('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.type = file.contentType;
      ctx.body = file.body;
    },
  });

  return createRouter(deps, [page, assets]);
}
