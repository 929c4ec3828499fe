import type { Router } from '@koa/router';
import type { WhatsappAccount } from '../../entities/whatsapp-account';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { isAdmin } from '../auth/principal';
import { NotFoundError } from '../errors';
import { isFlowOf } from '../flows/flow-rows';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { errorResponseSchema } from '../schemas/system';
import {
  accountIdParamsSchema,
  listAccountsQuerySchema,
  updateAccountBodySchema,
  whatsappAccountExample,
  whatsappAccountSchema,
} from '../schemas/whatsapp-accounts';
import {
  findWhatsappAccount,
  listWhatsappAccounts,
  saveWhatsappAccountChanges,
} from '../whatsapp/whatsapp-account-rows';

const auth = ['cookie', 'bearer'] as const;

/**
 * The caller's connected WhatsApp numbers (`GET /api/whatsapp/accounts`, never the access token)
 * and their settings (`PATCH …/{id}`: inbound flow, send pacing). Accounts are connected by the CLI.
 */
export function createWhatsappAccountsRouter(deps: AuthDeps): Router<AppState> {
  const list = defineRoute({
    method: 'get',
    path: '/api/whatsapp/accounts',
    tag: 'whatsapp',
    summary: 'List WhatsApp accounts',
    description: "The caller's connected WhatsApp Business numbers. Admins may filter by userId.",
    auth,
    request: { query: listAccountsQuerySchema },
    responses: {
      200: {
        description: 'Accounts',
        schema: whatsappAccountSchema.array(),
        example: [whatsappAccountExample],
      },
    },
    handler: async (ctx, { query, auth }) => {
      const userId = isAdmin(auth.user) ? query.userId : auth.user.id;
      ctx.body = (await listWhatsappAccounts(deps.dataSource, userId)).map(toAccount);
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/api/whatsapp/accounts/{id}',
    tag: 'whatsapp',
    summary: 'Update a WhatsApp account',
    description:
      'Set the inbound flow (one of your flows, or null), the send pacing and the opt-out settings: ' +
      'optOutKeywords / optInKeywords (whole messages, compared case- and accent-insensitively; null ' +
      'restores the built-in lists of docs/contacts.md, [] turns that side off) and optOutConfirmation ' +
      '(sent once to a customer who opts out; null: none).',
    auth,
    request: { params: accountIdParamsSchema, body: updateAccountBodySchema },
    responses: {
      200: {
        description: 'The updated account',
        schema: whatsappAccountSchema,
        example: whatsappAccountExample,
      },
      404: {
        description: 'No such account or flow (or not yours)',
        schema: errorResponseSchema,
        example: { error: 'WhatsApp account not found' },
      },
    },
    handler: async (ctx, { params, body, auth }) => {
      const account = await findWhatsappAccount(deps.dataSource, params.id);
      if (!account || !(isAdmin(auth.user) || account.userId === auth.user.id)) {
        throw new NotFoundError('WhatsApp account not found');
      }
      if (body.inboundFlowId && !(await isFlowOf(deps.dataSource, body.inboundFlowId, account.userId))) {
        throw new NotFoundError('Flow not found');
      }
      ctx.body = toAccount(await saveWhatsappAccountChanges(deps.dataSource, account, body));
    },
  });

  return createRouter(deps, [list, update]);
}

function toAccount(account: WhatsappAccount) {
  return {
    id: account.id,
    phoneNumberId: account.phoneNumberId,
    displayPhoneNumber: account.displayPhoneNumber,
    inboundFlowId: account.inboundFlowId,
    messagesPerSecond: account.messagesPerSecond,
    optOutKeywords: account.optOutKeywords,
    optInKeywords: account.optInKeywords,
    optOutConfirmation: account.optOutConfirmation,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
