import type { Router } from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { version } from '../../package.json';
import { routeCatalogueOf } from '../app';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/build-openapi-document';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';

/** What the OpenAPI route needs. */
export interface OpenApiRouteDeps extends AuthDeps {
  config: AuthDeps['config'] & { publicBaseUrl: string };
}

/** The document's outline; the full structure is OpenAPI 3.1's. */
const openApiDocumentSchema = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .loose();

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document of every route of the app, built once per app
 * from its route catalogue (routes do not change after buildApp).
 */
export function createOpenApiRouter(deps: OpenApiRouteDeps): Router<AppState> {
  const documents = new WeakMap<Koa<AppState>, OpenApiDocument>();
  const route = defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'system',
    summary: 'OpenAPI document',
    description:
      'This API as an OpenAPI 3.1 document: every route, grouped by domain, with its security schemes, schemas and examples. The docs page at /docs renders it.',
    auth: ['none'],
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document',
        schema: openApiDocumentSchema,
        example: { openapi: '3.1.0', info: { title: 'FlowBot API', version }, paths: {} },
      },
    },
    handler: (ctx) => {
      let document = documents.get(ctx.app);
      if (!document) {
        document = buildOpenApiDocument(routeCatalogueOf(ctx.app), {
          serverUrl: deps.config.publicBaseUrl,
          version,
        });
        documents.set(ctx.app, document);
      }
      ctx.body = document;
    },
  });
  return createRouter(deps, [route]);
}
