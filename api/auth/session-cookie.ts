import type { ParameterizedContext } from 'koa';
import { SESSION_TTL_SEC } from './auth-tokens';

/** Name of the httpOnly cookie holding the session JWT. */
export const SESSION_COOKIE = 'flowbot_session';

/**
 * Sets the session cookie: httpOnly, SameSite=Lax, Secure when the request came over https
 * (`ctx.secure` honours X-Forwarded-Proto when `app.proxy` is on).
 */
export function setSessionCookie(ctx: ParameterizedContext, token: string): void {
  ctx.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    path: '/',
    maxAge: SESSION_TTL_SEC * 1000,
    overwrite: true,
  });
}

/** Expires the session cookie. */
export function clearSessionCookie(ctx: ParameterizedContext): void {
  ctx.cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    path: '/',
    expires: new Date(0),
    overwrite: true,
  });
}

/** The session JWT from the request's cookie, if any. */
export function readSessionCookie(ctx: ParameterizedContext): string | undefined {
  return ctx.cookies.get(SESSION_COOKIE) || undefined;
}
