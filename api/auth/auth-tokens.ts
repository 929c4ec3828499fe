import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UnauthorizedError } from '../errors';

/**
 * Claims of our JWTs. `typ` keeps session and API tokens apart; `cid` ties an API token to its key;
 * `sep` (here `epoch`) is the user's session epoch when the session began (absent counts as 0, the
 * epoch every user had before sessions could be ended).
 */
export type TokenClaims =
  { sub: string; typ: 'session'; epoch: number } | { sub: string; typ: 'api'; cid: string };

const ALGORITHM = 'HS256';
const ISSUER = 'flowbot';

/**
 * jsonwebtoken, given a string, first tries to parse it as a PEM public key on every call (an
 * exception per request: 11 % of the API's CPU in the lead-intake profile). A KeyObject made once
 * skips that. One entry is enough: a process has one JWT secret.
 */
let cachedKey: { secret: string; key: KeyObject } | undefined;
function signingKey(secret: string): KeyObject {
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createSecretKey(Buffer.from(secret)) };
  return cachedKey.key;
}

/** Lifetime of a login session (cookie and JWT). */
export const SESSION_TTL_SEC = 12 * 60 * 60;

/** Signs a session JWT for a logged-in user, valid while the user's `sessionEpoch` stays `epoch`. */
export function signSessionToken(
  userId: string,
  epoch: number,
  secret: string,
  ttlSec = SESSION_TTL_SEC,
): string {
  return jwt.sign({ typ: 'session', sep: epoch }, signingKey(secret), {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    subject: userId,
    expiresIn: ttlSec,
  });
}

/** Signs an API JWT for a user's API client (`clientId` is checked against the current one on use). */
export function signApiToken(userId: string, clientId: string, secret: string, ttlSec: number): string {
  return jwt.sign({ typ: 'api', cid: clientId }, signingKey(secret), {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    subject: userId,
    expiresIn: ttlSec,
  });
}

/**
 * Verifies one of our JWTs: HS256 only (so `alg: none` and other algorithms are refused), our issuer,
 * an expiry (`exp`) that has not passed, and claims of a known shape. jsonwebtoken checks `exp` only
 * when it is present: a token without one would never expire, so it is refused here. This covers
 * every JWT the API accepts: session cookies, and Bearer session and API tokens (the lead and
 * outbound trigger routes included).
 * @throws UnauthorizedError without saying which check failed.
 */
export function verifyAuthToken(token: string, secret: string): TokenClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, signingKey(secret), { algorithms: [ALGORITHM], issuer: ISSUER });
  } catch (cause) {
    const expired = cause instanceof jwt.TokenExpiredError;
    throw new UnauthorizedError(expired ? 'Token has expired' : 'Invalid token', { cause });
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number')
    throw new UnauthorizedError('Invalid token');
  if (payload.typ === 'session') {
    const epoch: unknown = payload.sep ?? 0;
    if (!Number.isSafeInteger(epoch) || (epoch as number) < 0) throw new UnauthorizedError('Invalid token');
    return { sub: payload.sub, typ: 'session', epoch: epoch as number };
  }
  if (payload.typ === 'api' && typeof payload.cid === 'string') {
    return { sub: payload.sub, typ: 'api', cid: payload.cid };
  }
  throw new UnauthorizedError('Invalid token');
}

/** Three base64url parts: a JWT rather than a per-flow outbound token. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}
