/**
 * The activities of `webhookDeliveryWorkflow`. `deliverWebhook` makes one attempt: it reads the
 * delivery and its endpoint, signs the stored body, POSTs it through the http_request node's SSRF
 * guard (http/send-guarded-request.ts) with a deadline, and records the attempt on the row. A non-2xx
 * answer or a network error is thrown, so Temporal retries on the workflow's schedule; an address the
 * guard refuses is not retried. A delivery no longer pending (already delivered, or a second run of
 * the same series) is not sent again.
 */
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { WebhookDeliveryStatus } from '../../entities/webhook-delivery';
import { decryptSecret } from '../../platform/secrets';
import { webhookFailureTypes } from '../../workflows/webhook-delivery-definitions';
import {
  HttpRequestRefusedError,
  sendGuardedRequest,
  type GuardedRequestOptions,
} from '../http/send-guarded-request';
import { signWebhook, WEBHOOK_HEADERS } from './sign-webhook';

export interface WebhookActivityDeps {
  dataSource: DataSource;
  dataEncryptionKey: Buffer;
  /** HTTP_NODE_ALLOW_PRIVATE: endpoints on loopback/private addresses are allowed (development only). */
  allowPrivateNetworks: boolean;
  /** Deadline of one POST. Default 10 s. */
  timeoutMs?: number;
  /** Test seam of the SSRF guard: which addresses count as public. */
  isPublicAddress?: GuardedRequestOptions['isPublicAddress'];
}

interface DeliveryToSend {
  status: WebhookDeliveryStatus;
  eventType: string;
  payload: Record<string, unknown>;
  url: string;
  secretEncrypted: string;
  enabled: boolean;
  endpointId: string;
}

/** What the receiver may answer is kept short in the log. */
const MAX_ERROR_CHARS = 500;

/** Creates `deliverWebhook` and `markWebhookDeliveryFailed`. */
export function createWebhookActivities(deps: WebhookActivityDeps) {
  const { dataSource } = deps;
  const guard: GuardedRequestOptions = {
    allowPrivateNetworks: deps.allowPrivateNetworks,
    // The answer is only read for the log.
    maxResponseBytes: 64 * 1024,
    isPublicAddress: deps.isPublicAddress,
  };
  return {
    /** One attempt; resolves when delivered (or nothing is left to deliver), throws to be retried. */
    async deliverWebhook(deliveryId: string): Promise<'delivered' | 'failed'> {
      const rows: DeliveryToSend[] = await dataSource.query(
        `SELECT d.status, d."eventType", d.payload, d."endpointId", e.url, e."secretEncrypted", e.enabled
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
          WHERE d.id = $1`,
        [deliveryId],
      );
      const delivery = rows[0];
      // Deleted with its endpoint: nobody is left to tell.
      if (!delivery) return 'failed';
      if (delivery.status !== 'pending') return delivery.status;
      const logFields = { deliveryId, endpointId: delivery.endpointId, eventType: delivery.eventType };
      if (!delivery.enabled) {
        await recordAttempt(dataSource, deliveryId, {
          statusCode: null,
          error: 'Endpoint disabled',
          final: 'failed',
        });
        log.info('Webhook endpoint disabled; delivery given up', logFields);
        return 'failed';
      }

      const body = JSON.stringify(delivery.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      const secret = decryptSecret(delivery.secretEncrypted, deps.dataEncryptionKey);
      const signal = AbortSignal.any([
        AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        Context.current().cancellationSignal,
      ]);
      let statusCode: number;
      let answer: string;
      try {
        const response = await sendGuardedRequest(
          new URL(delivery.url),
          {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'User-Agent': 'FlowBot-Webhooks/1',
              [WEBHOOK_HEADERS.event]: delivery.eventType,
              [WEBHOOK_HEADERS.delivery]: deliveryId,
              [WEBHOOK_HEADERS.timestamp]: String(timestamp),
              [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
            },
            body,
          },
          guard,
          signal,
        );
        statusCode = response.status;
        answer = response.body.toString('utf8');
      } catch (error) {
        const refused = error instanceof HttpRequestRefusedError;
        const message = describeError(error);
        await recordAttempt(dataSource, deliveryId, {
          statusCode: null,
          error: message,
          final: refused ? 'failed' : undefined,
        });
        log.warn('Webhook attempt failed', { ...logFields, error: message });
        throw ApplicationFailure.create({
          message,
          type: refused ? webhookFailureTypes.refused : webhookFailureTypes.rejected,
          nonRetryable: refused,
          cause: error instanceof Error ? error : undefined,
        });
      }

      if (statusCode >= 200 && statusCode < 300) {
        await recordAttempt(dataSource, deliveryId, { statusCode, error: null, final: 'delivered' });
        log.info('Webhook delivered', { ...logFields, statusCode });
        return 'delivered';
      }
      const message = `HTTP ${statusCode}${answer ? `: ${answer}` : ''}`.slice(0, MAX_ERROR_CHARS);
      await recordAttempt(dataSource, deliveryId, { statusCode, error: message });
      log.warn('Webhook endpoint answered an error', { ...logFields, statusCode });
      throw ApplicationFailure.create({ message, type: webhookFailureTypes.rejected });
    },

    /** The schedule has given up: the delivery is `failed` (unless an attempt delivered it). */
    async markWebhookDeliveryFailed(deliveryId: string): Promise<void> {
      await dataSource.query(
        `UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`,
        [deliveryId],
      );
    },
  };
}

/** Counts an attempt and what it got; `final` ends the series. */
async function recordAttempt(
  dataSource: DataSource,
  deliveryId: string,
  attempt: { statusCode: number | null; error: string | null; final?: 'delivered' | 'failed' },
): Promise<void> {
  await dataSource.query(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, "lastStatusCode" = $2, "lastError" = $3, "lastAttemptAt" = now(),
            status = COALESCE($4, status),
            "deliveredAt" = CASE WHEN $4 = 'delivered' THEN now() ELSE "deliveredAt" END
      WHERE id = $1 AND status = 'pending'`,
    [deliveryId, attempt.statusCode, attempt.error, attempt.final ?? null],
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'Timed out';
  return (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
}
