import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { AppState } from '../app-state';
import { authenticateRequest, type AuthDeps } from '../auth/authenticate-request';
import { isAdmin } from '../auth/principal';
import { ForbiddenError } from '../errors';
import type { AnyRouteDefinition, RequestAuth, RouteContext } from './route-definition';
import { validateRequest } from './validate-request';

const catalogues = new WeakMap<Router<AppState>, readonly AnyRouteDefinition[]>();

/**
 * Builds a Koa router from route definitions. For each request: authenticate (per `auth`), check
 * `role`, run the route's `middleware`, validate params/query/body (400 naming every failing
 * field), then call the handler with the validated input. The definitions stay attached to the
 * router: {@link readRouteCatalogue} lists them for the API reference.
 */
export function createRouter(deps: AuthDeps, routes: readonly AnyRouteDefinition[]): Router<AppState> {
  const router = new Router<AppState>();
  for (const route of routes) {
    router.register(
      toKoaPath(route.path),
      [route.method.toUpperCase()],
      [authenticate(route, deps), ...(route.middleware ?? []), handle(route)],
    );
  }
  catalogues.set(router, routes);
  return router;
}

/**
 * The route definitions of routers built by {@link createRouter}, in order.
 * @throws Error when a router holds a route that was not declared with defineRoute: every route
 *   must have its documentation entry.
 */
export function readRouteCatalogue(routers: readonly Router<AppState>[]): AnyRouteDefinition[] {
  return routers.flatMap((router) => {
    const routes = catalogues.get(router);
    if (!routes || routes.length !== router.stack.length) {
      const paths = router.stack.map((layer) => layer.path).join(', ');
      throw new Error(`Router with undeclared routes (${paths}): declare every route with defineRoute`);
    }
    return [...routes];
  });
}

/** `/api/flows/{id}` → `/api/flows/:id`. */
export function toKoaPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

function authenticate(route: AnyRouteDefinition, deps: AuthDeps): Middleware<AppState> {
  return async (ctx: RouteContext, next) => {
    const auth = await authenticateRequest(ctx, route.auth, deps);
    if (route.role === 'admin' && !(auth.kind === 'user' && isAdmin(auth.user))) {
      throw new ForbiddenError('Only administrators may do this');
    }
    ctx.state.auth = auth;
    await next();
  };
}

function handle(route: AnyRouteDefinition): Middleware<AppState> {
  return async (ctx: RouteContext) => {
    const input = validateRequest(ctx, route);
    await route.handler(ctx, { ...input, auth: ctx.state.auth as RequestAuth });
  };
}

declare module '../app-state' {
  interface AppState {
    /** The caller, set by the routing layer before a route's middleware and handler run. */
    auth?: RequestAuth;
  }
}
