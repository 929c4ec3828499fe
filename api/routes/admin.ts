import type { Router } from '@koa/router';
import type { User } from '../../entities/user';
import { findPasswordProblem, MIN_PASSWORD_LENGTH } from '../../platform/password-policy';
import { hashPassword } from '../../platform/secrets';
import type { AppState } from '../app-state';
import { signSessionToken } from '../auth/auth-tokens';
import type { AuthDeps } from '../auth/authenticate-request';
import { setSessionCookie } from '../auth/session-cookie';
import { BadRequestError, NotFoundError, UnprocessableEntityError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import {
  adminUserExample,
  adminUserSchema,
  createUserBodySchema,
  updateUserBodySchema,
  userIdParamsSchema,
} from '../schemas/admin';
import { errorResponseSchema } from '../schemas/system';
import { findUser, insertUser, listUsers, saveUserChanges } from '../users/user-rows';

const notFound = {
  description: 'No such user',
  schema: errorResponseSchema,
  example: { error: 'User not found' },
};
const PASSWORD_RULES =
  `at least ${MIN_PASSWORD_LENGTH} characters, not the username, not one character or a short block ` +
  'repeated, not a run such as 12345678, abcdefgh or qwertyui, and not one of the most common passwords; ' +
  'otherwise 400 saying why';
const weakPassword = {
  description: 'Invalid body, or a password that is too easy to guess (the error says why)',
  schema: errorResponseSchema,
  example: { error: 'password: is one of the most common passwords; choose one less easy to guess' },
};
const forbidden = {
  description: 'The caller is not an admin',
  schema: errorResponseSchema,
  example: { error: 'Only administrators may do this' },
};

/**
 * User management for admins: list, create, read and update users (role, API approval, disabled,
 * name, email, password). Approving API usage here is what lets a user create an API key.
 */
export function createAdminRouter(deps: AuthDeps): Router<AppState> {
  const findExistingUser = async (id: string) => {
    const user = await findUser(deps.dataSource, id);
    if (!user) throw new NotFoundError('User not found');
    return user;
  };

  const list = defineRoute({
    method: 'get',
    path: '/api/admin/users',
    tag: 'admin',
    summary: 'List users',
    auth: ['cookie', 'bearer'],
    role: 'admin',
    responses: {
      200: {
        description: 'Every user, oldest first',
        schema: adminUserSchema.array(),
        example: [adminUserExample],
      },
      403: forbidden,
    },
    handler: async (ctx) => {
      ctx.body = (await listUsers(deps.dataSource)).map(toAdminUser);
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/api/admin/users',
    tag: 'admin',
    summary: 'Create a user',
    description: `The password must be hard to guess: ${PASSWORD_RULES}.`,
    auth: ['cookie', 'bearer'],
    role: 'admin',
    request: { body: createUserBodySchema },
    responses: {
      201: { description: 'Created', schema: adminUserSchema, example: adminUserExample },
      400: weakPassword,
      403: forbidden,
      409: {
        description: 'Username taken',
        schema: errorResponseSchema,
        example: { error: 'Username is already taken' },
      },
    },
    handler: async (ctx, { body }) => {
      assertAcceptablePassword(body.password, body.username);
      const user = await insertUser(deps.dataSource, {
        username: body.username,
        displayName: body.displayName ?? body.username,
        email: body.email ?? null,
        role: body.role,
        apiAccessApproved: body.apiAccessApproved,
        passwordHash: await hashPassword(body.password),
      });
      ctx.status = 201;
      ctx.body = toAdminUser(user);
    },
  });

  const read = defineRoute({
    method: 'get',
    path: '/api/admin/users/{id}',
    tag: 'admin',
    summary: 'Get a user',
    auth: ['cookie', 'bearer'],
    role: 'admin',
    request: { params: userIdParamsSchema },
    responses: {
      200: { description: 'The user', schema: adminUserSchema, example: adminUserExample },
      403: forbidden,
      404: notFound,
    },
    handler: async (ctx, { params }) => {
      ctx.body = toAdminUser(await findExistingUser(params.id));
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/api/admin/users/{id}',
    tag: 'admin',
    summary: 'Update a user',
    description:
      'Any of role, apiAccessApproved, disabled, displayName, email, password. A disabled user is refused ' +
      'everywhere at once (sessions and API tokens included). A new password, a new role or disabling ends ' +
      'every login session of the user (401 from then on); an admin changing their own password keeps the ' +
      'session they call with (a fresh session cookie comes with the answer). Admins cannot disable or ' +
      'demote themselves. ' +
      `A new password must be hard to guess: ${PASSWORD_RULES}.`,
    auth: ['cookie', 'bearer'],
    role: 'admin',
    request: { params: userIdParamsSchema, body: updateUserBodySchema },
    responses: {
      200: { description: 'The updated user', schema: adminUserSchema, example: adminUserExample },
      400: weakPassword,
      403: forbidden,
      404: notFound,
      422: {
        description: 'An admin tried to lock themselves out',
        schema: errorResponseSchema,
        example: { error: 'You cannot disable or demote your own account' },
      },
    },
    handler: async (ctx, { params, body, auth }) => {
      const user = await findExistingUser(params.id);
      if (user.id === auth.user.id && (body.disabled === true || body.role === 'user')) {
        throw new UnprocessableEntityError('You cannot disable or demote your own account');
      }
      const { password, ...fields } = body;
      if (password !== undefined) assertAcceptablePassword(password, user.username);
      const endsSessions =
        password !== undefined ||
        (fields.role !== undefined && fields.role !== user.role) ||
        (fields.disabled === true && !user.disabled);
      const changes = {
        ...fields,
        ...(password !== undefined && { passwordHash: await hashPassword(password) }),
      };
      const { user: updated, epoch } = await saveUserChanges(deps.dataSource, user, changes, {
        endSessions: endsSessions,
      });
      if (epoch !== undefined && user.id === auth.user.id && auth.tokenType === 'session') {
        setSessionCookie(ctx, signSessionToken(user.id, epoch, deps.config.jwtSecret));
      }
      ctx.body = toAdminUser(updated);
    },
  });

  return createRouter(deps, [list, create, read, update]);
}

/** 400 naming why, for a password too easy to guess (platform/password-policy.ts). */
function assertAcceptablePassword(password: string, username: string): void {
  const problem = findPasswordProblem(password, username);
  if (problem) throw new BadRequestError(`password: ${problem}`);
}

function toAdminUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    apiAccessApproved: user.apiAccessApproved,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
