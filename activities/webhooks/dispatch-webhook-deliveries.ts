/**
 * Hands recorded webhook deliveries (entities/webhook-outbox.ts) to Temporal: one
 * `webhookDeliveryWorkflow` per delivery. Called right after the transaction that recorded them
 * committed (by the API and the activities), and by the worker's sweep for rows whose starter died
 * between its commit and its start. Starting is idempotent by workflow id: a series already running is
 * left alone (a redelivery replaces it instead), and the delivery activity never sends a delivery
 * that is no longer pending.
 */
import type { Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import {
  webhookDeliveryWorkflowId,
  type WebhookDeliveryWorkflowInput,
  type WebhookRetrySchedule,
} from '../../workflows/webhook-delivery-definitions';

/** Where and how delivery runs are started. */
export interface WebhookDispatchTarget {
  client: Client;
  dataSource: Pick<DataSource | EntityManager, 'query'>;
  taskQueue: string;
  retry: WebhookRetrySchedule;
}

/**
 * Starts the delivery runs of `deliveryIds` and stamps them dispatched. Rejects when Temporal cannot
 * be reached; the caller logs it and goes on (the sweep starts them later), since the change that
 * caused the events has committed already.
 */
export async function dispatchWebhookDeliveries(
  target: WebhookDispatchTarget,
  deliveryIds: string[],
  options: { redelivery?: boolean } = {},
): Promise<void> {
  if (deliveryIds.length === 0) return;
  await Promise.all(
    deliveryIds.map(async (deliveryId) => {
      const input: WebhookDeliveryWorkflowInput = { deliveryId, retry: target.retry };
      await target.client.workflow.start('webhookDeliveryWorkflow', {
        taskQueue: target.taskQueue,
        workflowId: webhookDeliveryWorkflowId(deliveryId),
        args: [input],
        staticSummary: `Webhook delivery ${deliveryId}`,
        // A redelivery's previous series has finished its work (the row was not pending) but its run
        // may not have closed yet: replacing it keeps the new series from being taken for it.
        workflowIdConflictPolicy: options.redelivery ? 'TERMINATE_EXISTING' : 'USE_EXISTING',
      });
    }),
  );
  await target.dataSource.query(
    `UPDATE webhook_deliveries SET "dispatchedAt" = now() WHERE id = ANY ($1::uuid[]) AND "dispatchedAt" IS NULL`,
    [deliveryIds],
  );
}

/**
 * Starts the runs of pending deliveries queued more than `olderThanMs` ago and never dispatched (at
 * most `limit`); returns how many. The age leaves the starter that recorded them time to do it.
 */
export async function sweepWebhookDeliveries(
  target: WebhookDispatchTarget,
  options: { olderThanMs: number; limit?: number },
): Promise<number> {
  const rows: { id: string }[] = await target.dataSource.query(
    `SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND "dispatchedAt" IS NULL
        AND "queuedAt" < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY "queuedAt" LIMIT $2`,
    [options.olderThanMs, options.limit ?? 500],
  );
  await dispatchWebhookDeliveries(
    target,
    rows.map((row) => row.id),
  );
  return rows.length;
}

/**
 * What the activities call after a commit that recorded deliveries. Never rejects: a delivery not
 * started now is started by the sweep.
 */
export type DispatchWebhooks = (deliveryIds: string[]) => Promise<void>;
