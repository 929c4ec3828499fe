import type { z } from 'zod';
import type { AuthMethod, RouteDefinition } from './route-definition';

/**
 * Declares a route. The identity function exists for type inference: the handler's `input.params`,
 * `input.query` and `input.body` get the output types of the zod schemas, and `input.auth` is a
 * {@link import('./route-definition').UserAuth} when the route only accepts cookie/bearer.
 *
 * Mount routes with `createRouter(deps, [defineRoute({...}), ...])`; that is the only way a route
 * reaches the app, so every route has its documentation entry in the catalogue.
 *
 * @example
 * ```ts
 * defineRoute({
 *   method: 'get', path: '/api/flows/{id}', tag: 'flows', summary: 'Get a flow',
 *   auth: ['cookie', 'bearer'],
 *   request: { params: idParamsSchema },
 *   responses: { 200: { description: 'The flow', schema: flowDetailSchema } },
 *   handler: async (ctx, { params, auth }) => { ctx.body = await readFlow(params.id, auth.user); },
 * });
 * ```
 */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  const A extends readonly AuthMethod[] = readonly AuthMethod[],
>(definition: RouteDefinition<P, Q, B, A>): RouteDefinition<P, Q, B, A> {
  return definition;
}
