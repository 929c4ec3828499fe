import { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { equalsConstantTime } from '../../platform/secrets';
import type { AppConfig } from '../../platform/config';
import type { AppState } from '../app-state';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { verificationQuerySchema } from '../schemas/whatsapp-webhook';
import { handleWebhookNotification } from '../whatsapp/handle-webhook-notification';
import { verifyHubSignature } from '../whatsapp/verify-hub-signature';

/** What the WhatsApp webhook needs. */
export interface WhatsAppWebhookRouteDeps {
  config: Pick<AppConfig, 'whatsapp' | 'temporal'>;
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
 */
export function createWhatsAppWebhookRouter(deps: WhatsAppWebhookRouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  const { appSecret, verifyToken } = deps.config.whatsapp;

  router.get(WHATSAPP_WEBHOOK_PATH, (ctx) => {
    const query = verificationQuerySchema.safeParse(ctx.query);
    const token = query.success ? query.data['hub.verify_token'] : undefined;
    const challenge = query.success ? query.data['hub.challenge'] : undefined;
    if (
      !query.success ||
      query.data['hub.mode'] !== 'subscribe' ||
      token === undefined ||
      challenge === undefined ||
      !verifyToken ||
      !equalsConstantTime(token, verifyToken)
    ) {
      throw new ForbiddenError('Webhook verification failed');
    }
    ctx.type = 'text/plain';
    ctx.body = challenge;
  });

  router.post(WHATSAPP_WEBHOOK_PATH, async (ctx) => {
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
    ctx.status = 200;
    ctx.body = { success: true };
  });

  return router;
}
