import type { Router } from '@koa/router';
import { hashToken } from '../../platform/secrets';
import type { AppState } from '../app-state';
import { findApiClientOf, saveApiClient } from '../auth/api-client-rows';
import { generateApiCredentials } from '../auth/api-credentials';
import type { AuthDeps } from '../auth/authenticate-request';
import { ForbiddenError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { apiAccessStatusSchema, rotatedApiCredentialsSchema } from '../schemas/settings';
import { errorResponseSchema } from '../schemas/system';

/**
 * Settings → API Access: `GET /api/settings/api-access` (client id and approval) and
 * `POST /api/settings/api-access/rotate` (new client id and key, shown once; the old key and every
 * API token issued for it stop working at once).
 */
export function createSettingsRouter(deps: AuthDeps): Router<AppState> {
  const status = defineRoute({
    method: 'get',
    path: '/api/settings/api-access',
    tag: 'api-access',
    summary: 'API access status',
    description:
      'The current client id (null before the first rotation), whether API usage is approved, and when the key was last rotated.',
    auth: ['cookie', 'bearer'],
    responses: {
      200: {
        description: 'Status',
        schema: apiAccessStatusSchema,
        example: { clientId: 'aiflow_Q2xpZW50SWQx', approved: true, rotatedAt: '2025-01-20T14:30:00.000Z' },
      },
    },
    handler: async (ctx, { auth }) => {
      const client = await findApiClientOf(deps.dataSource, auth.user.id);
      ctx.body = {
        clientId: client?.clientId ?? null,
        approved: auth.user.apiAccessApproved,
        rotatedAt: client?.rotatedAt.toISOString() ?? null,
      };
    },
  });

  const rotate = defineRoute({
    method: 'post',
    path: '/api/settings/api-access/rotate',
    tag: 'api-access',
    summary: 'Create or rotate the API key',
    description:
      'Generates a new `clientId` (`aiflow_…`) and `apiKey` (`sk_…`). The key is shown only in this response ' +
      'and stored hashed; the previous key and API tokens issued for it stop working at once. ' +
      'Needs approved API access and a login session (an API token cannot rotate its own key).',
    auth: ['cookie', 'bearer'],
    responses: {
      200: {
        description: 'The new credentials',
        schema: rotatedApiCredentialsSchema,
        example: {
          clientId: 'aiflow_Q2xpZW50SWQx',
          apiKey: 'sk_xxxxxxxxxxxxxxxxx',
          rotatedAt: '2025-01-20T14:30:00.000Z',
        },
      },
      403: {
        description: 'Not approved, or called with an API token',
        schema: errorResponseSchema,
        example: { error: 'API access is not approved for this account' },
      },
    },
    handler: async (ctx, { auth }) => {
      if (auth.tokenType !== 'session')
        throw new ForbiddenError('Rotate API credentials from a login session');
      if (!auth.user.apiAccessApproved)
        throw new ForbiddenError('API access is not approved for this account');
      const credentials = generateApiCredentials();
      const rotatedAt = new Date();
      await saveApiClient(deps.dataSource, {
        userId: auth.user.id,
        clientId: credentials.clientId,
        apiKeyHash: hashToken(credentials.apiKey),
        rotatedAt,
      });
      ctx.state.logger.info(
        { userId: auth.user.id, clientId: credentials.clientId },
        'API credentials rotated',
      );
      ctx.body = { ...credentials, rotatedAt: rotatedAt.toISOString() };
    },
  });

  return createRouter(deps, [status, rotate]);
}
