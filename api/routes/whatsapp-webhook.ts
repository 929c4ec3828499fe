import type { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { equalsConstantTime } from '../../platform/secrets';
import type { AppConfig } from '../../platform/config';
import { z } from 'zod';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { errorResponseSchema } from '../schemas/system';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { verificationQuerySchema } from '../schemas/whatsapp-webhook';
import { handleWebhookNotification } from '../whatsapp/handle-webhook-notification';
import { verifyHubSignature } from '../whatsapp/verify-hub-signature';

/** What the WhatsApp webhook needs. */
export interface WhatsAppWebhookRouteDeps extends AuthDeps {
  config: AuthDeps['config'] &
    Pick<AppConfig, 'whatsapp' | 'temporal'> &
    Partial<Pick<AppConfig, 'webhooks'>>;
  dataSource: DataSource;
  temporalClient?: Client;
}

/** The callback URL to configure in the Meta app (WhatsApp → Configuration → Webhook). */
export const WHATSAPP_WEBHOOK_PATH = '/api/whatsapp/webhook';

/**
 * Meta's callback URL, `GET|POST /api/whatsapp/webhook`.
 * - GET: subscription check — `hub.mode=subscribe` and `hub.verify_token` equal to
 *   WHATSAPP_VERIFY_TOKEN answer 200 with `hub.challenge` as text/plain; anything else 403.
 * - POST: notifications, `X-Hub-Signature-256` checked over the raw body with WHATSAPP_APP_SECRET
 *   (401 when missing or wrong). Then messages and statuses are handled; the answer is 200 unless a
 *   message could not be handed to its run (503, so Meta redelivers; storing is deduplicated).
 *   The body is read here, not through a `request.body` schema: its malformed text is repaired by
 *   handleWebhookNotification instead of refused, so one odd message never costs the batch.
 */
export function createWhatsAppWebhookRouter(deps: WhatsAppWebhookRouteDeps): Router<AppState> {
  const { appSecret, verifyToken } = deps.config.whatsapp;

  const verify = defineRoute({
    method: 'get',
    path: WHATSAPP_WEBHOOK_PATH,
    tag: 'whatsapp',
    summary: 'WhatsApp Webhook Verification',
    description:
      'Meta’s subscription check for the callback URL: `hub.mode=subscribe` and `hub.verify_token` equal to WHATSAPP_VERIFY_TOKEN answer 200 with `hub.challenge` as text/plain; anything else 403.',
    auth: ['none'],
    request: { query: verificationQuerySchema },
    responses: {
      200: {
        description: 'The challenge',
        schema: z.string(),
        contentType: 'text/plain',
        example: '1158201444',
      },
      403: { description: 'Verification failed', schema: errorResponseSchema },
    },
    handler: (ctx, { query }) => {
      const token = query['hub.verify_token'];
      const challenge = query['hub.challenge'];
      if (
        query['hub.mode'] !== 'subscribe' ||
        typeof token !== 'string' ||
        typeof challenge !== 'string' ||
        challenge.length > 512 ||
        !verifyToken ||
        !equalsConstantTime(token, verifyToken)
      ) {
        throw new ForbiddenError('Webhook verification failed');
      }
      ctx.type = 'text/plain';
      ctx.body = challenge;
    },
  });

  const notify = defineRoute({
    method: 'post',
    path: WHATSAPP_WEBHOOK_PATH,
    tag: 'whatsapp',
    summary: 'WhatsApp Webhook Notifications',
    description:
      'Meta’s notifications (messages and statuses). `X-Hub-Signature-256` must be `sha256=` + hex HMAC-SHA256 of the raw body with WHATSAPP_APP_SECRET (401 otherwise). Customer messages are stored once (by wamid), renew the 24-hour window and are signalled to the conversation’s run; a customer without an open conversation starts the number’s inbound flow, or — without one — opens a flow-less conversation in status `handoff` for agents. Statuses update our messages and never move backwards. Unknown phone_number_ids and other notification kinds are acknowledged (200) and logged. Text PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates) is stored with U+FFFD in its place, never refused. 503 only when a message could not be handed to its run, so Meta redelivers it; the rest of the batch is stored first.',
    auth: ['none'],
    responses: {
      200: { description: 'Handled', schema: z.object({ success: z.literal(true) }) },
      400: { description: 'Not JSON', schema: errorResponseSchema },
      401: { description: 'Missing or invalid signature', schema: errorResponseSchema },
      503: {
        description: 'A message could not be handed to its run; Meta retries',
        schema: errorResponseSchema,
      },
    },
    handler: async (ctx) => {
      const signature = ctx.get('X-Hub-Signature-256') || undefined;
      if (!verifyHubSignature(ctx.request.rawBody, signature, appSecret)) {
        throw new UnauthorizedError('Missing or invalid X-Hub-Signature-256');
      }
      const summary = await handleWebhookNotification(
        {
          dataSource: deps.dataSource,
          temporalClient: deps.temporalClient,
          taskQueue: deps.config.temporal.taskQueue,
          logger: ctx.state.logger,
          webhookRetry: deps.config.webhooks?.retry,
        },
        ctx.request.body,
      );
      if (summary.unknownPhoneNumberIds.length > 0) {
        ctx.state.logger.warn(
          { phoneNumberIds: summary.unknownPhoneNumberIds },
          'WhatsApp webhook for unknown phone_number_id acknowledged',
        );
      }
      ctx.state.logger.debug({ summary }, 'WhatsApp webhook handled');
      ctx.body = { success: true };
    },
  });

  return createRouter(deps, [verify, notify]);
}
