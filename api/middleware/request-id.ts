import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../platform/logger';
import type { AppState } from '../app-state';

// Accept a caller's id only when it is short and plain: it is echoed in headers and logs.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Takes the caller's X-Request-Id (or makes one), echoes it on the response and gives the request a
 * child logger carrying it as `reqId`, so every line about one request can be found together.
 */
export function assignRequestId(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const given = ctx.get('X-Request-Id');
    const requestId = ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.logger = logger.child({ reqId: requestId });
    ctx.set('X-Request-Id', requestId);
    await next();
  };
}
