import type { DataSource } from 'typeorm';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { AuthMethod, RequestAuth, RouteContext, UserAuth } from '../routing/route-definition';
import { isUuid } from '../routing/is-uuid';
import { findUserWithApiClient } from '../users/user-rows';
import { looksLikeJwt, verifyAuthToken } from './auth-tokens';
import { toPrincipal } from './principal';
import { readSessionCookie } from './session-cookie';
import { SIGNATURE_TIMESTAMP_HEADER } from './signature-timestamp';

/** What authentication needs. */
export interface AuthDeps {
  dataSource: DataSource;
  config: { jwtSecret: string };
}

/**
 * Resolves the caller of a route from the credentials the route accepts, in this order:
 * 1. `Authorization: Bearer <jwt>` (`bearer`): a session or API JWT; a non-JWT bearer value is a
 *    per-flow outbound token (`flowToken`), returned unchecked for the handler to match to its flow.
 * 2. `X-Signature-256` (`hmac`), with `X-Signature-Timestamp` when sent: returned unchecked, likewise.
 * 3. The session cookie (`cookie`).
 * 4. Nothing (`none`).
 * A credential that is presented but invalid is refused (401), never skipped for the next one.
 * Users are loaded on every request: a session JWT from before the user's sessions were ended
 * (its epoch is not the user's `sessionEpoch`) is refused (401), disabled users are refused (403)
 * and an API token whose client has been rotated since it was issued is refused (401).
 */
export async function authenticateRequest(
  ctx: RouteContext,
  methods: readonly AuthMethod[],
  deps: AuthDeps,
): Promise<RequestAuth> {
  const accepts = (method: AuthMethod) => methods.includes(method);
  const authorization = ctx.get('Authorization');
  if (authorization && (accepts('bearer') || accepts('flowToken'))) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthorizedError('Authorization header must be "Bearer <token>"');
    const token = match[1];
    if (looksLikeJwt(token)) {
      if (!accepts('bearer')) throw new UnauthorizedError("Use this flow's outbound token here");
      return await resolveUser(token, 'bearer', deps);
    }
    if (accepts('flowToken')) return { kind: 'flowCredential', flowToken: token };
    throw new UnauthorizedError('Invalid token');
  }
  const signature = ctx.get('X-Signature-256');
  if (signature && accepts('hmac')) {
    const signatureTimestamp = ctx.get(SIGNATURE_TIMESTAMP_HEADER);
    return signatureTimestamp
      ? { kind: 'flowCredential', signature, signatureTimestamp }
      : { kind: 'flowCredential', signature };
  }
  const cookie = readSessionCookie(ctx);
  if (cookie && accepts('cookie')) return await resolveUser(cookie, 'cookie', deps, 'session');
  if (accepts('none')) return { kind: 'none' };
  throw new UnauthorizedError('Authentication required');
}

async function resolveUser(
  token: string,
  method: UserAuth['method'],
  deps: AuthDeps,
  only?: 'session',
): Promise<UserAuth> {
  const claims = verifyAuthToken(token, deps.config.jwtSecret);
  if (only && claims.typ !== only) throw new UnauthorizedError('Invalid token');
  if (!isUuid(claims.sub)) throw new UnauthorizedError('Invalid token');
  const user = await findUserWithApiClient(deps.dataSource, claims.sub);
  if (!user) throw new UnauthorizedError('Invalid token');
  // Before the disabled check: disabling ends the sessions, and an ended session is a 401.
  if (claims.typ === 'session' && claims.epoch !== user.sessionEpoch) {
    throw new UnauthorizedError('Session has ended; log in again');
  }
  if (user.disabled) throw new ForbiddenError('This account is disabled');
  if (claims.typ === 'api') {
    if (user.apiClientId === null || user.apiClientId !== claims.cid) {
      throw new UnauthorizedError('API credentials were rotated; request a new token');
    }
    if (!user.apiAccessApproved) throw new ForbiddenError('API access is not approved for this account');
  }
  return { kind: 'user', method, tokenType: claims.typ, user: toPrincipal(user) };
}
