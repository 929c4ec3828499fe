import type { Middleware } from 'koa';
import type { AppState } from '../app-state';
import { readSessionCookie } from '../auth/session-cookie';
import { ForbiddenError } from '../errors';

/** Methods that change nothing: a cross-site GET cannot act on the user's behalf. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `Sec-Fetch-Site` values a browser sends for requests this site made or the user typed. */
const OWN_SITE_FETCHES = new Set(['same-origin', 'none']);

/**
 * Cross-site request forgery protection for cookie-authenticated requests. A CSRF token on every
 * cookie-authenticated POST would break the published contract (it is used with cookies from curl),
 * so this checks what browsers always send on a cross-site request instead: `Sec-Fetch-Site` and
 * `Origin`. A state-changing request that carries the session cookie is refused with 403 when either
 * header is present and says another origin. Requests without them (curl, servers) pass, as do
 * requests without the cookie (Bearer, HMAC, Meta's webhooks): a forged request rides on the cookie.
 *
 * `allowedOrigins` are the origins the console may be served under besides the request's own
 * (`PUBLIC_BASE_URL` behind a proxy that rewrites Host).
 */
export function refuseCrossSiteRequests(allowedOrigins: readonly string[] = []): Middleware<AppState> {
  return async (ctx, next) => {
    if (!SAFE_METHODS.has(ctx.method) && readSessionCookie(ctx) !== undefined) {
      const fetchSite = ctx.get('Sec-Fetch-Site');
      const origin = ctx.get('Origin');
      // Built from Host, not ctx.origin: Koa 3 answers ctx.origin from the Origin header itself.
      const requestOrigin = `${ctx.protocol}://${ctx.host}`;
      const ownOrigin = origin === requestOrigin || allowedOrigins.includes(origin);
      if ((fetchSite && !OWN_SITE_FETCHES.has(fetchSite)) || (origin && !ownOrigin)) {
        throw new ForbiddenError(
          'Cross-site request refused: send it from the FlowBot console or without a browser',
        );
      }
    }
    await next();
  };
}
