import type { Middleware } from 'koa';
import type { AppState } from '../app-state';

/**
 * Headers every response carries, errors included (set before anything runs, so they are there
 * whatever answers): no MIME sniffing, no framing (X-Frame-Options for older browsers, CSP
 * `frame-ancestors` for current ones), and no Referer leaking ids or tokens of our URLs to other
 * sites. The default policy lets a response load nothing (`default-src 'none'`): JSON needs nothing.
 * The docs pages replace it with their own policy, which also says `frame-ancestors 'none'`.
 */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/** Sets {@link SECURITY_HEADERS} on every response; first in the chain. */
export function setSecurityHeaders(): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.set(SECURITY_HEADERS);
    await next();
  };
}
