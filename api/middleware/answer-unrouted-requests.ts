import type { Middleware } from 'koa';
import type { AppState } from '../app-state';
import { MethodNotAllowedError, NotFoundError } from '../errors';

/**
 * Wraps the routers and answers what none of them did, after the router's `allowedMethods()` (run
 * without `throw`) left its verdict in the status and the Allow header: a path served under other
 * methods is a 405 naming them in Allow, anything else a 404, both as `{"error"}`. That covers
 * methods no route uses at all (TRACE, PROPFIND, LINK…), which the router calls 501 Not
 * Implemented: a fault of the request, not of the server, so never a 5xx.
 */
export function answerUnroutedRequests(): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (![404, 405, 501].includes(ctx.status)) return;
    // Koa's typing says string, but a header never set reads as undefined.
    const allowed = String(ctx.response.get('Allow') ?? '')
      .split(',')
      .map((method) => method.trim())
      .filter(Boolean);
    ctx.remove('Allow');
    if (ctx.status !== 404 && allowed.length > 0) throw new MethodNotAllowedError(ctx.method, allowed);
    throw new NotFoundError();
  };
}
