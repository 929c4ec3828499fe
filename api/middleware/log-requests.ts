import type { Middleware } from 'koa';
import type { AppState } from '../app-state';

/**
 * Logs one line per request after the response is decided. Only the path is logged, never the
 * query string or headers: webhook verification and some callers put tokens there.
 */
export function logRequests(): Middleware<AppState> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const level = ctx.status >= 500 ? 'error' : 'info';
      ctx.state.logger[level](
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request completed',
      );
    }
  };
}
