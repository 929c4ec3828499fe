import type { Router } from '@koa/router';
import type { DataSource } from 'typeorm';
import { hashPassword, verifyPassword, verifyTokenHash } from '../../platform/secrets';
import type { AppState } from '../app-state';
import { findApiClientByClientId } from '../auth/api-client-rows';
import { signApiToken, signSessionToken, verifyAuthToken } from '../auth/auth-tokens';
import type { AuthDeps } from '../auth/authenticate-request';
import { endSessions } from '../auth/end-sessions';
import { LoginRateLimiter, type LoginRateLimits } from '../auth/login-rate-limiter';
import { toPublicUser } from '../auth/principal';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../auth/session-cookie';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { createRouter } from '../routing/create-router';
import { isUuid } from '../routing/is-uuid';
import { defineRoute } from '../routing/define-route';
import {
  API_TOKEN_TTL,
  apiTokenBodySchema,
  apiTokenResponseExample,
  apiTokenResponseSchema,
  loginBodySchema,
  logoutResponseSchema,
  userResponseExample,
  userResponseSchema,
} from '../schemas/auth';
import { errorResponse } from '../schemas/system';
import { findUser, findUserByUsername } from '../users/user-rows';

/** What the auth routes need. */
export interface AuthRouteDeps extends AuthDeps {
  dataSource: DataSource;
  /** Failed-login limits; tests lower them. */
  loginRateLimits?: Partial<LoginRateLimits>;
}

/**
 * `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me` and
 * `POST /api/auth/api-token` (client credentials → short-lived Bearer JWT).
 */
export function createAuthRouter(deps: AuthRouteDeps): Router<AppState> {
  const limiter = new LoginRateLimiter(deps.loginRateLimits);
  let dummyHash: Promise<string> | undefined;

  const login = defineRoute({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Login',
    description:
      'Authenticate and receive a session cookie (JWT). Use this cookie in subsequent authenticated requests. ' +
      'Repeated failures (per username and address, per address, per username) are refused for a while ' +
      '(429 with Retry-After).',
    auth: ['none'],
    request: { body: loginBodySchema },
    responses: {
      200: {
        description: 'Logged in; the session cookie is set',
        schema: userResponseSchema,
        example: userResponseExample,
      },
      401: errorResponse('Wrong username or password', 'Invalid username or password'),
      403: errorResponse('The account is disabled', 'This account is disabled'),
      429: errorResponse('Too many failed attempts', 'Too many failed login attempts; try again later'),
    },
    handler: async (ctx, { body }) => {
      // Reserved before the password is checked, so concurrent guesses cannot outrun the count.
      const attempt = await limiter.reserveAttempt(body.username, ctx.ip);
      const user = await findUserByUsername(deps.dataSource, body.username);
      // Unknown usernames cost the same scrypt as known ones, so timing does not reveal which exist.
      const matches = user
        ? await verifyPassword(body.password, user.passwordHash)
        : await verifyPassword(body.password, await (dummyHash ??= hashPassword('not a real password'))).then(
            () => false,
          );
      if (!user || !matches) throw new UnauthorizedError('Invalid username or password');
      await attempt.succeeded();
      if (user.disabled) throw new ForbiddenError('This account is disabled');
      setSessionCookie(ctx, signSessionToken(user.id, user.sessionEpoch, deps.config.jwtSecret));
      ctx.state.logger.info({ userId: user.id }, 'user logged in');
      ctx.body = { user: toPublicUser(user) };
    },
  });

  const logout = defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Logout',
    description:
      'Clears the session cookie and ends every session of the user (all browsers and devices) whose ' +
      'session JWT came with it, as cookie or as Bearer. API tokens are not sessions and keep working. ' +
      'Always answers success, also without a session or with one that has already ended.',
    auth: ['none'],
    responses: {
      200: { description: 'Logged out', schema: logoutResponseSchema, example: { success: true } },
    },
    handler: async (ctx) => {
      const session = readSession(ctx.get('Authorization'), readSessionCookie(ctx));
      if (session && (await endSessions(deps.dataSource, session.sub, session.epoch)) !== undefined) {
        ctx.state.logger.info({ userId: session.sub }, 'user logged out; sessions ended');
      }
      clearSessionCookie(ctx);
      ctx.body = { success: true };
    },
  });

  const me = defineRoute({
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'Current user',
    description: 'The logged-in user (session cookie or Bearer JWT).',
    auth: ['cookie', 'bearer'],
    responses: {
      200: { description: 'The caller', schema: userResponseSchema, example: userResponseExample },
      401: errorResponse('Not logged in', 'Authentication required'),
    },
    handler: (ctx, { auth }) => {
      ctx.body = { user: toPublicUser(auth.user) };
    },
  });

  const apiToken = defineRoute({
    method: 'post',
    path: '/api/auth/api-token',
    tag: 'api-access',
    summary: 'Exchange Client Credentials to API JWT',
    description:
      'Use the client credentials from Settings -> API Access to get a short-lived Bearer JWT for ' +
      `server-to-server API calls. \`ttlSec\` is between ${API_TOKEN_TTL.min} and ${API_TOKEN_TTL.max} ` +
      `(default ${API_TOKEN_TTL.default}). The token stops working when the key is rotated.`,
    auth: ['none'],
    request: { body: apiTokenBodySchema },
    responses: {
      200: { description: 'A Bearer JWT', schema: apiTokenResponseSchema, example: apiTokenResponseExample },
      400: errorResponse(
        'ttlSec out of range or a field missing',
        'ttlSec: must be between 60 and 86400 seconds',
      ),
      401: errorResponse('Unknown client or wrong key', 'Invalid client credentials'),
      403: errorResponse(
        'API access not approved, or the account is disabled',
        'API access is not approved for this account',
      ),
    },
    handler: async (ctx, { body }) => {
      const client = await findApiClientByClientId(deps.dataSource, body.clientId);
      // Compare against a fixed digest when the client is unknown, so both cases take the same time.
      const keyMatches = verifyTokenHash(body.apiKey, client?.apiKeyHash ?? '0'.repeat(64));
      if (!client || !keyMatches) throw new UnauthorizedError('Invalid client credentials');
      const user = await findUser(deps.dataSource, client.userId);
      if (!user || user.disabled) throw new ForbiddenError('This account is disabled');
      if (!user.apiAccessApproved) throw new ForbiddenError('API access is not approved for this account');
      ctx.state.logger.info({ userId: user.id, clientId: client.clientId }, 'API token issued');
      ctx.body = {
        success: true,
        tokenType: 'Bearer',
        accessToken: signApiToken(user.id, client.clientId, deps.config.jwtSecret, body.ttlSec),
        expiresInSec: body.ttlSec,
        clientNumber: user.id,
        clientId: client.clientId,
      };
    },
  });

  /**
   * The claims of a session JWT sent as Bearer or cookie, or undefined. Anything invalid is ignored:
   * logout never fails. Whether the session is still live is left to `endSessions(…, epoch)`.
   */
  const readSession = (authorization: string, cookie: string | undefined) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    for (const token of [bearer, cookie]) {
      if (!token) continue;
      try {
        const claims = verifyAuthToken(token, deps.config.jwtSecret);
        if (claims.typ === 'session' && isUuid(claims.sub)) return claims;
      } catch {
        // Not a valid session JWT: nothing to end.
      }
    }
    return undefined;
  };

  return createRouter(deps, [login, logout, me, apiToken]);
}
